"""Fuzz the safe YAML reader and the definition loader: only typed problems come out."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kpitrack.core.problems import Problem
from kpitrack.definitions.load import read_definitions
from kpitrack.definitions.yamlsafe import MAX_DEPTH, decode_utf8, parse_yaml

from .conftest import FUZZ, REPO

# YAML-ish text: the characters that drive the grammar, plus anything else.
YAML_ALPHABET = st.sampled_from(
    [*list(":-[]{},#&*!|>'\"%@`?\n\t \\"), "yes", "012", "1e3", "1:30", "~", "0x1F", "2019-02-30"]
)
yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(YAML_ALPHABET, st.text(max_size=5)), max_size=80).map("".join),
)


def assert_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem) and problem.code and problem.message
        assert problem.line is None or problem.line >= 1
        assert problem.column is None or problem.column >= 1


@FUZZ
@given(yaml_text)
def test_parse_yaml_returns_problems_never_raises(text: str) -> None:
    _doc, problems = parse_yaml(text, "fuzz.yaml")
    assert_problems(problems)
    assert all(p.file == "fuzz.yaml" for p in problems)


@FUZZ
@given(st.binary(max_size=400))
def test_decode_utf8_locates_bad_bytes(raw: bytes) -> None:
    text, problem = decode_utf8(raw, "fuzz.yaml")
    if problem is None:
        assert text == raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    else:
        assert problem.code == "encoding" and problem.line and problem.column


@FUZZ
@given(st.integers(min_value=1, max_value=200), st.sampled_from(["[", "{a: ", "- "]))
def test_nesting_is_bounded(depth: int, opener: str) -> None:
    if opener == "- ":
        text = "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        closer = "]" if opener == "[" else "}"
        text = opener * depth + "x" + closer * depth
    _doc, problems = parse_yaml(text)
    assert_problems(problems)
    if depth <= MAX_DEPTH - 1:
        assert not [p for p in problems if p.code in ("yaml-too-deep",)]
    if depth > MAX_DEPTH + 1:
        assert problems


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "id: zaken-naar-om\n",
                "action_line: AL1\n",
                "measure: count\n",
                "measure: percentage\n",
                "direction: on\n",
                "baseline: {period: 2017, value: 1e3}\n",
                "baseline: {period: '2017', value: .inf}\n",
                "targets: [{period: '2019', value: 190, set: 2019-02-30}]\n",
                "targets: []\n",
                "owner: politie\n",
                "dimensions: [regio, regio]\n",
                "name: {nl: a, en: b, fy: c}\n",
                "frequency: year\n",
                "- x\n",
                "&a x: *a\n",
                "!!python/object:os.system x\n",
                "unit: {nl: '\\x01', en: x}\n",
            ]
        ),
        max_size=12,
    )
)
def test_loading_a_fuzzed_indicator_gives_problems_only(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        shutil.copytree(REPO / "programme", root / "programme")
        (root / "kpis").mkdir()
        (root / "kpis" / "zaken-naar-om.yaml").write_text("".join(lines), encoding="utf-8")
        loaded = read_definitions(root)
        programme, _indicators, problems = loaded.programme, loaded.indicators, loaded.problems
        assert_problems(problems)
        assert programme is not None
