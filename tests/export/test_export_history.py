"""CSV and XLSX exports of the observations: the full history in submission order, which value
each revision replaced, small counts withheld in every row, and no text that becomes a formula."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kpitrack.export.build import write_export
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model
from kpitrack.workspace import load_workspace

AS_OF = date(2022, 12, 31)
FORMULA_START = ("=", "+", "-", "@")


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def xlsx_rows(path: Path) -> list[dict[str, object]]:
    sheet = load_workbook(path)["observations"]
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def history(
    small_workspace: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, str]]:
    out = tmp_path_factory.mktemp("history") / "history.csv"
    assert write_export(small_workspace, format="csv", out=out, as_of=AS_OF) == [
        out,
        out.with_name("datapackage.json"),
    ]
    return csv_rows(out)


def test_every_stored_row_in_submission_order(
    history: list[dict[str, str]], small_workspace: Path
) -> None:
    stored = load_workspace(small_workspace).observations()
    assert [(r["submission"], r["source_row"]) for r in history] == [
        (str(o.provenance.submission), str(o.provenance.row)) for o in stored
    ]
    assert {r["partner"] for r in history} == {"politie", "ngo"}
    assert all(r["received"] == "2023-01-01T00:00:00Z" for r in history)


def test_a_revision_says_which_value_it_replaced_and_only_the_newest_is_current(
    history: list[dict[str, str]],
) -> None:
    rows = [r for r in history if (r["indicator"], r["period"]) == ("aandeel.gemeenten", "2019-H2")]
    assert [
        (r["value"], r["revised"], r["revision_of"], r["revised_from"], r["current"]) for r in rows
    ] == [
        ("44.25", "false", "", "", "false"),
        ("45", "true", "1", "44.25", "true"),
    ]
    total = [
        r for r in history if (r["indicator"], r["period"], r["region"]) == ("zaken", "2021", "")
    ]
    assert [(r["value"], r["revised_from"]) for r in total] == [("222", ""), ("280", "222")]


def test_withheld_cells_lose_value_interval_note_and_replaced_value_in_every_row(
    history: list[dict[str, str]],
) -> None:
    noord_2021 = [
        r
        for r in history
        if (r["indicator"], r["period"], r["region"]) == ("zaken", "2021", "noord")
    ]
    # The first count (2) was small; its revision (60) is withheld too, with what it replaced.
    assert [(r["value"], r["note"], r["revised_from"], r["withheld"]) for r in noord_2021] == [
        ("", "", "", "small"),
        ("", "", "", "small"),
    ]
    by_key = {
        (r["period"], r["region"]): r
        for r in history
        if r["indicator"] == "zaken" and r["current"] == "true"
    }
    assert by_key[("2021", "west")]["withheld"] == "complement"
    assert by_key[("2022", "west")]["withheld"] == "complement"
    assert by_key[("2019", "zuid.holland")]["withheld"] == "small"
    assert (
        by_key[("2022", "oost")]["value"] == "6000" and by_key[("2022", "oost")]["withheld"] == ""
    )
    # No withheld number survives anywhere in the row.
    for row in history:
        if row["withheld"]:
            assert (
                row["value"]
                == row["lower"]
                == row["upper"]
                == row["note"]
                == row["revised_from"]
                == ""
            )


def test_the_latest_breakdown_is_withheld_exactly_as_the_report_withholds_it(
    history: list[dict[str, str]], small_workspace: Path
) -> None:
    workspace = load_workspace(small_workspace)
    progress = compute_progress(workspace, AS_OF)
    model = build_report_model(workspace, progress, "en", snapshot_hash="")
    section = next(i for line in model.action_lines for i in line.indicators if i.id == "zaken")
    assert section.breakdown is not None and section.breakdown.period == "2022"
    labels = workspace.programme.codelists["region"].codes
    reported = {
        next(code for code, label in labels.items() if label == row.codes[0])
        for row in section.breakdown.rows
        if row.suppressed
    }
    exported = {
        r["region"]
        for r in history
        if (r["indicator"], r["period"]) == ("zaken", "2022") and r["withheld"]
    }
    assert exported == reported == {"noord", "west"}


def test_text_never_becomes_a_formula_in_csv(history: list[dict[str, str]]) -> None:
    notes = [r["note"] for r in history if r["note"]]
    assert "'=SUM(A1:A9)" in notes and "'+31 6 1234 5678" in notes and "'@ingetrokken" in notes
    assert "'-herzien" in notes
    for row in history:
        for value in row.values():
            assert (
                not value.startswith(FORMULA_START) or value.lstrip("-").replace(".", "").isdigit()
            )


def test_xlsx_holds_the_same_history_as_text_and_numbers_never_formulas(
    small_workspace: Path, tmp_path: Path, history: list[dict[str, str]]
) -> None:
    out = tmp_path / "history.xlsx"
    assert write_export(small_workspace, format="xlsx", out=out, as_of=AS_OF) == [out]
    rows = xlsx_rows(out)
    assert len(rows) == len(history)
    for sheet_row, csv_row in zip(rows, history, strict=True):
        assert sheet_row["submission"] == int(csv_row["submission"])
        assert sheet_row["value"] == (float(csv_row["value"]) if csv_row["value"] else None)
        assert sheet_row["withheld"] == (csv_row["withheld"] or None)
        assert sheet_row["revised"] is (csv_row["revised"] == "true")
    notes = {row["note"] for row in rows if row["note"]}
    # In the workbook the note reads as written: a text cell with Excel's quote prefix.
    assert {"=SUM(A1:A9)", "+31 6 1234 5678", "@ingetrokken", "-herzien"} <= notes
    workbook = load_workbook(out)
    sheet = workbook["observations"]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    described = [row[0] for row in workbook["columns"].iter_rows(min_row=2, values_only=True)]
    assert described == list(rows[0].keys())


def test_each_figure_keeps_its_own_source_and_it_never_becomes_a_formula(tmp_path: Path) -> None:
    from kpitrack.intake.submit import submit_file
    from small_workspace import write_small_workspace

    root = write_small_workspace(tmp_path / "ws")
    received = tmp_path / "bron.csv"
    received.write_text(
        "indicator;periode;waarde;bron\n"
        "zaken;2019;180;Politie, jaarverslag 2019\n"
        'zaken;2020;190;=HYPERLINK("http://x")\n'
        "zaken;2021;200;\n",
        encoding="utf-8",
    )
    assert submit_file(root, received, "politie").accepted
    out = tmp_path / "history.csv"
    write_export(root, format="csv", out=out, as_of=AS_OF)
    rows = {r["period"]: r for r in csv_rows(out) if r["indicator"] == "zaken"}
    assert [rows[p]["source"] for p in ("2019", "2020", "2021")] == [
        "Politie, jaarverslag 2019",
        '\'=HYPERLINK("http://x")',
        "",
    ]
    book = tmp_path / "history.xlsx"
    write_export(root, format="xlsx", out=book, as_of=AS_OF)
    sources = {r["period"]: r["source"] for r in xlsx_rows(book) if r["indicator"] == "zaken"}
    assert sources == {
        "2019": "Politie, jaarverslag 2019",
        "2020": '=HYPERLINK("http://x")',  # a text cell with Excel's quote prefix
        "2021": None,
    }
