"""Steps of features/partner.feature: a partner fills in a template and submits it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.cli import main

scenarios("partner.feature")

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def partner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    # Commands run in the partner's working directory.
    monkeypatch.chdir(tmp_path)
    return {"root": tmp_path}


def run(context: dict[str, Any], capsys: pytest.CaptureFixture[str], *argv: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    captured = capsys.readouterr()
    context.update(code=exited.value.code, out=captured.out, err=captured.err)


@given(parsers.parse('een kopie van het voorbeeldprogramma "{title}"'))
def example_copy(partner: dict[str, Any], title: str) -> None:
    for part in ("programme", "kpis"):
        shutil.copytree(REPOSITORY / part, partner["root"] / part)
    assert title in (partner["root"] / "programme/programme.yaml").read_text(encoding="utf-8")


@when(parsers.parse('de partner "{who}" het sjabloon voor periode "{period}" ophaalt'))
def fetch_template(
    partner: dict[str, Any], capsys: pytest.CaptureFixture[str], who: str, period: str
) -> None:
    run(partner, capsys, "template", "--partner", who, "--period", period)
    assert partner["code"] == 0, partner["err"]
    partner["template"] = Path(partner["out"].splitlines()[0])


def _rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["data"]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@then(
    parsers.parse(
        'heeft het sjabloon een rij voor "{indicator}" in "{period}" voor het totaal en elke regio'
    )
)
def template_rows(partner: dict[str, Any], indicator: str, period: str) -> None:
    rows = _rows(partner["template"])
    header = rows[0]
    at = _column(header, "period", "periode")
    regions = [r[header.index("region")] for r in rows[1:] if r[0] == indicator and r[at] == period]
    programme = (partner["root"] / "programme/programme.yaml").read_text(encoding="utf-8")
    assert regions[0] is None and len(regions) > 1
    assert all(f"{code}:" in programme for code in regions[1:])


def _column(header: list[Any], english: str, dutch: str) -> int:
    """Where a column is, by its English or its Dutch name (the template's language)."""
    return header.index(english if english in header else dutch)


def _fill(partner: dict[str, Any], region: str, text: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(partner["template"])
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    value_column = _column(header, "value", "waarde") + 1
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value is None:
            continue
        if sheet.cell(row, header.index("region") + 1).value == region:
            sheet.cell(row, value_column).value = text
            partner["bad_row"] = row
        elif sheet.cell(row, value_column).value is None:
            sheet.cell(row, value_column).value = 7
    book.save(partner["template"])


@when(parsers.parse('de partner alle waarden invult maar in de regio "{region}" "{text}" schrijft'))
def fill_with_error(partner: dict[str, Any], region: str, text: str) -> None:
    _fill(partner, region, text)


@when(parsers.parse('de partner in de regio "{region}" "{text}" schrijft'))
def fix(partner: dict[str, Any], region: str, text: str) -> None:
    _fill(partner, region, text)


@when(parsers.parse('de partner "{who}" het sjabloon instuurt'))
def submit_template(partner: dict[str, Any], capsys: pytest.CaptureFixture[str], who: str) -> None:
    run(partner, capsys, "submit", str(partner["template"]), "--partner", who)


@given(parsers.parse('een CSV-bestand met de regel "{line}"'))
def csv_file(partner: dict[str, Any], line: str) -> None:
    path = partner["root"] / "cijfers.csv"
    path.write_text(f"indicator,period,value\n{line}\n", encoding="utf-8")
    partner["csv"] = path


@when(parsers.parse('de partner "{who}" het CSV-bestand instuurt'))
def submit_csv(partner: dict[str, Any], capsys: pytest.CaptureFixture[str], who: str) -> None:
    run(partner, capsys, "submit", str(partner["csv"]), "--partner", who)


@then(parsers.parse("eindigt het commando met code {code:d}"))
def exit_code(partner: dict[str, Any], code: int) -> None:
    assert partner["code"] == code, partner["err"]


@then(parsers.parse('noemt de foutmelding de rij van regio "{region}" en de kolom "{column}"'))
def error_located(partner: dict[str, Any], region: str, column: str) -> None:
    lines = [line for line in partner["err"].splitlines() if ": value:" in line]
    assert len(lines) == 1, partner["err"]
    header = _rows(partner["template"])[0]
    # The column as the template names it, and the cell as Excel names it (D6).
    at = header.index(column) + 1
    cell = f"{chr(ord('A') + at - 1)}{partner['bad_row']}"
    assert f":{partner['bad_row']}:{at}: value: cell {cell} ({column}):" in lines[0]


@then(parsers.parse('noemt de foutmelding "{text}"'))
def error_mentions(partner: dict[str, Any], text: str) -> None:
    assert text in partner["err"]


@then("is er niets opgeslagen")
def nothing_stored(partner: dict[str, Any]) -> None:
    assert not (partner["root"] / "measurements").exists()


@then(parsers.parse('toont de uitvoer "{text}"'))
def output_shows(partner: dict[str, Any], text: str) -> None:
    assert text in partner["out"]


@then('meldt "kpitrack verify" een gave opslag')
def verify_clean(partner: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    run(partner, capsys, "verify")
    assert partner["code"] == 0 and "store OK: 1 submission(s)" in partner["out"]
