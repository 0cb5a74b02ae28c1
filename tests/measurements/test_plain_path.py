"""The plain-row path of measurement validation agrees with the full check of every row.

Random tables (tests/measurement_tables.py: valid rows mixed with every kind of rejection,
columns in any order, some absent) are validated both ways; problems, their order, the error
cap, counts, decimal verdict, keys and stored text must be identical. The CSV reader's row
numbers are compared with the line numbers the csv module reports record by record.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.intake.submit import submit_file
from kpitrack.measurements import readers, rows, validate
from kpitrack.measurements.readers import read_csv, row_batches
from measurement_tables import outcome, plain_tables, small_definitions, tables

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def definitions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Programme, dict[str, Indicator]]:
    return small_definitions(tmp_path_factory.mktemp("plain") / "ws")


@SETTINGS
@given(text=tables(), keep=st.booleans())
def test_plain_path_agrees_with_the_full_check(
    text: str, keep: bool, definitions: tuple[Programme, dict[str, Indicator]]
) -> None:
    assert outcome(text, definitions, plain=True, keep=keep) == outcome(
        text, definitions, plain=False, keep=keep
    )


@SETTINGS
@given(text=tables())
def test_error_cap_stops_at_the_same_row(
    text: str,
    definitions: tuple[Programme, dict[str, Indicator]],
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for module in (rows, validate):
            patch.setattr(module, "MAX_COUNTED_ERRORS", 3)
        patch.setattr(validate, "MAX_LISTED_ERRORS", 2)
        plain = outcome(text, definitions, plain=True, keep=False)
        assert plain == outcome(text, definitions, plain=False, keep=False)


def test_plain_rows_of_a_valid_file_are_recorded_like_full_checks(
    definitions: tuple[Programme, dict[str, Indicator]],
) -> None:
    lines = ["indicator,period,value,region,obs_status,lower,upper,note"]
    for year in range(2017, 2023):
        lines.append(f"zaken,{year},{year - 1900},,A,,,")
        for region in ("noord", "zuid"):
            lines.append(f"zaken,{year},007,{region},P,1,200,")
        for quarter in range(1, 5):
            lines.append(f"bedrag,{year}-Q{quarter},12.50,noord,E,10.5,20.25,schatting")
    lines.append("bedrag,2019-Q1,13.5,noord,,,,")  # a duplicate key
    text = "\n".join(lines) + "\n"
    plain = outcome(text, definitions, plain=True, keep=True)
    assert plain == outcome(text, definitions, plain=False, keep=True)
    problems, _, total, _, count, decimal, _, stored, _ = plain
    assert total == 1 and problems[0]["code"] == "duplicate"  # type: ignore[index]
    assert count == len(lines) - 1 and decimal == "point"
    assert "\n10,zaken,2018,region=noord,7,P,1,200,,\n" in stored  # type: ignore[operator]


def test_a_number_too_long_for_a_float_is_rejected(workspace: Path) -> None:
    path = workspace.parent / "in.csv"
    path.write_text(f"indicator,period,value\nzaken,2019,{'9' * 400}\n", encoding="utf-8")
    result = submit_file(workspace, path, "politie", dry_run=True)
    assert [(p.code, p.line, p.column, p.path) for p in result.errors] == [("value", 2, 3, "value")]
    assert "too large" in result.errors[0].message


def _rows_by_line_num(
    text: str, delimiter: str = ","
) -> tuple[list[tuple[int, list[str]]], int | None]:
    """Reference numbering: the csv module's line count before each record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    next(reader)
    found = []
    last = reader.line_num
    try:
        for cells in reader:
            found.append((last + 1, cells))
            last = reader.line_num
    except csv.Error:
        return found, last + 1
    return found, None


FIELDS = st.sampled_from(["a", "", "b c", '"q\nq"', '"r\r\nr"', '"s\rs"', '"t""t"', '"u\n\nu"'])
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@SETTINGS
@given(
    records=st.lists(st.tuples(st.lists(FIELDS, max_size=3), ENDINGS), max_size=30),
    broken=st.booleans(),
    size=st.integers(1, 5),
)
def test_batched_rows_are_numbered_by_their_first_line(
    records: list[tuple[list[str], str]], broken: bool, size: int
) -> None:
    text = "h\n" + "".join(",".join(fields) + end for fields, end in records)
    if broken:
        text += 'x,"a"b\nafter\n'
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readers, "BATCH_ROWS", size)
        table = read_csv("t.csv", text.encode("utf-8"))
        got = [row for batch in row_batches(table) for row in batch]
    expected, broken_at = _rows_by_line_num(text)
    assert got == expected
    assert [p.line for p in table.problems] == ([] if broken_at is None else [broken_at])


UNQUOTED = st.sampled_from(["a", "", "b c", "7.5", " ", "\x00", "x" * 40])


# Mostly "\n" and "\r\n": a lone "\r" (or a blank line) sends the text to the csv module.
LINE_ENDS = st.sampled_from(["\n"] * 12 + ["\r\n"] * 7 + ["\r"])


@SETTINGS
@given(
    records=st.lists(st.tuples(st.lists(UNQUOTED, min_size=2, max_size=4), LINE_ENDS), max_size=30),
    blank=st.integers(-1, 30),
    delimiter=st.sampled_from([",", ";"]),
    limit=st.sampled_from([131_072, 30]),
    chunk=st.integers(1, 60),
)
def test_lines_without_quotes_are_read_as_the_csv_module_reads_them(
    records: list[tuple[list[str], str]], blank: int, delimiter: str, limit: int, chunk: int
) -> None:
    # Such text is split line by line (chunk by chunk) instead of going through the csv module:
    # same records, row numbers, and the same problem for a cell over the csv field limit.
    lines = [delimiter.join(cells) + end for cells, end in records]
    if 0 <= blank < len(lines):
        lines.insert(blank, "\n")
    text = f"h{delimiter}i\n" + "".join(lines)
    previous = csv.field_size_limit(limit)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(readers, "_CHUNK_BYTES", chunk)
            table = read_csv("t.csv", text.encode("utf-8"))
            got = [row for batch in row_batches(table) for row in batch]
        expected, broken_at = _rows_by_line_num(text, delimiter)
    finally:
        csv.field_size_limit(previous)
    assert got == expected
    assert [p.line for p in table.problems] == ([] if broken_at is None else [broken_at])


@SETTINGS
@given(text=plain_tables(), keep=st.booleans())
def test_plain_path_agrees_on_mostly_valid_tables(
    text: str, keep: bool, definitions: tuple[Programme, dict[str, Indicator]]
) -> None:
    assert outcome(text, definitions, plain=True, keep=keep) == outcome(
        text, definitions, plain=False, keep=keep
    )
