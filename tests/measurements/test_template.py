"""Templates: the partner's rows, drop-downs from a hidden codes sheet, instructions per
language, no formulas anywhere, and a CSV variant Excel opens as UTF-8."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.periods import parse_period
from kpitrack.definitions.load import read_definitions
from kpitrack.intake.submit import submit_file
from kpitrack.intake.template import periods_to_fill, write_templates


def test_xlsx_template(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    paths = write_templates(workspace, "politie", "xlsx", period="2019", out=tmp_path / "t.xlsx")
    assert paths == [tmp_path / "t.xlsx", tmp_path / "t_actions.xlsx"]
    book = load_workbook(paths[0])
    assert book.sheetnames == ["data", "codes", "Toelichting", "Instructions"]
    assert book["codes"].sheet_state == "hidden"
    rows = [[c.value for c in r] for r in book["data"].iter_rows() if r[0].value]
    assert rows[0] == [
        "indicator",
        "period",
        "value",
        "region",
        "obs_status",
        "lower",
        "upper",
        "note",
        "source",
    ]
    keys = [(r[0], r[1], r[3]) for r in rows[1:]]
    assert keys == [
        ("aandeel", "2019-H1", None),
        ("aandeel", "2019-H2", None),
        ("zaken", "2019", None),
        ("zaken", "2019", "noord"),
        ("zaken", "2019", "zuid"),
    ]
    ranges = {
        str(v.sqref).split(":")[0]: v.formula1 for v in book["data"].data_validations.dataValidation
    }
    assert ranges["D2"].startswith("codes!") and ranges["E2"].startswith("codes!")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    # A definition starting with '=' is text in the instructions sheet.
    texts = [c.value for r in book["Toelichting"].iter_rows() for c in r]
    assert "=Aandeel gemeenten" in texts
    actions = load_workbook(paths[1])["data"]
    assert [r[0].value for r in actions.iter_rows() if r[0].value] == ["action", "AL1.1", "AL1.1.a"]


def test_template_filled_in_is_accepted(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_templates(workspace, "politie", "xlsx", period="2019", out=tmp_path / "t.xlsx")[0]
    book = load_workbook(path)
    for row in range(2, 7):
        book["data"].cell(row, 3).value = 10
    book["data"].cell(2, 8).value = "=niet uitrekenen"
    book["data"].cell(2, 8).data_type = "s"
    book.save(path)
    result = submit_file(workspace, path, "politie")
    assert result.accepted, [p.format() for p in result.errors]
    assert result.rows == 5 and result.delimiter is None


def test_xlsx_formula_is_rejected(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(["indicator", "period", "value"])
    sheet.append(["zaken", "2019", "=1+1"])
    path = tmp_path / "f.xlsx"
    book.save(path)
    result = submit_file(workspace, path, "politie")
    assert ("xlsx-formula", 2, 3) in [(p.code, p.line, p.column) for p in result.errors]


def test_csv_template_has_bom_and_commas(workspace: Path, tmp_path: Path) -> None:
    paths = write_templates(workspace, "ngo", "csv", period="2020", out=tmp_path / "n.csv")
    assert paths == [tmp_path / "n.csv", tmp_path / "n_actions.csv"]
    data = paths[0].read_bytes()
    assert data.startswith(
        b"\xef\xbb\xbfindicator,period,value,obs_status,lower,upper,note,source\r\n"
    )
    assert b"meldingen,2020," in data


def test_default_period_is_latest_ended(workspace: Path) -> None:
    loaded = read_definitions(workspace)
    programme, indicators, _ = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None
    zaken, aandeel = indicators["zaken"], indicators["aandeel"]
    assert periods_to_fill(programme, zaken, None, date(2020, 3, 1)) == ["2019"]
    assert periods_to_fill(programme, aandeel, None, date(2020, 7, 1)) == ["2020-H1"]
    assert periods_to_fill(programme, zaken, None, date(2030, 1, 1)) == ["2022"]
    assert periods_to_fill(programme, aandeel, parse_period("2021"), date(2030, 1, 1)) == [
        "2021-H1",
        "2021-H2",
    ]


def test_unknown_partner_template(workspace: Path) -> None:
    with pytest.raises(ValidationFailed, match=r"1 error\(s\) found") as refused:
        write_templates(workspace, "niemand", "xlsx")
    assert [p.code for p in refused.value.problems] == ["unknown-partner"]
