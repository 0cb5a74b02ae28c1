"""Fuzz the CSV and XLSX readers, row validation and the whole dry-run submission: only typed
problems (or a KpitrackError) come out, never another exception."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kpitrack.core.errors import KpitrackError
from kpitrack.core.problems import Problem
from kpitrack.intake.submit import submit_file
from kpitrack.measurements.actions import is_action_table, validate_actions
from kpitrack.measurements.readers import read_csv, read_xlsx
from kpitrack.measurements.rows import validate_measurements
from kpitrack.measurements.validate import MAX_LISTED_ERRORS, ErrorSink

from .conftest import FUZZ, REPO, definitions, partner_of

HEADER_WORDS = [
    "indicator",
    "period",
    "value",
    "regio",
    "obs_status",
    "lower",
    "upper",
    "note",
    "action",
    "date",
    "status",
    "Indicator",
    "",
]


def cell_values() -> st.SearchStrategy[str]:
    programme, indicators = definitions()
    ids = sorted(indicators)
    codes = sorted(c for cl in programme.codelists.values() for c in cl.codes)
    return st.one_of(
        st.sampled_from(ids),
        st.sampled_from(codes),
        st.sampled_from(
            ["2019", "2019-H1", "2019-Q3", "2019-02", "2019-02-30", "1.234", "1,234", "1.234,5"]
        ),
        st.sampled_from(["NaN", "inf", "-inf", "1e309", "-1", "0", "007", "=1+1", "@x", "M", "P"]),
        st.sampled_from(["\u202e", "\u200b", "\x00", "\ufeff", '"', ";", ",", "\n", "\r"]),
        st.text(max_size=12),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    )


def tables() -> st.SearchStrategy[str]:
    header = st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=9)
    row = st.lists(cell_values(), max_size=10)
    delimiter = st.sampled_from([",", ";"])
    return st.tuples(header, st.lists(row, max_size=15), delimiter).map(
        lambda t: "\n".join(t[2].join(cells) for cells in [t[0], *t[1]]) + "\n"
    )


def check_result(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem) and problem.code and problem.message


def validate(data: bytes, name: str = "fuzz.csv") -> ErrorSink:
    programme, indicators = definitions()
    table = read_csv(name, data) if name.endswith(".csv") else read_xlsx(name, data)
    sink = ErrorSink(name)
    sink.extend(table.problems)
    if table.header:
        partner = partner_of(indicators)
        if is_action_table(table.header):
            validate_actions(table, programme, partner, sink, keep=True)
        else:
            validate_measurements(table, programme, indicators, partner, sink, keep=True)
    check_result(sink.items + sink.warnings)
    assert len(sink.items) <= MAX_LISTED_ERRORS <= sink.total or len(sink.items) == sink.total
    return sink


@FUZZ
@given(tables())
def test_csv_tables_validate_to_problems(text: str) -> None:
    validate(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=600))
def test_csv_bytes_validate_to_problems(data: bytes) -> None:
    validate(b"indicator,period,value\n" + data)


@FUZZ
@given(
    st.lists(st.lists(st.one_of(cell_values(), st.integers(), st.none()), max_size=8), max_size=8)
)
def test_xlsx_cells_validate_to_problems(rows: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["indicator", "period", "value", "regio", "note"])
    for row in rows:
        try:
            sheet.append(row)
        except IllegalCharacterError:
            continue  # openpyxl cannot even write those
    buffer = io.BytesIO()
    book.save(buffer)
    validate(buffer.getvalue(), "fuzz.xlsx")


_WORKBOOK: bytes | None = None


def small_workbook() -> bytes:
    global _WORKBOOK
    if _WORKBOOK is None:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "data"
        sheet.append(["indicator", "period", "value"])
        sheet.append(["zaken-naar-om", "2019", 190])
        buffer = io.BytesIO()
        book.save(buffer)
        _WORKBOOK = buffer.getvalue()
    return _WORKBOOK


@FUZZ
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_xlsx_gives_problems(flips: list[tuple[int, int]]) -> None:
    data = bytearray(small_workbook())
    for position, value in flips:
        data[position % len(data)] = value
    validate(bytes(data), "fuzz.xlsx")


@FUZZ
@given(tables(), st.sampled_from(["politie", "comensha", "onbekend", "../x", ""]))
def test_dry_run_submission_gives_a_result_or_typed_error(text: str, partner: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        file = Path(directory) / "fuzz.csv"
        file.write_text(text, encoding="utf-8")
        try:
            result = submit_file(REPO, file, partner, dry_run=True)
        except KpitrackError as exc:
            check_result(exc.problems)
            return
        check_result(result.errors + result.warnings)
        assert result.accepted == (result.total_errors == 0)
        assert result.seq is None
