"""Edge values the gate must accept, each down every route of the row checker, in CSV and XLSX:
percentages of exactly 0 and 100 with a decimal point or comma, a count written 0.0, intervals
closed at the value, a file with a lower but no upper column, and empty cells after the header's
last column (a filled one is refused, located at its cell). The figure read back is asserted,
not only that the file was accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gate_workspace import (
    HEADER,
    Routes,
    assert_route,
    csv_text,
    located,
    route_rows,
    split_every_file,
    stored_figures,
    stored_lines,
    submit,
)
from kpitrack.cli.app import app

CSV_ROUTES = ("full", "fast", "two-processes")
XLSX_ROUTES = ("full", "fast")

# (indicator, breakdown cell, value, lower, upper) → stored (value, lower, upper) and decimal mark
EDGES = {
    "percentage 100,0": (("aandeel", "vrouw", "100,0", "", ""), ("100", "", ""), "comma"),
    "percentage 0,0": (("aandeel", "vrouw", "0,0", "", ""), ("0", "", ""), "comma"),
    "percentage 100.0": (("aandeel", "vrouw", "100.0", "", ""), ("100", "", ""), "point"),
    "percentage 0.0": (("aandeel", "vrouw", "0.0", "", ""), ("0", "", ""), "point"),
    "percentage 100 in [99,5; 100,0]": (
        ("aandeel", "man", "100", "99,5", "100,0"),
        ("100", "99.5", "100"),
        "comma",
    ),
    "count 0.0": (("zaken", "noord", "0.0", "", ""), ("0", "", ""), "point"),
    "count 0,0": (("zaken", "noord", "0,0", "", ""), ("0", "", ""), "comma"),
    "lower == value == upper": (("zaken", "zuid", "7", "7", "7"), ("7", "7", "7"), "point"),
    "lower == value == upper, decimals": (
        ("aandeel", "man", "12,5", "12,5", "12,5"),
        ("12.5", "12.5", "12.5"),
        "comma",
    ),
    "value == upper": (("zaken", "noord", "9", "3", "9"), ("9", "3", "9"), "point"),
    "value == lower": (("zaken", "noord", "3", "3", "9"), ("3", "3", "9"), "point"),
    "value == lower == 0.0": (("zaken", "noord", "0", "0.0", "4"), ("0", "0", "4"), "point"),
}


def _target(edge: tuple[str, str, str, str, str]) -> dict[str, str]:
    ind, code, value, lower, upper = edge
    dim = "region" if ind == "zaken" else "sex"
    return {
        "indicator": ind,
        "period": "2019",
        "value": value,
        dim: code,
        "lower": lower,
        "upper": upper,
    }


def _number(text: str) -> float | None:
    return float(text) if text else None


@pytest.mark.parametrize("route", CSV_ROUTES)
@pytest.mark.parametrize("name", EDGES)
def test_edge_value_is_accepted_from_csv(
    gate: Path, routes: Routes, monkeypatch: pytest.MonkeyPatch, name: str, route: str
) -> None:
    edge, (value, lower, upper), decimal = EDGES[name]
    if route == "two-processes":
        split_every_file(monkeypatch)
    rows = route_rows(_target(edge), route)
    result = submit(gate, "in.csv", csv_text(rows))
    assert result.accepted, located(result)
    assert result.decimal == decimal
    row = len(rows) + 1
    assert_route(routes, route, row)
    ind, code = edge[0], edge[1]
    dim = "region" if ind == "zaken" else "sex"
    assert f"{row},{ind},2019,{dim}={code},{value},A,{lower},{upper},," in stored_lines(gate)
    figure = stored_figures(gate)[ind, "2019", f"{dim}={code}"]
    assert figure == (float(value), _number(lower), _number(upper), "A")


def _typed(text: str) -> object:
    """A number cell as a spreadsheet holds it when typed as a number."""
    return float(text.replace(",", ".")) if text else None


@pytest.mark.parametrize("cells", ["typed", "text"])
@pytest.mark.parametrize("route", XLSX_ROUTES)
@pytest.mark.parametrize("name", EDGES)
def test_edge_value_is_accepted_from_a_workbook(
    gate: Path, routes: Routes, name: str, route: str, cells: str
) -> None:
    from openpyxl import Workbook

    edge, (value, lower, upper), _ = EDGES[name]
    rows = route_rows(_target(edge), route)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for given in rows:
        line = [given.get(column, "") or None for column in HEADER]
        if cells == "typed":
            for column in ("value", "lower", "upper"):
                at = HEADER.index(column)
                line[at] = _typed(given.get(column, ""))
        sheet.append(line)
    path = gate.parent / "in.xlsx"
    book.save(path)
    result = submit(gate, "in.xlsx", path.read_bytes())
    assert result.accepted, located(result)
    row = len(rows) + 1
    assert_route(routes, route, row)
    ind, code = edge[0], edge[1]
    dim = "region" if ind == "zaken" else "sex"
    assert f"{row},{ind},2019,{dim}={code},{value},A,{lower},{upper},," in stored_lines(gate)
    figure = stored_figures(gate)[ind, "2019", f"{dim}={code}"]
    assert figure == (float(value), _number(lower), _number(upper), "A")


ZUID_8 = {"indicator": "zaken", "period": "2019", "region": "zuid", "value": "8"}
LOWER_ONLY = ["indicator", "period", "value", "region", "lower"]


@pytest.mark.parametrize("route", CSV_ROUTES)
def test_a_file_with_a_lower_but_no_upper_column(
    gate: Path, routes: Routes, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    if route == "two-processes":
        split_every_file(monkeypatch)
    target = {"indicator": "zaken", "period": "2019", "region": "noord", "value": "5", "lower": "5"}
    rows = route_rows(target, route)
    result = submit(gate, "in.csv", csv_text(rows, LOWER_ONLY))
    assert result.accepted, located(result)
    row = len(rows) + 1
    assert_route(routes, route, row)
    assert f"{row},zaken,2019,region=noord,5,A,5,,," in stored_lines(gate)
    assert stored_figures(gate)["zaken", "2019", "region=noord"] == (5.0, 5.0, None, "A")
    # The one bound there is still a bound: a value below it is refused at the value cell.
    below = route_rows({**target, "value": "4"}, route)
    refused = submit(gate, "below.csv", csv_text(below, LOWER_ONLY))
    assert located(refused) == [("interval", len(below) + 1, 3, "value")]
    assert refused.errors[0].file is not None and refused.errors[0].file.endswith("below.csv")
    assert "value 4 is below lower 5" in refused.errors[0].message


@pytest.mark.parametrize("route", CSV_ROUTES)
def test_empty_cells_after_the_last_column_are_accepted(
    gate: Path, routes: Routes, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    if route == "two-processes":
        split_every_file(monkeypatch)
    rows = route_rows(ZUID_8, route)
    text = csv_text(rows).replace("\n", ";;;\n")  # three empty cells beyond the header on each row
    result = submit(gate, "in.csv", text)
    assert result.accepted, located(result)
    assert f"{len(rows) + 1},zaken,2019,region=zuid,8,A,,,," in stored_lines(gate)
    assert stored_figures(gate)["zaken", "2019", "region=zuid"] == (8.0, None, None, "A")


@pytest.mark.parametrize("route", CSV_ROUTES)
def test_a_filled_cell_after_the_last_column_is_refused_at_its_cell(
    gate: Path, monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    if route == "two-processes":
        split_every_file(monkeypatch)
    rows = route_rows(ZUID_8, route)
    lines = csv_text(rows).splitlines()
    lines[-1] += ";;extra"  # the header has 9 columns: the filled cell is column 11
    result = submit(gate, "in.csv", "\n".join(lines) + "\n")
    assert located(result) == [("row-width", len(rows) + 1, 11, None)]
    assert "'extra'" in result.errors[0].message
    assert result.errors[0].file is not None and result.errors[0].file.endswith("in.csv")
    assert not (gate / "measurements").exists()


def test_a_row_short_of_cells_is_located_at_the_first_missing_one(gate: Path) -> None:
    text = csv_text([{"indicator": "zaken", "period": "2019", "value": "8"}])
    text += "zaken;2020;9\n"  # three cells of nine
    result = submit(gate, "in.csv", text)
    assert located(result) == [("row-width", 3, 4, None)]
    assert "row has 3 fields, the header has 9" in result.errors[0].message


def test_workbook_cells_after_the_last_column(gate: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def book(extra: object) -> bytes:
        wb = Workbook()
        sheet = wb.active
        assert sheet is not None
        sheet.append(HEADER)
        sheet.append(["zaken", "2019", 6, "noord"])
        cell = sheet.cell(row=2, column=len(HEADER) + 2, value=extra)
        cell.font = Font(bold=True)  # a formatted cell is written even when empty
        path = gate.parent / "book.xlsx"
        wb.save(path)
        return path.read_bytes()

    empty = submit(gate, "leeg.xlsx", book(None))
    assert empty.accepted, located(empty)
    assert stored_figures(gate)["zaken", "2019", "region=noord"] == (6.0, None, None, "A")
    filled = submit(gate, "vol.xlsx", book("x"))
    assert located(filled) == [("row-width", 2, 11, None)]


def test_percentages_at_the_ends_through_the_cli(gate: Path) -> None:
    """``kpitrack submit`` then ``kpitrack status --format json``: 100,0 is the latest figure."""
    rows = [
        {"indicator": "aandeel", "period": "2019", "value": "0,0"},
        {"indicator": "aandeel", "period": "2020", "value": "100,0"},
    ]
    path = gate.parent / "cijfers.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    runner = CliRunner()
    args = ["submit", str(path), "--partner", "politie", "--workspace", str(gate)]
    done = runner.invoke(app, [*args, "--format", "json"])
    assert done.exit_code == 0, done.stdout
    status = runner.invoke(app, ["status", str(gate), "--as-of", "2021-06-30", "--format", "json"])
    assert status.exit_code == 0, status.stdout
    (aandeel,) = [i for i in json.loads(status.stdout)["indicators"] if i["id"] == "aandeel"]
    assert aandeel["latest"] == {"period": "2020", "value": 100}
    assert stored_figures(gate)["aandeel", "2019", ""] == (0.0, None, None, "A")


@pytest.mark.parametrize("route", ["full", "fast"])
def test_bounds_in_the_first_column_are_bounds(gate: Path, routes: Routes, route: str) -> None:
    """Columns may come in any order: an upper bound in column 1 is checked and stored."""
    header = ["upper", "indicator", "period", "value", "region"]
    target = {"indicator": "zaken", "period": "2019", "region": "noord", "value": "9", "upper": "9"}
    rows = route_rows(target, route)
    result = submit(gate, "in.csv", csv_text(rows, header))
    assert result.accepted, located(result)
    assert_route(routes, route, len(rows) + 1)
    assert stored_figures(gate)["zaken", "2019", "region=noord"] == (9.0, None, 9.0, "A")
    above = route_rows({**target, "value": "10"}, route)
    refused = submit(gate, "above.csv", csv_text(above, header))
    assert located(refused) == [("interval", len(above) + 1, 4, "value")]
    assert refused.errors[0].message == "value 10 is above upper 9"


def test_the_longest_note_and_source_are_accepted(gate: Path) -> None:
    header = ["indicator", "period", "value", "note", "source"]
    rows = [{"indicator": "zaken", "period": "2019", "value": "5", "note": "n" * 2000,
             "source": "s" * 500}]  # fmt: skip
    result = submit(gate, "in.csv", csv_text(rows, header))
    assert result.accepted, located(result)
    assert stored_lines(gate) == [f"2,zaken,2019,,5,A,,,{'n' * 2000},{'s' * 500}"]


def test_the_bound_itself_is_stored_as_written(gate: Path) -> None:
    """10^15 is the largest number accepted (README §Limits); the store keeps its digits."""
    rows = [{"indicator": "zaken", "period": "2019", "value": "1000000000000000"}]
    result = submit(gate, "in.csv", csv_text(rows))
    assert result.accepted, located(result)
    assert stored_lines(gate) == ["2,zaken,2019,,1000000000000000,A,,,,"]
    assert stored_figures(gate)["zaken", "2019", ""][0] == 10**15
