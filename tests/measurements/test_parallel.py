"""Checking a CSV's rows in two processes agrees with checking them in one.

Every test lowers the size from which a file is split to nothing and compares the outcome (all
problems in order, warnings, totals, read problems, counts, decimal verdict, keys, stored text)
with the single-process plain path and with the full check of every row: tables cut at random
places, with keys given again across the cut, problems on either side, quoted cells holding line
breaks and delimiters, stray quotes that hide where a record ends, and the error cap.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpitrack.definitions.load import read_definitions
from kpitrack.measurements import parallel, rows, validate
from kpitrack.measurements.readers import read_csv, record_boundary
from measurement_tables import CELLS, COLUMNS, Definitions, outcome, small_definitions, tables

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

KEYS = (
    [("zaken", str(year), region) for year in range(2017, 2023) for region in ("", "noord", "zuid")]
    + [("aandeel", f"{year}-H{half}", "") for year in range(2017, 2023) for half in (1, 2)]
    + [
        ("bedrag", f"{year}-Q{quarter}", region)
        for year in range(2017, 2023)
        for quarter in range(1, 5)
        for region in ("", "noord", "zuid")
    ]
)
VALUES = {
    "zaken": ["0", "12", "007", "250"],
    "aandeel": ["12", "99.5", "100", "1.234"],
    "bedrag": ["12.5", "1.234", "123.456", "0.5", "250"],
}
NOTES = ["", "", "", "bron: CBS", "a, b", "twee\nregels", 'zei "ja"', "=x", "r\r\nn"]
STRAY = '5" scherm'  # an unquoted cell holding a quote, as some exports write it


@pytest.fixture(scope="module")
def definitions(tmp_path_factory: pytest.TempPathFactory) -> Definitions:
    return small_definitions(tmp_path_factory.mktemp("parallel") / "ws")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Split every file; yields one entry per fork, True once the child's rows were joined."""
    if not parallel.can_fork():
        pytest.skip("no second processor, or threads running: the rows are never split here")
    made: list[bool] = []
    start, join = parallel.Child.start, parallel._join

    def counted_start(work: Callable[[], object]) -> parallel.Child | None:
        made.append(False)
        return start(work)

    def counted_join(checker: rows.RowChecker, recorded: parallel._Recorded) -> bool:
        made[-1] = join(checker, recorded)
        return made[-1]

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel.Child, "start", staticmethod(counted_start))
    monkeypatch.setattr(parallel, "_join", counted_join)
    yield made


def _one_process(
    text: str, definitions: Definitions, keep: bool, partner: str = "politie"
) -> tuple[object, ...]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "PARALLEL_MIN_BYTES", 1 << 60)
        return outcome(text, definitions, keep=keep, partner=partner)


def _agree(
    text: str, definitions: Definitions, share: float, forks: list[bool], keep: bool = False
) -> tuple[object, ...]:
    """The outcome in two processes, checked against one process and against the full check."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "FIRST_SHARE", share)
        before = len(forks)
        split = outcome(text, definitions, keep=keep)
        cut = record_boundary(read_csv("t.csv", text.encode("utf-8")), share)
        assert len(forks) == before + (cut is not None)
    assert split == _one_process(text, definitions, keep)
    assert split == outcome(text, definitions, plain=False, keep=keep)
    return split


def _cell(text: str, delimiter: str) -> str:
    """A cell as a spreadsheet writes it: quoted when it must be (the stray quote never is)."""
    if text != STRAY and any(c in text for c in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def cut_tables(draw: st.DrawFn) -> str:
    """Mostly valid rows with distinct keys; some given again, some wrong, some blank."""
    header = draw(st.permutations(COLUMNS))
    delimiter = draw(st.sampled_from([",", ";"]))
    keys = draw(st.permutations(KEYS))[: draw(st.integers(1, 60))]
    # Percentages of wrong rows and of keys given again: none, a few or many.
    wrong = draw(st.sampled_from([0, 0, 2, 10]))
    again = wrong + draw(st.sampled_from([0, 5, 20]))
    given: list[tuple[str, str, str]] = []
    lines = [delimiter.join(header)]
    for key in keys:
        roll = draw(st.integers(0, 99))
        if roll < 2:
            lines.append("")
            continue
        if roll < 2 + wrong:
            cells = {name: draw(st.sampled_from(CELLS[name])) for name in header}
        else:
            if roll < 2 + again and given:
                key = draw(st.sampled_from(given))  # the same key again
            indicator, period, region = key
            given.append(key)
            lower, upper = draw(st.sampled_from([("", ""), ("", ""), ("0", ""), ("0", "300,5")]))
            cells = {
                "indicator": indicator,
                "period": period,
                "value": draw(st.sampled_from(VALUES[indicator])),
                "region": region,
                "obs_status": draw(st.sampled_from(["", "A", "P", "E"])),
                "lower": lower,
                "upper": upper,
                "note": draw(st.sampled_from([*NOTES, STRAY])),
            }
        lines.append(delimiter.join(_cell(cells[name], delimiter) for name in header))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return ending.join(lines) + ending


@SETTINGS
@given(text=cut_tables(), share=st.floats(0, 1), keep=st.booleans())
def test_two_processes_agree_with_one(
    text: str, share: float, keep: bool, definitions: Definitions, forks: list[bool]
) -> None:
    _agree(text, definitions, share, forks, keep)


@SETTINGS
@given(text=tables(), share=st.floats(0, 1))
def test_two_processes_agree_on_rejected_tables(
    text: str, share: float, definitions: Definitions, forks: list[bool]
) -> None:
    _agree(text, definitions, share, forks)


@SETTINGS
@given(text=st.one_of(cut_tables(), tables()), share=st.floats(0, 1))
def test_two_processes_stop_at_the_same_error(
    text: str, share: float, definitions: Definitions, forks: list[bool]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for module in (rows, validate):
            patch.setattr(module, "MAX_COUNTED_ERRORS", 3)
        patch.setattr(validate, "MAX_LISTED_ERRORS", 2)
        _agree(text, definitions, share, forks)


PIECES = ["zaken", "2019", "5", "7.5", "", '"a\nb"', '"c\r\nd"', '"q""q"', 'x"y', '"', "\x00"]


@st.composite
def any_text(draw: st.DrawFn) -> str:
    """Cells of every sort (quoted line breaks, stray quotes, NUL), any line ends."""
    records = draw(st.lists(st.lists(st.sampled_from(PIECES), max_size=6), max_size=40))
    ends = st.sampled_from(["\n", "\r\n", "\r"])
    return "".join(",".join(cells) + draw(ends) for cells in records)


@SETTINGS
@given(body=any_text(), share=st.floats(0, 1))
def test_two_processes_read_any_text_as_one(
    body: str, share: float, definitions: Definitions, forks: list[bool]
) -> None:
    # The same records, row numbers and read problems wherever the cut falls.
    _agree("indicator,period,value,region,note\n" + body, definitions, share, forks)


def _lines(count: int, start: int = 2017) -> list[str]:
    """``count`` valid rows with distinct keys (bedrag per quarter and region)."""
    keys = [
        f"bedrag,{year}-Q{quarter},{12 + quarter}.5,{region}"
        for year in range(start, 2023)
        for quarter in range(1, 5)
        for region in ("", "noord", "zuid")
    ]
    return keys[:count]


def _share_before(text: str, line: int) -> float:
    """The share that cuts ``text`` just before its line ``line`` (header: 1)."""
    data = text.encode("utf-8")
    body = data.index(b"\n") + 1
    offset = body
    for _ in range(line - 2):
        offset = data.index(b"\n", offset) + 1
    return (offset - 1 - body) / (len(data) - body)


def test_keys_given_again_after_the_cut_are_duplicates_of_the_first_row(
    definitions: Definitions, forks: list[bool]
) -> None:
    first = _lines(40)
    text = "indicator,period,value,region\n" + "\n".join([*first, first[3], first[0]]) + "\n"
    found = _agree(text, definitions, _share_before(text, 42), forks, keep=True)
    assert forks == [True]  # the child's rows were joined, not read again
    problems = found[0]
    assert [(p["code"], p["line"], p["column"], p["path"]) for p in problems] == [  # type: ignore[index]
        ("duplicate", 42, 1, "indicator"),
        ("duplicate", 43, 1, "indicator"),
    ]
    assert "already given in row 5" in problems[0]["message"]  # type: ignore[index]


def test_a_problem_after_the_cut_is_found_by_reading_on(
    definitions: Definitions, forks: list[bool]
) -> None:
    rows_ = _lines(30)
    rows_[25] = rows_[25].replace(".5,", ".5.5,")
    text = "indicator,period,value,region\n" + "\n".join(rows_) + "\n"
    found = _agree(text, definitions, 0.5, forks)
    assert forks == [False]
    assert [(p["code"], p["line"], p["column"], p["path"]) for p in found[0]] == [  # type: ignore[index]
        ("value", 27, 3, "value")
    ]


def test_a_quoted_line_break_across_the_cut_is_read_whole(
    definitions: Definitions, forks: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    read_from: list[int] = []
    read_on = parallel._read_on

    def recorded_read_on(*args: object) -> None:
        read_from.append(args[-1])  # type: ignore[arg-type]
        read_on(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_read_on", recorded_read_on)
    # With the stray quote before it the count of quotes is even where the quoted note has
    # its first line break: the file is cut there, inside the note.
    rows_ = [row + ",,," for row in _lines(30)]
    rows_[2] += STRAY
    rows_[20] += '"een\nlange\ntoelichting"'
    text = "indicator,period,value,region,lower,upper,note\n" + "\n".join(rows_) + "\n"
    found = _agree(text, definitions, _share_before(text, 23), forks, keep=True)
    assert read_from == [22]  # the first part ended inside row 22's note: read on from there
    assert found[0] == [] and found[4] == 30
    assert '\n22,bedrag,2018-Q3,region=zuid,15.5,A,,,"een\nlange\ntoelichting",\n' in str(found[7])


@pytest.mark.parametrize("broken", [5, 28])
def test_a_broken_record_stops_reading_on_either_side(
    broken: int, definitions: Definitions, forks: list[bool]
) -> None:
    rows_ = _lines(30)
    rows_[broken - 2] = rows_[broken - 2].replace("bedrag", '"bedrag"x')
    text = "indicator,period,value,region\n" + "\n".join(rows_) + "\n"
    found = _agree(text, definitions, 0.5, forks)
    assert [(p["code"], p["line"]) for p in found[3]] == [("csv-syntax", broken)]  # type: ignore[index]
    assert found[4] == broken - 2


def test_no_split_while_other_threads_run(definitions: Definitions, forks: list[bool]) -> None:
    text = "indicator,period,value,region\n" + "\n".join(_lines(30)) + "\n"
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        found = outcome(text, definitions, keep=True)
    finally:
        release.set()
        thread.join()
    assert forks == []
    assert found == _one_process(text, definitions, keep=True)


def _generator() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize("regions", [1000, 1600])  # 69,336 and 110,736 rows
def test_keys_given_again_up_to_the_real_error_cap(
    regions: int, tmp_path: Path, forks: list[bool]
) -> None:
    # The generated rows, then all of them again: one duplicate per row after the cut, under
    # the cap of 100,000 errors (joined) or over it (read on, stopping at the cap).
    generate = _generator()
    generate.generate_workspace(tmp_path / "ws", indicators=30, regions=regions, years=10)
    count = generate.generate_submission_csv(tmp_path / "in.csv", tmp_path / "ws", rows=None)
    header, *lines = (tmp_path / "in.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text = header + "".join(lines) + "".join(lines)
    loaded = read_definitions(tmp_path / "ws")
    programme, indicators, _ = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None
    definitions = (programme, indicators)
    share = _share_before(text, count + 2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parallel, "FIRST_SHARE", share)
        split = outcome(text, definitions, partner="bureau")
    assert forks == [count < validate.MAX_COUNTED_ERRORS]
    assert split == _one_process(text, definitions, keep=False, partner="bureau")
    problems, warnings, total = split[0], split[1], split[2]
    assert total == min(count, validate.MAX_COUNTED_ERRORS)
    assert len(problems) == validate.MAX_LISTED_ERRORS  # type: ignore[arg-type]
    assert [w["code"] for w in warnings] == (  # type: ignore[attr-defined]
        [] if count < validate.MAX_COUNTED_ERRORS else ["too-many-errors"]
    )
