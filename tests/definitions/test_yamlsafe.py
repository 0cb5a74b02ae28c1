"""The safe YAML reader: values, positions and every refusal with its location."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from kpitrack.definitions.yamlsafe import (
    MAX_BYTES,
    ambiguity,
    format_path,
    parse_yaml,
    read_yaml,
    resolve_plain,
)

from .conftest import FIXTURES

YAML = FIXTURES / "yaml"


def located(path: Path) -> list[tuple[int | None, int | None, str]]:
    _doc, problems = read_yaml(path)
    return [(p.line, p.column, p.code) for p in problems]


def test_plain_scalars_resolve_like_yaml_1_2_core() -> None:
    doc, problems = read_yaml(YAML / "values.yaml")
    assert problems == []
    data = doc.data
    assert data["none1"] is None and data["none2"] is None and data["none3"] is None
    assert data["yes_bool"] is True and data["no_bool"] is False
    assert data["int"] == 42 and isinstance(data["int"], int)
    assert data["negative"] == -7
    assert data["float"] == 2.5
    assert data["date"] == date(2019, 6, 30)
    assert data["not_a_date"] == "2019-02-30"
    assert data["period"] == "2019-H1"
    assert data["quoted_int"] == "42"
    assert data["quoted_date"] == "2019-06-30"
    assert data["text"] == "Politie, jaarverslag"
    assert data["list"] == [1, "two", 3.0]
    assert data["nested"] == {"a": {"b": ["x"]}}


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc, _ = read_yaml(YAML / "values.yaml")
    assert doc.positions[("int",)] == (7, 6)
    assert doc.key_positions[("int",)] == (7, 1)
    assert doc.positions[("list", 1)] == (16, 11)
    assert doc.positions[("nested", "a", "b", 0)] == (17, 18)


def test_duplicate_key_is_located_at_the_second_key() -> None:
    _doc, problems = read_yaml(YAML / "duplicate-key.yaml")
    assert [(p.line, p.column, p.code, p.path) for p in problems] == [
        (4, 1, "yaml-duplicate-key", "id")
    ]
    assert "first at line 1" in problems[0].message


def test_ambiguous_plain_scalars_keys_and_values_need_quotes() -> None:
    doc, problems = read_yaml(YAML / "ambiguous.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (2, 9, "yaml-ambiguous-scalar"),  # yes
        (3, 3, "yaml-ambiguous-scalar"),  # Off as a key
        (4, 7, "yaml-ambiguous-scalar"),  # 012
        (5, 9, "yaml-ambiguous-scalar"),  # 1_000
        (6, 7, "yaml-ambiguous-scalar"),  # 1:30
        (7, 6, "yaml-ambiguous-scalar"),  # 1e3
    ]
    assert 'quote it: "yes"' in problems[0].message
    assert doc.data["quoted"] == "yes"  # quoted: no problem
    assert doc.data["fine"] == 2019


def test_ambiguity_rules() -> None:
    for text in [
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "012",
        "-07",
        "1_000",
        "1:30",
        "1e3",
        "2.5E-3",
        "0x1F",
        "0o17",
        ".inf",
        "2019-06-30 10:00",
    ]:
        assert ambiguity(text) is not None, text
    for text in [
        "true",
        "False",
        "null",
        "2019",
        "0",
        "2.5",
        "2019-06-30",
        "2019-H1",
        "AL1.3",
        "Noord-Nederland",
        "yesterday",
        "none",
    ]:
        assert ambiguity(text) is None, text


def test_resolve_plain() -> None:
    assert resolve_plain("0") == 0
    assert resolve_plain("+3") == 3
    assert resolve_plain(".5") == 0.5
    assert resolve_plain("2020-02-29") == date(2020, 2, 29)
    assert resolve_plain("AL1") == "AL1"


def test_tags_are_refused_and_nothing_is_constructed() -> None:
    doc, problems = read_yaml(YAML / "tag.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [
        (1, 5, "yaml-tag"),
        (2, 8, "yaml-tag"),
    ]
    assert doc.data["value"] == ["echo pwned"]  # plain data, never a call


def test_anchors_and_aliases_are_refused() -> None:
    assert located(YAML / "anchors.yaml") == [(1, 7, "yaml-anchor"), (2, 7, "yaml-alias")]


def test_billion_laughs_costs_nothing() -> None:
    started = time.perf_counter()
    doc, problems = read_yaml(YAML / "billion-laughs.yaml")
    assert time.perf_counter() - started < 0.5
    assert problems[0].code == "yaml-anchor" and (problems[0].line, problems[0].column) == (1, 4)
    assert {p.code for p in problems} == {"yaml-anchor", "yaml-alias"}
    assert len([p for p in problems if p.code == "yaml-alias"]) == 8 * 9
    assert doc.data["b"] == [None] * 9  # aliases are never expanded


def test_nesting_deeper_than_32_is_refused() -> None:
    doc, problems = read_yaml(YAML / "too-deep.yaml")
    # "deep: " then 32 '[' are allowed (33 levels with the top mapping is the 33rd start).
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 38, "yaml-too-deep")]
    assert doc.data is None


def test_files_over_one_mebibyte_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    _doc, problems = read_yaml(big, "kpis/big.yaml")
    assert [(p.file, p.code) for p in problems] == [("kpis/big.yaml", "file-too-large")]


def test_non_utf8_is_located_at_the_bad_byte() -> None:
    _doc, problems = read_yaml(YAML / "latin1.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 15, "encoding")]
    assert "0xe9" in problems[0].message


def test_a_utf8_bom_is_fine() -> None:
    doc, problems = read_yaml(YAML / "bom.yaml")
    assert problems == []
    assert doc.data == {"id": "zaken", "name": {"nl": "Café", "en": "Café"}}
    assert doc.positions[("id",)] == (1, 5)


def test_syntax_error_has_its_position() -> None:
    doc, problems = read_yaml(YAML / "syntax.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(3, 8, "yaml-syntax")]
    assert doc.data is None


def test_all_problems_of_a_file_are_collected() -> None:
    assert located(YAML / "three-problems.yaml") == [
        (2, 12, "yaml-ambiguous-scalar"),
        (3, 1, "yaml-duplicate-key"),
        (4, 6, "yaml-ambiguous-scalar"),
    ]


def test_only_one_document_per_file() -> None:
    assert located(YAML / "two-documents.yaml") == [(2, 1, "yaml-syntax")]


def test_control_characters_are_a_located_syntax_error() -> None:
    _doc, problems = parse_yaml('a: ok\nb: "x\x07"\n', "f.yaml")
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 6, "yaml-syntax")]


def test_format_path() -> None:
    assert format_path(("action_lines", 2, "actions", 0, "due")) == "action_lines[2].actions[0].due"
    assert format_path((0, "a")) == "[0].a"
    assert format_path(("codes", "a b")) == "codes['a b']"
