"""The plain-row path of measurement validation agrees with the full check of every row.

Random tables (valid rows mixed with every kind of rejection, columns in any order, some
absent) are validated both ways; problems, their order, the error cap, counts, decimal verdict,
keys and stored lines must be identical. The CSV reader's row numbers are compared with the
line numbers the csv module reports record by record.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kpitrack.definitions.load import read_definitions
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.intake.submit import submit_file
from kpitrack.measurements import readers, rows, validate
from kpitrack.measurements.readers import read_csv, row_batches
from kpitrack.measurements.rows import validate_measurements
from kpitrack.measurements.validate import ErrorSink
from small_workspace import write_small_workspace

BEDRAG = """\
id: bedrag
action_line: AL1
name: {nl: Bedrag, en: Amount}
definition: {nl: Uitgaven, en: Spending}
measure: amount
direction: none
frequency: quarter
dimensions: [region]
owner: politie
source: {nl: Politie, en: Police}
"""

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _definitions(root: Path) -> tuple[Programme, dict[str, Indicator]]:
    write_small_workspace(root)
    (root / "kpis" / "bedrag.yaml").write_text(BEDRAG, encoding="utf-8")
    loaded = read_definitions(root)
    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None, problems
    return programme, indicators


@pytest.fixture(scope="module")
def definitions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Programme, dict[str, Indicator]]:
    return _definitions(tmp_path_factory.mktemp("plain") / "ws")


COLUMNS = ["indicator", "period", "value", "region", "obs_status", "lower", "upper", "note"]
CELLS = {
    "indicator": ["zaken", "aandeel", "bedrag", "meldingen", "onbekend", "zaken "],
    "period": [
        "2018",
        "2019",
        "2016",
        "2023",
        "2019-H1",
        "2020-H2",
        "2019-Q3",
        "2021-Q1",
        "2019-13",
        " 2019",
        "2019-h1",
        "",
    ],
    "value": [
        "12",
        "0",
        "007",
        "101",
        "12.5",
        "12,5",
        "1.234",
        "1,234",
        "123.456",
        "123,456",
        "12.0",
        ".5",
        "5.",
        "-3",
        "+4",
        "1e3",
        "inf",
        "nan",
        " 7",
        "9" * 400,
        "9" * 299,
        "",
        "1.2.3",
        "١٢",
    ],
    "region": ["", "", "noord", "zuid", "west"],
    "obs_status": ["", "", "A", "P", "E", "B", "M", "X"],
    "lower": ["", "", "", "1", "10.5", "10,5", "99", "x", "100.500"],
    "upper": ["", "", "", "20", "200.25", "200,25", "5", "-1"],
    "note": ["", "", "weg", "=SUM(A1)", "a, b", 'zei "ja"', "x" * 2001, " "],
}


@st.composite
def tables(draw: st.DrawFn) -> str:
    required = ["indicator", "period", "value"]
    optional = draw(st.lists(st.sampled_from(COLUMNS[3:]), unique=True))
    header = draw(st.permutations(required + optional))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [header]
    for _ in range(draw(st.integers(0, 40))):
        shape = draw(st.integers(0, 19))
        if shape == 0:
            lines.append([])  # blank line
        elif shape == 1:
            lines.append(["zaken", "2019"])  # too few fields
        else:
            lines.append([draw(st.sampled_from(CELLS[name])) for name in header])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows(lines)
    return buffer.getvalue()


def _outcome(
    text: str, definitions: tuple[Programme, dict[str, Indicator]], *, plain: bool, keep: bool
) -> tuple[object, ...]:
    programme, indicators = definitions
    table = read_csv("t.csv", text.encode("utf-8"))
    sink = ErrorSink("t.csv")
    checked = validate_measurements(
        table, programme, indicators, "politie", sink, keep=keep, plain_path=plain
    )
    return (
        [asdict(p) for p in sink.items],
        [asdict(p) for p in sink.warnings],
        sink.total,
        checked.rows,
        checked.decimal,
        checked.groups,
        checked.lines,
    )


@SETTINGS
@given(text=tables(), keep=st.booleans())
def test_plain_path_agrees_with_the_full_check(
    text: str, keep: bool, definitions: tuple[Programme, dict[str, Indicator]]
) -> None:
    assert _outcome(text, definitions, plain=True, keep=keep) == _outcome(
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
        plain = _outcome(text, definitions, plain=True, keep=False)
        assert plain == _outcome(text, definitions, plain=False, keep=False)


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
    plain = _outcome(text, definitions, plain=True, keep=True)
    assert plain == _outcome(text, definitions, plain=False, keep=True)
    problems, _, total, count, decimal, _, stored = plain
    assert total == 1 and problems[0]["code"] == "duplicate"  # type: ignore[index]
    assert count == len(lines) - 1 and decimal == "point"
    assert "10,zaken,2018,region=noord,7,P,1,200,\n" in stored  # type: ignore[operator]


def test_a_number_too_long_for_a_float_is_rejected(workspace: Path) -> None:
    path = workspace.parent / "in.csv"
    path.write_text(f"indicator,period,value\nzaken,2019,{'9' * 400}\n", encoding="utf-8")
    result = submit_file(workspace, path, "politie", dry_run=True)
    assert [(p.code, p.line, p.path) for p in result.errors] == [("value", 2, "value")]
    assert "too large" in result.errors[0].message


def _rows_by_line_num(text: str) -> tuple[list[tuple[int, list[str]]], int | None]:
    """Reference numbering: the csv module's line count before each record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
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


NUMBERS = ["0", "12", "007", "99.5", "12,5", "1.234", "123.456", "123,456", "12.0", "250"]


@st.composite
def plain_tables(draw: st.DrawFn) -> str:
    """Mostly valid rows, so that the plain path decides nearly every row itself."""
    header = draw(st.permutations(COLUMNS))
    delimiter = draw(st.sampled_from([",", ";"]))
    lines = [header]
    for _ in range(draw(st.integers(1, 40))):
        indicator = draw(st.sampled_from(["zaken", "aandeel", "bedrag"]))
        year = draw(st.integers(2017, 2022))
        period = {
            "zaken": str(year),
            "aandeel": f"{year}-H{draw(st.integers(1, 2))}",
            "bedrag": f"{year}-Q{draw(st.integers(1, 4))}",
        }[indicator]
        value = draw(st.sampled_from(NUMBERS))
        lower, upper = draw(
            st.sampled_from(
                [("", ""), ("", ""), ("0", ""), ("", "999,5"), ("1.000", "300.5"), ("5", "500")]
            )
        )
        cells = {
            "indicator": indicator,
            "period": period,
            "value": value,
            "region": "" if indicator == "aandeel" else draw(st.sampled_from(["", "noord"])),
            "obs_status": draw(st.sampled_from(["", "A", "P", "E", "B"])),
            "lower": lower,
            "upper": upper,
            "note": draw(st.sampled_from(["", "", "bron: CBS", "=x"])),
        }
        lines.append([cells[name] for name in header])
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(lines)
    return buffer.getvalue()


@SETTINGS
@given(text=plain_tables(), keep=st.booleans())
def test_plain_path_agrees_on_mostly_valid_tables(
    text: str, keep: bool, definitions: tuple[Programme, dict[str, Indicator]]
) -> None:
    assert _outcome(text, definitions, plain=True, keep=keep) == _outcome(
        text, definitions, plain=False, keep=keep
    )
