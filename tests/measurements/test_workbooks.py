"""Workbooks as partners make them: problems named by cell, formulas refused with the way out,
percentage cells read as typed, and warnings for what a partner cannot see when checking."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kpitrack.cli.app import app
from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.measurements.ledger import read_ledger
from kpitrack.measurements.numformat import parse_format
from kpitrack.measurements.xlsx import cell_name, column_letter
from small_workspace import add_yearly_amount
from workbook_files import write_workbook

Rows = list[list[object]]


def submit(workspace: Path, rows: Rows, change: Callable[[Any, Any], None] | None = None,
           **kw: bool) -> SubmissionResult:  # fmt: skip
    path = write_workbook(workspace.parent / "cijfers.xlsx", rows, change)
    return submit_file(workspace, path, "politie", **kw)


def warned(result: SubmissionResult) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in result.warnings]


HEADER: list[object] = ["indicator", "period", "value", "region"]


def test_cells_are_named_as_excel_names_them() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "AAA",
        "XFD",
    ]
    assert cell_name(7, 3) == "C7"
    assert cell_name(7, 3, "Blad 2") == "'Blad 2'!C7"
    assert cell_name(7, 3, "data") == "data!C7"
    assert cell_name(1, 1, "Jan's") == "'Jan''s'!A1"


def test_an_error_names_the_cell_in_json_and_text(workspace: Path, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "f.xlsx", [HEADER, ["zaken", "2019", -5, None]])
    runner = CliRunner()
    args = ["submit", str(path), "--partner", "politie", "--workspace", str(workspace)]
    done = runner.invoke(app, [*args, "--format", "json"])
    assert done.exit_code == 1
    payload = json.loads(done.stdout)
    assert [(e["code"], e["cell"], e["path"]) for e in payload["errors"]] == [
        ("count", "C2", "value")
    ]
    assert payload["sheet"] == "data" and payload["encoding"] is None
    text = runner.invoke(app, args)
    assert "f.xlsx:2:3: count: cell C2 (value): -5 is not a count" in text.stderr


def test_a_formula_is_refused_naming_its_cell_and_how_to_paste_values(workspace: Path) -> None:
    result = submit(workspace, [HEADER, ["zaken", "2019", "=SUM(1,2)", None]])
    formulas = [p for p in result.errors if p.code == "xlsx-formula"]
    assert [(p.line, p.column, p.path) for p in formulas] == [(2, 3, "value")]
    message = formulas[0].message
    assert "cell C2 holds a formula (=SUM(1,2))" in message
    assert "Paste Special → Values" in message and "Plakken speciaal → Waarden" in message


def _percent(book: Any, sheet: Any) -> None:
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 3).number_format = "0%"


def test_a_cell_formatted_as_a_percentage_is_read_as_typed(workspace: Path) -> None:
    result = submit(workspace, [HEADER, ["aandeel", "2019-H1", 0.6, None]], _percent)
    assert result.accepted and not result.warnings, [p.format() for p in result.errors]
    data = next((workspace / "measurements" / "data").glob("*.csv")).read_text()
    assert "\n2,aandeel,2019-H1,,60,A," in data


def test_a_percentage_cell_for_a_count_is_refused(workspace: Path) -> None:
    result = submit(workspace, [HEADER, ["zaken", "2019", 0.6, None]], _percent)
    assert [(p.code, p.line, p.column) for p in result.errors] == [("value", 2, 3)]
    assert "'60%': zaken is not a percentage" in result.errors[0].message


def test_a_percentage_rounded_by_its_format_is_a_warning(workspace: Path) -> None:
    result = submit(workspace, [HEADER, ["aandeel", "2019-H1", 0.605, None]], _percent)
    assert result.accepted and warned(result) == [("xlsx-number-format", 2, 3)]
    assert "cell C2 shows 61% but holds 60.5%" in result.warnings[0].message


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("0", 12.6, "13"),
        ("#,##0", 1234.5, "1235"),
        ("0.0", 2.25, "2.3"),
        ("#,##0,", 12600, "13"),
        ('0" zaken"', 170.4, "170"),
        ("0.00E+00", 123456, "1.23E+5"),
    ],
)
def test_a_format_that_hides_digits_is_a_warning_naming_the_cell(
    workspace: Path, code: str, value: float, shown: str
) -> None:
    add_yearly_amount(workspace)

    def formatted(book: Any, sheet: Any) -> None:
        sheet["C2"].number_format = code

    result = submit(workspace, [HEADER, ["bedrag", "2019", value, None]], formatted, dry_run=True)
    assert result.accepted and warned(result) == [("xlsx-number-format", 2, 3)]
    assert f"cell C2 shows {shown} but holds" in result.warnings[0].message


@pytest.mark.parametrize("code", ["General", "0", "0.00", "#,##0", "@", "0;-0;-", '0" zaken"'])
def test_formats_that_show_the_value_give_no_warning(workspace: Path, code: str) -> None:
    def formatted(book: Any, sheet: Any) -> None:
        sheet["C2"].number_format = code

    result = submit(workspace, [HEADER, ["zaken", "2019", 170, None]], formatted, dry_run=True)
    assert result.accepted and result.warnings == []


def test_number_formats_are_parsed_as_excel_shows_them() -> None:
    percent = parse_format("0.0%")
    assert percent is not None
    assert percent.percent_text(0.605) == "60.5%" and percent.shown(0.605) is None
    assert percent.shown(0.60549) == "60.5%"
    negative_red = parse_format('0;[Red]"-"0.0')
    assert negative_red is not None and negative_red.shown(-2.25) == "-2.3"
    assert parse_format("dd-mm-yyyy") is None and parse_format('"tekst"') is None


def test_hidden_rows_columns_and_sheets_are_warnings_naming_a_cell(workspace: Path) -> None:
    def hide(book: Any, sheet: Any) -> None:
        sheet.row_dimensions[3].hidden = True
        sheet.column_dimensions["D"].hidden = True
        other = book.create_sheet("oud")
        other["B3"] = 999
        other.sheet_state = "hidden"
        secret = book.create_sheet("geheim")
        secret.sheet_state = "veryHidden"  # no values: nothing to warn about
        codes = book.create_sheet("codes")
        codes["A1"] = "lijst"
        codes.sheet_state = "hidden"  # the template's drop-down lists

    result = submit(
        workspace,
        [HEADER, ["zaken", "2019", 100, None], ["zaken", "2019", 60, "noord"]],
        hide,
    )
    assert result.accepted, [p.format() for p in result.errors]
    assert sorted(warned(result), key=lambda w: (w[1] or 0, w[2] or 0)) == [
        ("xlsx-hidden-sheet", None, None),
        ("xlsx-hidden-row", 3, 1),
        ("xlsx-hidden-column", 3, 4),
    ]
    messages = " ".join(p.message for p in result.warnings)
    assert "the sheet 'oud' is hidden and holds values (the first in oud!B3)" in messages
    assert "row 3 is hidden and holds values (the first in A3)" in messages
    assert "column D is hidden and holds values (the first in D3)" in messages
    ledger = read_ledger(workspace / "measurements")
    assert ledger.entries[-1].warnings == 3


def test_a_hidden_data_sheet_is_a_warning(workspace: Path) -> None:
    def hide(book: Any, sheet: Any) -> None:
        book.create_sheet("zichtbaar")
        sheet.sheet_state = "hidden"

    result = submit(workspace, [HEADER, ["zaken", "2019", 100, None]], hide, dry_run=True)
    assert result.accepted and [p.code for p in result.warnings] == ["xlsx-hidden-sheet"]
    assert "the sheet 'data' is hidden: its values are read" in result.warnings[0].message


def test_many_warnings_of_a_kind_are_counted_not_all_listed(workspace: Path) -> None:
    def hide(book: Any, sheet: Any) -> None:
        for row in range(2, 303):
            sheet.row_dimensions[row].hidden = True

    rows: Rows = [HEADER]
    rows += [["aandeel", f"{2018 + n // 2}-H{n % 2 + 1}", 50, None] for n in range(10)]
    rows += [["zaken", "2019", 1, None]] * 291  # duplicates: the file is refused
    result = submit(workspace, rows, hide, dry_run=True)
    hidden = [p for p in result.warnings if p.code == "xlsx-hidden-row"]
    assert len(hidden) == 101 and result.total_warnings == 301
    assert hidden[-1].message == "… and 201 more like these (301 in all)"
