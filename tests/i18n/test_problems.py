"""Problems of a submitted file in the partner's language: every problem the file checks produce
has a message form, and reads in Dutch and French with the file's own values kept."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kpitrack.core.problems import Problem
from kpitrack.i18n.problems import FORMS, localized_problem, match_form, problem_message
from kpitrack.intake.submit import submit_file
from kpitrack.measurements.validate import MAX_MESSAGE_CHARS
from small_workspace import write_small_workspace

HOSTILE = Path(__file__).resolve().parents[1] / "hostile" / "data" / "csv"
FIGURES = "indicator,period,value,region,obs_status,lower,upper,note\n"
ACTIONS = "action,date,status,note\n"

# (file name, partner, content): each meant to raise one or more problems of its own.
CASES: list[tuple[str, str, str]] = [
    ("hint.csv", "politie", "indicator,period,Value\nzaken,2019,10\n"),
    ("unknown-column.csv", "politie", "indicator,period,value,colour\nzaken,2019,10,red\n"),
    ("twice.csv", "politie", "indicator,period,value,value\nzaken,2019,10,11\n"),
    ("missing.csv", "politie", "indicator,value\nzaken,10\n"),
    ("wide.csv", "politie", ",".join(f"c{i}" for i in range(300)) + "\n"),
    ("width.csv", "politie", "indicator,period,value,note\nzaken,2019,10\n"),
    ("semicolons.csv", "politie", "indicator,period,value,note\nzaken;2019;10\n"),
    (
        "values.csv",
        "politie",
        FIGURES
        + "zaken,2018,abc,,,,,\n"
        + "zaken,2019,1.234,5,,,,\n"
        + "zaken,2020,1e400,,,,,\n"
        + "zaken,2021,-3,,,,,\n"
        + "aandeel,2019-H1,120,,,,,\n"
        + "zaken,2022,10,,,12,11,\n"
        + "aandeel,2019-H2,10,,,12,20,\n"
        + "aandeel,2020-H1,30,,,12,20,\n"
        + "zaken,2017,10,,X,,,\n"
        + "zaken,2016,10,,M,,,\n"
        + "aandeel,2020-H2,,,,,,\n"
        + f"aandeel,2021-H1,5,,,,,{'n' * 2100}\n"
        + "zaken,2019,12,noord,,,,\n"
        + "zaken,2019,13,noord,,,,\n"
        + "zaken,2022,14,,,,,\n"
        + "aandeel,2021-H2,5,noord,,,,\n"
        + "zaken,2021,5,oost,,,,\n"
        + "zaken,20199,5,,,,,\n"
        + "zaken,2019-H1,5,,,,,\n"
        + "zaken,2010,5,,,,,\n"
        + "zaken,2030,5,,,,,\n"
        + "meldingen,2019,5,,,,,\n"
        + "onbekend,2019,5,,,,,\n",
    ),
    ("mixed.csv", "politie", "indicator;period;value\nzaken;2019;12,5\nzaken;2020;12.5\n"),
    ("ambiguous.csv", "politie", "indicator;period;value\nzaken;2019;1.234\n"),
    (
        "actions.csv",
        "politie",
        ACTIONS
        + "AL9,2020-01-01,done,\n"
        + "AL1.1.b,2020-01-01,done,\n"
        + "AL1.1,2020-13-01,done,\n"
        + "AL1.1,2020-02-01,overdue,\n"
        + "AL1.1,2020-03-01,finished,\n"
        + "AL1.1,2020-04-01,done,\n"
        + "AL1.1,2020-04-01,done,\n",
    ),
    ("figures.ods", "politie", "not a spreadsheet"),
    ("figures.pdf", "politie", "%PDF-1.4"),
    ("empty-header.csv", "politie", "\nzaken,2019,10\n"),
    ("header-only.csv", "politie", "indicator,period,value\n"),
    ("nobody.csv", "onbekend", "indicator,period,value\nzaken,2019,10\n"),
    # Dutch names and codes, 60%, thousands separators, the bound, sources, plausibility.
    ("dutch-unknown.csv", "politie", "indicator;periode;getal\nzaken;2019;10\n"),
    ("dutch-hint.csv", "politie", "indicator;periode;Waarde\nzaken;2019;10\n"),
    ("both.csv", "politie", "indicator,period,value,waarde\nzaken,2019,10,11\n"),
    (
        "habits.csv",
        "politie",
        "indicator;periode;waarde;status;bron\n"
        + "zaken;2018;60%;klaar;\n"
        + 'zaken;2019;"1.23,4";;\n'
        + "zaken;2020;1e16;;\n"
        + f"zaken;2021;5;;{'b' * 600}\n",
    ),
    ("dates.csv", "politie", "actie,datum,status\nAL1.1,2020/05/01,gereed\n"),
    (
        "plausible.csv",
        "politie",
        "indicator,period,value,region\n"
        + "zaken,2018,6000,\nzaken,2018,2470,noord\nzaken,2018,2000,zuid\n"
        + "zaken,2019,600,\nzaken,2020,6000,\n"
        + "aandeel,2019-H1,60,\naandeel,2019-H2,0.6,\naandeel,2020-H1,60,\n",
    ),
]


def _problems(root: Path, tmp: Path) -> list[Problem]:
    found: list[Problem] = []
    files: list[tuple[Path, str]] = []
    for name, partner, content in CASES:
        path = tmp / name
        path.write_text(content, encoding="utf-8")
        files.append((path, partner))
    latin = tmp / "latin1.csv"
    latin.write_bytes("indicator,period,value,note\nzaken,2019,10,café\n".encode("latin-1"))
    files.append((latin, "politie"))
    for name, data in (
        ("utf16.csv", "indicator,period,value\nzaken,2019,10\n".encode("utf-16")),
        ("undefined.csv", b"indicator,period,value,note\nzaken,2019,10,caf\x81\n"),
        ("latin9.csv", b"indicator,period,value,note\nzaken,2019,10,\xa4 5\n"),
    ):
        (tmp / name).write_bytes(data)
        files.append((tmp / name, "politie"))
    files.extend((path, "politie") for path in _workbooks(tmp))
    files.extend((tmp / name, "politie") for name in ("hidden-data.xlsx", "very-hidden-data.xlsx"))
    files.extend((path, "politie") for path in sorted(HOSTILE.glob("*.csv")))
    for path, partner in files:
        result = submit_file(root, path, partner, dry_run=True)
        found.extend(result.errors + result.warnings)
    stored = tmp / "stored.csv"
    stored.write_text(
        "indicator,period,value\nzaken,2019,10\naandeel,2019-H1,60\naandeel,2020-H1,0.5\n",
        encoding="utf-8",
    )
    assert submit_file(root, stored, "politie").accepted
    found.extend(submit_file(root, stored, "politie").errors)  # already stored
    # Against the stored figure: a breakdown that misses it, jumps up and down from it.
    against = tmp / "against.csv"
    against.write_text(
        "indicator,period,value,region\nzaken,2019,6,noord\nzaken,2019,7,zuid\n"
        "zaken,2020,100,\naandeel,2019-H2,0.6,\naandeel,2020-H2,55,\n",
        encoding="utf-8",
    )
    found.extend(submit_file(root, against, "politie", dry_run=True).warnings)
    below = tmp / "below.csv"
    below.write_text("indicator,period,value\nzaken,2020,1\n", encoding="utf-8")
    found.extend(submit_file(root, below, "politie", dry_run=True).warnings)
    # On a day in 2019: a period that has not ended, an update dated after the day.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1561975200")  # 1 July 2019
        early = tmp / "early.csv"
        early.write_text("indicator,period,value\nzaken,2019,12\n", encoding="utf-8")
        found.extend(submit_file(root, early, "politie", dry_run=True).warnings)
        later = tmp / "later.csv"
        later.write_text("action,date,status\nAL1.1,2019-07-02,done\n", encoding="utf-8")
        found.extend(submit_file(root, later, "politie", dry_run=True).warnings)
    return found


def _workbooks(tmp: Path) -> list[Path]:
    """A workbook with a formula, one without a 'data' sheet and one that is no workbook."""
    from openpyxl import Workbook

    made = []
    for name, sheet, rows in (
        ("formula.xlsx", "data", [["indicator", "period", "value"], ["zaken", "2019", "=1+1"]]),
        ("sheets.xlsx", "Blad1", [["indicator", "period", "value"], ["zaken", "2019", 10]]),
    ):
        book = Workbook()
        assert book.active is not None
        book.active.title = sheet
        for row in rows:
            book.active.append(row)
        book.save(tmp / name)
        made.append(tmp / name)
    (tmp / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    return [*made, tmp / "broken.xlsx", _hidden(tmp)]


def _hidden(tmp: Path) -> Path:
    """A workbook with what a partner cannot see: sheets, rows and a column hidden, a number
    whose format shows other digits, and more hidden rows than are listed."""
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    assert data is not None
    data.title = "data"
    data.append(["indicator", "period", "value", "region"])
    for year in range(2018, 2023):
        data.append(["zaken", str(year), 10.4, "noord"])
    data["C2"].number_format = "0"
    data.column_dimensions["D"].hidden = True
    for row in range(3, 110):
        data.row_dimensions[row].hidden = True
        if row > 6:
            data.append(["zaken", "2019", 10, "zuid"])
    for name, state in (("oud", "hidden"), ("geheim", "veryHidden")):
        sheet = book.create_sheet(name)
        sheet["B2"] = 1
        sheet.sheet_state = state
    book.save(tmp / "hidden.xlsx")
    hidden_data = Workbook()
    assert hidden_data.active is not None
    hidden_data.active.title = "data"
    hidden_data.active.append(["indicator", "period", "value"])
    hidden_data.create_sheet("zichtbaar")
    hidden_data.active.sheet_state = "hidden"
    hidden_data.save(tmp / "hidden-data.xlsx")
    very = Workbook()
    assert very.active is not None
    very.active.title = "data"
    very.active.append(["indicator", "period", "value"])
    very.create_sheet("zichtbaar")
    very.active.sheet_state = "veryHidden"
    very.save(tmp / "very-hidden-data.xlsx")
    return tmp / "hidden.xlsx"


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> list[Problem]:
    base = tmp_path_factory.mktemp("problems")
    root = write_small_workspace(base / "ws")
    return _problems(root, base)


def _whole(problems: list[Problem]) -> list[Problem]:
    # A message that quotes a huge cell is cut (…) at MAX_MESSAGE_CHARS: its form cannot be told
    # and it stays as written.
    return [p for p in problems if len(p.message) < MAX_MESSAGE_CHARS]


def test_every_problem_of_a_submitted_file_has_a_message_form(problems: list[Problem]) -> None:
    assert len(_whole(problems)) > 60
    unmatched = sorted({p.message for p in _whole(problems) if match_form(p.message) is None})
    assert unmatched == []


def test_the_cases_raise_most_forms(problems: list[Problem]) -> None:
    used = {found[0] for p in problems if (found := match_form(p.message)) is not None}
    # The rest need a store that does not verify, a file over the size limit, 10,000 errors,
    # a partner that owns nothing and the like.
    assert len(used) >= len(FORMS) - 15, sorted(set(FORMS) - used)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_problems_read_in_dutch_and_french_with_their_values(
    problems: list[Problem], lang: str
) -> None:
    for problem in _whole(problems):
        shown = problem_message(problem.message, lang)
        assert shown != problem.message, problem.message
        _source, values = match_form(problem.message) or ("", {})
        for name, value in values.items():
            if name not in ("frequency", "count", "limit", "size", "width", "more"):
                assert value in shown, (name, value, shown)


def test_a_french_problem_as_a_partner_reads_it() -> None:
    assert problem_message(
        "'abc' is not a number; write digits like 1234 or 12.5 or 12,5", "fr"
    ) == ("'abc' n'est pas un nombre\u202f; écrivez des chiffres, par exemple 1234, 12.5 ou 12,5")
    assert problem_message(
        "zaken is reported per year: write a period like 2019, not '2019-H1'", "fr"
    ) == (
        "l'indicateur zaken est déclaré par année\u00a0: indiquez une période comme 2019, et non "
        "'2019-H1'"
    )
    assert problem_message(
        "checking stopped at row 10001 after 10,000 errors; the rest of the file was not checked",
        "nl",
    ) == (
        "de controle is gestopt bij rij 10001 na 10.000 fouten; de rest van het bestand is niet "
        "gecontroleerd"
    )


def test_english_and_unknown_messages_stay_as_they_are() -> None:
    message = "'abc' is not a number; write digits like 1234 or 12.5 or 12,5"
    assert problem_message(message, "en") == message
    assert problem_message(message, "de") == message  # no catalogue
    assert problem_message("something no form says", "fr") == "something no form says"
    problem = Problem("value", message, "f.csv", 3, 4, "value")
    shown = localized_problem(problem, "fr")
    assert (shown.code, shown.file, shown.line, shown.column, shown.path) == (
        "value", "f.csv", 3, 4, "value",
    )  # fmt: skip
    assert shown.message.startswith("'abc' n'est pas un nombre")


@pytest.mark.parametrize("form", FORMS)
def test_each_form_finds_itself(form: str) -> None:
    names = [name for _, name, _, _ in string.Formatter().parse(form) if name]
    sample = form.format(**{name: f"<{name}>" for name in names})
    found = match_form(sample)
    assert found is not None and found[0] == form, (form, found)
    assert not re.search(r"\{\w*\}", sample)
