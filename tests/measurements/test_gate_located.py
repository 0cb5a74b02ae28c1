"""Every error code of the measurement row checker is located: file, line, column number and the
column's name as the file names it. The codes are read from the checker's source, so a new code
without a case here fails."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kpitrack.measurements import rowcheck, rules, validate
from small_workspace import write_small_workspace

HEADER = "indicator,period,value,region,obs_status,lower,upper,note,source\n"
OK = "zaken,2018,5,,,,,,\n"  # row 2: valid, so the row of each case is row 3

# code → (file text, line, column number, column name); None where the problem has no cell.
CASES: dict[str, tuple[str, int, int | None, str | None]] = {
    "row-width": (HEADER + OK + "zaken,2019,5,,,,,,,,x\n", 3, 11, None),
    "unknown-indicator": (HEADER + OK + "zakn,2019,5,,,,,,\n", 3, 1, "indicator"),
    "not-owner": (HEADER + OK + "meldingen,2019,5,,,,,,\n", 3, 1, "indicator"),
    "period": (HEADER + OK + "zaken,2019-Q1,5,,,,,,\n", 3, 2, "period"),
    "dimension": (HEADER + OK + "aandeel,2019-H1,5,noord,,,,,\n", 3, 4, "region"),
    "code": (HEADER + OK + "zaken,2019,5,oost,,,,,\n", 3, 4, "region"),
    "obs-status": (HEADER + OK + "zaken,2019,5,,Z,,,,\n", 3, 5, "obs_status"),
    "value": (HEADER + OK + "zaken,2019,vijf,,,,,,\n", 3, 3, "value"),
    "count": (HEADER + OK + "zaken,2019,5.5,,,,,,\n", 3, 3, "value"),
    "percentage": (HEADER + OK + "aandeel,2019-H1,100.5,,,,,,\n", 3, 3, "value"),
    "missing-value": (HEADER + OK + "zaken,2019,5,,M,,,weg,\n", 3, 3, "value"),
    "note": (HEADER + OK + "zaken,2019,,,M,,,,\n", 3, 8, "note"),
    "note-too-long": (HEADER + OK + f"zaken,2019,5,,,,,{'n' * 2001},\n", 3, 8, "note"),
    "source-too-long": (HEADER + OK + f"zaken,2019,5,,,,,,{'s' * 501}\n", 3, 9, "source"),
    "interval": (HEADER + OK + "zaken,2019,5,,,6,7,,\n", 3, 3, "value"),
    "duplicate": (HEADER + OK + "zaken,2018,6,,,,,,\n", 3, 1, "indicator"),
    "decimal-mixed": (HEADER + OK + 'aandeel,2019-H1,5.5,,,5,"6,5",,\n', 3, 7, "upper"),
    "decimal-ambiguous": (
        "indicator;period;value;lower\nzaken;2018;5;\nzaken;2019;5;1.250\n",
        3,
        4,
        "lower",
    ),
    "unknown-column": ("indicator,period,value,aantal\n" + "zaken,2019,5,1\n", 1, 4, "aantal"),
    "duplicate-column": ("indicator,period,value,waarde\n" + "zaken,2019,5,5\n", 1, 4, "waarde"),
    # No cell to point at: the header lacks the column, or has far too many.
    "missing-column": ("indicator,value\n" + "zaken,5\n", 1, None, None),
    "too-many-columns": (",".join(f"c{i}" for i in range(201)) + "\n" + "x\n", 1, None, None),
}


def _codes_in_source() -> set[str]:
    """The codes the checker's modules add: ``add("code", …)`` and rules' problem tuples."""
    found: set[str] = set()
    for module in (rowcheck, rules, validate):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        if "__mutmut_" in source:
            pytest.skip("mutation testing: the source holds every mutant of the module")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if name == "append" and isinstance(first, ast.Tuple) and first.elts:
                first = first.elts[0]
            elif name != "add":
                continue
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_code_of_the_row_checker_has_a_case() -> None:
    assert _codes_in_source() == set(CASES)


@pytest.mark.parametrize("code", CASES)
def test_each_code_is_located_at_its_cell(tmp_path: Path, code: str) -> None:
    from kpitrack.intake.submit import submit_file

    workspace = write_small_workspace(tmp_path / "ws")
    text, line, column, name = CASES[code]
    path = tmp_path / "levering.csv"
    path.write_text(text, encoding="utf-8")
    result = submit_file(workspace, path, "politie")
    found = [p for p in result.errors if p.code == code]
    assert [(p.line, p.column, p.path) for p in found] == [(line, column, name)], [
        p.format() for p in result.errors
    ]
    assert found[0].file == str(path) or str(found[0].file).endswith("levering.csv")
    assert not (workspace / "measurements").exists()


# What the partner reads for each case: the message names the cell's content and what is valid.
MESSAGES = {
    "row-width": "row has 11 fields, the header has 9; column 11 holds 'x' but the header has no "
    "column there: remove it, or name its column in the header",
    "unknown-indicator": "unknown indicator 'zakn'; your indicators: aandeel, zaken",
    "not-owner": "indicator meldingen is submitted by ngo, not by politie; your indicators: "
    "aandeel, zaken",
    "period": "zaken is reported per year: write a period like 2019, not '2019-Q1'",
    "dimension": "indicator aandeel has no breakdown by region; its dimensions: none (totals "
    "only); leave this cell empty",
    "code": "'oost' is not a code of region; valid codes: noord, zuid",
    "obs-status": "obs_status 'Z' is not one of A (normal, the default when empty), P "
    "(provisional), E (estimated), B (break in series), M (missing); in Dutch: definitief (A), "
    "voorlopig (P), geschat (E), breuk (B), ontbreekt (M)",
    "value": "'vijf' is not a number; write digits like 1234 or 12.5 or 12,5",
    "count": "5.5 is not a count: zaken counts whole numbers ≥ 0",
    "percentage": "100.5 is not a percentage: aandeel takes 0 to 100",
    "missing-value": "obs_status M (missing) needs an empty value; remove the value or change "
    "obs_status",
    "note": "obs_status M (missing) needs a note saying why the figure is missing",
    "note-too-long": "note has 2,001 characters; at most 2,000",
    "source-too-long": "source has 501 characters; at most 500: name the publication, not its "
    "contents",
    "interval": "value 5 is below lower 6",
    "duplicate": "zaken 2018 (total) is already given in row 2; one row per indicator, period "
    "and breakdown",
    "decimal-mixed": "the file mixes decimal points and decimal commas (e.g. rows 3 and 3); use "
    "one decimal mark",
    "decimal-ambiguous": "numbers like 1.234 (first in row 3) could be a decimal or a thousands "
    "separator and no other number settles it; write whole numbers without separators (1234) "
    "or give the decimals unambiguously (1234.5 / 1234,5)",
    "duplicate-column": "column 'waarde' is column 'value' again",
    "missing-column": "missing column(s) period; a submission needs indicator, period, value "
    "(or: indicator, periode, waarde)",
}


@pytest.mark.parametrize("code", MESSAGES)
def test_each_code_says_what_is_wrong_and_what_is_valid(tmp_path: Path, code: str) -> None:
    from kpitrack.intake.submit import submit_file

    workspace = write_small_workspace(tmp_path / "ws")
    path = tmp_path / "levering.csv"
    path.write_text(CASES[code][0], encoding="utf-8")
    result = submit_file(workspace, path, "politie")
    assert [p.message for p in result.errors if p.code == code] == [MESSAGES[code]]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        # A sign inside the number is no percentage sign: the cell is not a number at all.
        (
            "aandeel,2019-H1,5%3,,,,,,",
            "'5%3' is not a number; write digits like 1234 or 12.5 or 12,5",
        ),
        (
            "zaken,2019,60%,,,,,,",
            "'60%': zaken is not a percentage (count); write the number without % (in a "
            "spreadsheet: format the cell as a number, not as a percentage)",
        ),
        # A long cell is quoted up to 40 characters.
        (
            f"zaken,2019,{'1' * 45}%,,,,,,",
            f"'{'1' * 40}': zaken is not a percentage (count); write the number without % (in a "
            "spreadsheet: format the cell as a number, not as a percentage)",
        ),
    ],
)
def test_a_percent_sign_where_it_does_not_belong(tmp_path: Path, row: str, message: str) -> None:
    from kpitrack.intake.submit import submit_file

    workspace = write_small_workspace(tmp_path / "ws")
    path = tmp_path / "levering.csv"
    path.write_text(HEADER + OK + row + "\n", encoding="utf-8")
    result = submit_file(workspace, path, "politie")
    assert [(p.code, p.line, p.column, p.path, p.message) for p in result.errors] == [
        ("value", 3, 3, "value", message)
    ]


def _submit(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    from kpitrack.intake.submit import submit_file

    workspace = write_small_workspace(tmp_path / "ws")
    path = tmp_path / "levering.csv"
    path.write_text(text, encoding="utf-8")
    return workspace, submit_file(workspace, path, "politie")


def test_an_empty_value_says_how_to_report_a_missing_figure(tmp_path: Path) -> None:
    _, result = _submit(tmp_path, HEADER + OK + "zaken,2019,,,,,,,\n")
    assert [(p.code, p.line, p.column, p.message) for p in result.errors] == [
        (
            "value",
            3,
            3,
            "value is empty: fill in a number, or set obs_status M (missing) and explain in note",
        )
    ]


@pytest.mark.parametrize(
    ("header", "row", "column"),
    [
        ("indicator,period,value,obs_status", "zaken,2019,,M", None),  # no note column at all
        ("note,indicator,period,value,obs_status", ",zaken,2019,,M", 1),  # the first column
    ],
)
def test_a_missing_figure_without_a_note_points_at_the_note(
    tmp_path: Path, header: str, row: str, column: int | None
) -> None:
    _, result = _submit(tmp_path, f"{header}\n{row}\n")
    assert [(p.code, p.line, p.column) for p in result.errors] == [("note", 2, column)]


def test_a_source_in_the_first_column_is_a_source(tmp_path: Path) -> None:
    from kpitrack.definitions.load import read_definitions
    from kpitrack.measurements.store import read_store

    workspace, result = _submit(
        tmp_path, "source,indicator,period,value\nJaarverslag,zaken,2019,5\n"
    )
    assert result.accepted, [p.format() for p in result.errors]
    loaded = read_definitions(workspace)
    assert loaded.programme is not None
    stored = read_store(workspace, loaded.programme, loaded.indicators).observations
    assert [(o.value, o.source) for o in stored] == [(5, "Jaarverslag")]
    _, long = _submit(tmp_path / "b", f"source,indicator,period,value\n{'s' * 501},zaken,2019,5\n")
    assert [(p.code, p.line, p.column, p.path) for p in long.errors] == [
        ("source-too-long", 2, 1, "source")
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A comma file: "1,234" (quoted) alone may be a thousand or a decimal.
        ('indicator,period,value\naandeel,2019-H1,5\naandeel,2019-H2,"1,234"\n',
         ("decimal-ambiguous", 3, 3)),
        # A semicolon file: 1.234 alone, in the fourth row.
        ("indicator;period;value\nzaken;2017;5\nzaken;2018;5\naandeel;2019-H1;1.234\n",
         ("decimal-ambiguous", 4, 3)),
        # The comma comes first (row 2), the point later (row 4): located at the point.
        ('indicator,period,value\naandeel,2019-H1,"2,5"\nzaken,2018,5\naandeel,2019-H2,2.5\n',
         ("decimal-mixed", 4, 3)),
    ],
)  # fmt: skip
def test_decimal_mark_problems_are_located_at_the_number(
    tmp_path: Path, text: str, place: tuple[str, int, int]
) -> None:
    _, result = _submit(tmp_path, text)
    assert [(p.code, p.line, p.column) for p in result.errors] == [place]
