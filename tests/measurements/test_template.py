"""Templates: the partner's rows, drop-downs from a hidden codes sheet, instructions per
language, no formulas anywhere, and a CSV variant Excel opens as UTF-8."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpitrack.core.errors import UsageError, ValidationFailed
from kpitrack.core.periods import parse_period
from kpitrack.definitions.load import read_definitions
from kpitrack.intake.submit import submit_file
from kpitrack.intake.template import periods_to_fill, write_templates


def test_xlsx_template(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    paths = write_templates(workspace, "politie", "xlsx", period="2019", out=tmp_path / "t.xlsx")
    assert paths == [tmp_path / "t.xlsx", tmp_path / "t_actions.xlsx"]
    book = load_workbook(paths[0])
    # The programme's first language (nl) by default: Dutch names and instructions.
    assert book.sheetnames == ["data", "codes", "Toelichting"]
    assert book["codes"].sheet_state == "hidden"
    rows = [[c.value for c in r] for r in book["data"].iter_rows() if r[0].value]
    assert rows[0] == [
        "indicator",
        "naam",
        "periode",
        "waarde",
        "eenheid",
        "region",
        "status",
        "onder",
        "boven",
        "toelichting",
        "bron",
    ]
    keys = [(r[0], r[1], r[2], r[4], r[5]) for r in rows[1:]]
    assert keys == [
        ("aandeel", "Aandeel", "2019-H1", None, None),
        ("aandeel", "Aandeel", "2019-H2", None, None),
        ("zaken", "Zaken", "2019", "zaken", None),
        ("zaken", "Zaken", "2019", "zaken", "noord"),
        ("zaken", "Zaken", "2019", "zaken", "zuid"),
    ]
    ranges = {
        str(v.sqref).split(":")[0]: v.formula1 for v in book["data"].data_validations.dataValidation
    }
    assert ranges["F2"].startswith("codes!") and ranges["G2"].startswith("codes!")
    codes = {c[0].value: [x.value for x in c[1:] if x.value] for c in book["codes"].iter_cols()}
    assert codes["obs_status"] == ["definitief", "voorlopig", "geschat", "breuk", "ontbreekt"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    # A definition starting with '=' is text in the instructions sheet.
    texts = [c.value for r in book["Toelichting"].iter_rows() for c in r]
    assert "=Aandeel gemeenten" in texts
    assert any("kolommen naam en eenheid zijn om te lezen" in str(t) for t in texts)
    actions = load_workbook(paths[1])
    assert actions.sheetnames == ["data", "codes", "Toelichting"]
    assert [[c.value for c in r] for r in actions["data"].iter_rows() if r[0].value] == [
        ["actie", "titel", "datum", "status", "toelichting"],
        ["AL1.1", "Actie", None, None, None],
        ["AL1.1.a", "Mijlpaal", None, None, None],
    ]
    lines = [str(r[0].value) for r in actions["Toelichting"].iter_rows() if r[0].value]
    assert any(line.startswith("status: gereed, in uitvoering") for line in lines)
    assert not any("obs_status" in line or "status: leeg" in line for line in lines)
    assert ["AL1.1", "Actie", "2020-12-31"] in [
        [c.value for c in r] for r in actions["Toelichting"].iter_rows()
    ]


def test_read_only_columns_are_locked_and_the_rest_open(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_templates(
        workspace, "politie", "xlsx", period="2019", out=tmp_path / "t.xlsx", lang="en"
    )[0]
    data = load_workbook(path)["data"]
    assert data.protection.sheet and data.protection.password is None
    assert not data.protection.insertRows and not data.protection.sort
    header = [c.value for c in data[1]]
    assert header[:5] == ["indicator", "name", "period", "value", "unit"]
    for column, name in enumerate(header, start=1):
        locked = {data.cell(row, column).protection.locked for row in (2, 6, 205)}
        assert locked == {name in ("name", "unit")}, name
    assert data.column_dimensions["C"].protection.locked is False
    assert data.column_dimensions["B"].protection.locked is True


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_template_filled_in_is_accepted(workspace: Path, tmp_path: Path, lang: str) -> None:
    from openpyxl import load_workbook

    path = write_templates(
        workspace, "politie", "xlsx", period="2019", out=tmp_path / "t.xlsx", lang=lang
    )[0]
    book = load_workbook(path)
    data = book["data"]
    for row, value in zip(range(2, 7), (40, 45, 100, 60, 40), strict=True):
        data.cell(row, 4).value = value
    data.cell(2, 7).value = "voorlopig" if lang == "nl" else "P"
    data.cell(2, 10).value = "=niet uitrekenen"
    data.cell(2, 10).data_type = "s"
    data.cell(4, 11).value = "Jaarverslag 2019"
    book.save(path)
    result = submit_file(workspace, path, "politie")
    assert result.accepted, [p.format() for p in result.errors]
    assert result.rows == 5 and result.delimiter is None and result.warnings == []
    stored = next((workspace / "measurements" / "data").glob("*.csv")).read_text("utf-8")
    assert "\n2,aandeel,2019-H1,,40,P,,,'=niet uitrekenen,\n" in stored
    assert "\n4,zaken,2019,,100,A,,,,Jaarverslag 2019\n" in stored


def test_actions_template_filled_in_is_accepted(workspace: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_templates(workspace, "politie", "xlsx", out=tmp_path / "t.xlsx")[1]
    book = load_workbook(path)
    data = book["data"]
    data.cell(2, 3).value = "15-06-2019"
    data.cell(2, 4).value = "in uitvoering"
    data.cell(3, 3).value = "2019-06-30"
    data.cell(3, 4).value = "gereed"
    book.save(path)
    result = submit_file(workspace, path, "politie")
    assert result.accepted and result.kind == "actions", [p.format() for p in result.errors]
    stored = next((workspace / "measurements" / "data").glob("*.csv")).read_text("utf-8")
    assert stored.splitlines()[1:] == [
        "2,AL1.1,2019-06-15,in_progress,",
        "3,AL1.1.a,2019-06-30,done,",
    ]


def test_a_period_shorter_than_an_indicators_leaves_it_out(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "h1.csv"
    write_templates(workspace, "politie", "csv", period="2019-H1", out=out, lang="en")
    lines = out.read_text("utf-8-sig").splitlines()
    assert [line.split(",")[:3] for line in lines[1:]] == [["aandeel", "Share", "2019-H1"]]
    with pytest.raises(UsageError, match=r"--period 2019-Q1 is shorter than .* zaken per year"):
        write_templates(workspace, "politie", "csv", period="2019-Q1", out=tmp_path / "q.csv")


def test_an_unknown_language_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"--lang takes a language of the programme \(nl, en\)"):
        write_templates(workspace, "politie", "csv", out=tmp_path / "x.csv", lang="fr")


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
    header = "indicator,naam,periode,waarde,eenheid,status,onder,boven,toelichting,bron"
    assert data.startswith(b"\xef\xbb\xbf" + header.encode() + b"\r\n")
    assert b"meldingen,Meldingen,2020," in data
    english = write_templates(
        workspace, "ngo", "csv", period="2020", out=tmp_path / "e.csv", lang="en"
    )[0]
    assert english.read_bytes().startswith(
        b"\xef\xbb\xbfindicator,name,period,value,unit,obs_status,lower,upper,note,source\r\n"
    )


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
