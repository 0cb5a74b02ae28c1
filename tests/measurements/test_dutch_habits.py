"""Excel habits of Dutch partners: Dutch column names and codes, ``60%``, thousands separators
where the decimal mark is beyond doubt, ``15-12-2024`` dates in action files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kpitrack.intake.submit import SubmissionResult, submit_file
from small_workspace import add_yearly_amount


def submit(workspace: Path, text: str, partner: str = "politie", **kw: bool) -> SubmissionResult:
    path = workspace.parent / "in.csv"
    path.write_text(text, encoding="utf-8")
    return submit_file(workspace, path, partner, **kw)


def stored_rows(workspace: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((workspace / "measurements" / "data").glob("*.csv")):
        rows += list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return rows


def located(result: SubmissionResult) -> list[tuple[str, int | None, int | None, str | None]]:
    return [(p.code, p.line, p.column, p.path) for p in result.errors]


def test_dutch_column_names_and_status_words_are_stored_as_the_english_ones(
    workspace: Path,
) -> None:
    result = submit(
        workspace,
        "indicator;periode;waarde;region;status;onder;boven;toelichting;bron\n"
        "zaken;2019;170;;Voorlopig;160;180;tot november;Jaarverslag 2019\n"
        "zaken;2019;90;noord;definitief;;;;\n"
        "zaken;2020;;;ontbreekt;;;nog niet geteld;\n",
    )
    assert result.accepted, [p.format() for p in result.errors]
    rows = stored_rows(workspace)
    assert [(r["value"], r["obs_status"], r["lower"], r["upper"]) for r in rows] == [
        ("170", "P", "160", "180"),
        ("90", "A", "", ""),
        ("", "M", "", ""),
    ]
    assert rows[0]["note"] == "tot november" and rows[0]["source"] == "Jaarverslag 2019"


def test_problems_name_the_columns_as_the_file_names_them(workspace: Path) -> None:
    result = submit(workspace, "indicator;periode;waarde;onder\nzaken;2019-H1;twaalf;x\n")
    assert located(result) == [
        ("period", 2, 2, "periode"),
        ("value", 2, 3, "waarde"),
        ("value", 2, 4, "onder"),
    ]


def test_a_column_given_in_both_languages_is_named_as_a_duplicate(workspace: Path) -> None:
    result = submit(workspace, "indicator,period,value,waarde\nzaken,2019,1,2\n")
    assert located(result) == [("duplicate-column", 1, 4, "waarde")]
    assert "column 'waarde' is column 'value' again" in result.errors[0].message


def test_an_unknown_column_names_the_dutch_names_too(workspace: Path) -> None:
    result = submit(workspace, "indicator,periode,getal\nzaken,2019,1\n")
    messages = {p.code: p.message for p in result.errors}
    assert "(or: indicator, periode, waarde" in messages["unknown-column"]
    assert (
        "a submission needs indicator, period, value (or: indicator, periode, waarde)"
        in (messages["missing-column"])
    )


def test_an_unknown_status_word_lists_the_letters_and_the_dutch_words(workspace: Path) -> None:
    result = submit(workspace, "indicator,periode,waarde,status\nzaken,2019,1,klaar\n")
    assert located(result) == [("obs-status", 2, 4, "status")]  # the column as named
    assert "voorlopig (P)" in result.errors[0].message


def test_template_columns_to_read_are_ignored(workspace: Path) -> None:
    result = submit(
        workspace,
        "indicator,naam,period,value,eenheid\nzaken,Zaken naar het OM,2019,170,zaken\n",
    )
    assert result.accepted, [p.format() for p in result.errors]
    assert stored_rows(workspace)[0]["value"] == "170"


@pytest.mark.parametrize(
    ("cell", "stored"),
    [("60%", "60"), ("60 %", "60"), ('"60,5%"', "60.5"), ("0%", "0"), ("100%", "100")],
)
def test_a_percentage_may_carry_its_sign(workspace: Path, cell: str, stored: str) -> None:
    result = submit(workspace, f"indicator,period,value\naandeel,2019-H1,{cell}\n")
    assert result.accepted, [p.format() for p in result.errors]
    assert stored_rows(workspace)[0]["value"] == stored


def test_a_sign_on_a_count_or_beyond_100_is_refused_at_its_cell(workspace: Path) -> None:
    result = submit(
        workspace,
        "indicator,period,value,region,obs_status,lower,upper\n"
        "zaken,2019,60%,,,,\n"
        "aandeel,2019-H1,120%,,,,\n"
        "aandeel,2019-H2,50,,,40%,60\n",
    )
    assert located(result) == [
        ("value", 2, 3, "value"),
        ("percentage", 3, 3, "value"),
    ]
    assert "zaken is not a percentage (count); write the number without %" in (
        result.errors[0].message
    )
    assert "format the cell as a number" in result.errors[0].message


@pytest.mark.parametrize(
    ("cell", "stored", "decimal"),
    [
        ('"1.234.567"', "1234567", "comma"),
        ('"1.234,5"', "1234.5", "comma"),
        ('"1,234,567"', "1234567", "point"),
        ('"1,234.5"', "1234.5", "point"),
        ('"-1.234.567,25"', "-1234567.25", "comma"),
    ],
)
def test_thousands_separators_are_read_where_the_decimal_mark_is_beyond_doubt(
    workspace: Path, cell: str, stored: str, decimal: str
) -> None:
    add_yearly_amount(workspace)
    result = submit(workspace, f"indicator,period,value\nbedrag,2019,{cell}\n")
    assert result.accepted, [p.format() for p in result.errors]
    assert result.decimal == decimal
    assert stored_rows(workspace)[0]["value"] == stored


@pytest.mark.parametrize("cell", ['"1.23,4"', '"12.34.567"', '"1.234.56"', '"1,2.3"'])
def test_separators_that_do_not_group_by_three_are_refused(workspace: Path, cell: str) -> None:
    result = submit(workspace, f"indicator,period,value\nzaken,2019,{cell}\n")
    assert [(p.code, p.line, p.column) for p in result.errors] == [("value", 2, 3)]
    assert "is not a number" in result.errors[0].message


def test_a_grouped_number_beyond_the_bound_is_refused_naming_it(workspace: Path) -> None:
    result = submit(workspace, 'indicator,period,value\nzaken,2019,"1.000.000.000.000.001"\n')
    assert located(result) == [("value", 2, 3, "value")]
    assert "at most 10^15" in result.errors[0].message


def test_a_grouped_number_settles_the_decimal_mark_for_the_file(workspace: Path) -> None:
    result = submit(
        workspace, 'indicator,period,value\nzaken,2019,"1.234.567"\naandeel,2019-H1,2.5\n'
    )
    assert [(p.code, p.line, p.column) for p in result.errors] == [("decimal-mixed", 3, 3)]


ACTIONS = "actie,datum,status,toelichting\n"


@pytest.mark.parametrize(
    ("date", "stored"), [("15-12-2019", "2019-12-15"), ("5-1-2020", "2020-01-05")]
)
def test_action_dates_may_be_day_month_year(workspace: Path, date: str, stored: str) -> None:
    result = submit(workspace, f"{ACTIONS}AL1.1,{date},In uitvoering,loopt\n")
    assert result.accepted, [p.format() for p in result.errors]
    row = stored_rows(workspace)[0]
    assert (row["date"], row["status"]) == (stored, "in_progress")


@pytest.mark.parametrize("date", ["31-02-2020", "2020/05/01", "12-2020", "15-12-20"])
def test_other_action_dates_are_refused_saying_both_forms(workspace: Path, date: str) -> None:
    result = submit(workspace, f"{ACTIONS}AL1.1,{date},gereed,\n")
    assert located(result) == [("date", 2, 2, "datum")]
    assert "YYYY-MM-DD (e.g. 2020-06-30) or DD-MM-YYYY (30-06-2020)" in result.errors[0].message


def test_a_dutch_state_word_that_is_not_known_lists_the_words(workspace: Path) -> None:
    result = submit(workspace, f"{ACTIONS}AL1.1,2019-05-01,klaar,\n")
    assert located(result) == [("status", 2, 3, "status")]
    assert "gereed, in uitvoering, gepland, vervallen" in result.errors[0].message
