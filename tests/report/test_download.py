"""Each indicator's published figures as an embedded CSV download: the same figures as printed."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from kpitrack import i18n
from kpitrack.report.build import build_report_model, write_reports
from kpitrack.report.download import figures_csv

EXAMPLE = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
PREFIX = "data:text/csv;charset=utf-8,"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_download_holds_every_total_and_the_shown_cells_withheld_as_printed(
    workspace, progress
) -> None:
    model = build_report_model(workspace, progress, "nl", snapshot_hash="")
    section = model.action_lines[0].indicators[0]
    assert section.download.startswith(PREFIX) and section.download_name == "zaken-naar-om.csv"
    text = unquote(section.download.removeprefix(PREFIX))
    assert text.endswith("\r\n")
    rows = _rows(text)
    totals = [r for r in rows if not r["region"]]
    assert [(r["period"], r["value"], r["obs_status"]) for r in totals] == [
        ("2018", "170", "A"),
        ("2019", "185", "A"),
        ("2020", "187", "P"),
    ]
    assert totals[1]["revised_from"] == "180"
    assert (totals[2]["lower"], totals[2]["upper"]) == ("175", "200")
    cells = {r["region"]: (r["value"], r["withheld"]) for r in rows if r["region"]}
    # The small cell and the one that would give it away have no value, as in the table.
    assert cells == {"noord": ("", "small"), "oost": ("120", ""), "west": ("", "complement")}
    # The context figure has its own file; no section without figures has a link.
    other = model.action_lines[1].indicators[0]
    assert [r["value"] for r in _rows(unquote(other.download.removeprefix(PREFIX)))] == [
        "1076",
        "1372",
        "1013",
    ]


def test_text_a_spreadsheet_would_evaluate_stays_text(fixtures, workspace) -> None:
    # A partner's note that a spreadsheet would run as a formula, as the store would hold it.
    formula = '=HYPERLINK("http://x","klik")'
    observations = [
        replace(o, note=formula) if (o.indicator, o.period) == ("zaken-naar-om", "2018") else o
        for o in workspace.observations()
    ]
    hostile = replace(workspace, _observations=observations)
    zaken = fixtures.make_progress(hostile).indicators[0]
    indicator = workspace.indicators["zaken-naar-om"]
    (row,) = _rows(figures_csv(indicator, zaken, workspace.programme))[:1]
    assert (row["period"], row["note"]) == ("2018", "'" + formula)


def test_a_figure_not_yet_approved_says_so(fixtures, workspace) -> None:
    zaken = fixtures.make_progress(workspace).indicators[0]
    assert {
        r["approved"]
        for r in _rows(
            figures_csv(workspace.indicators["zaken-naar-om"], zaken, workspace.programme)
        )
    } == {""}  # no review in this programme
    waiting = replace(zaken, series=(replace(zaken.series[0], approved=False), *zaken.series[1:]))
    rows = _rows(figures_csv(workspace.indicators["zaken-naar-om"], waiting, workspace.programme))
    assert [r["approved"] for r in rows if r["period"] == "2018"] == ["false"]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium")
def test_the_example_report_downloads_the_figures_its_table_prints(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    (path,) = write_reports(
        EXAMPLE, as_of=date(2022, 12, 31), lang="nl", formats=["html"], out=tmp_path
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(accept_downloads=True)
        page.goto(path.as_uri())
        links = page.locator("p.download a")
        sections = page.locator("article.indicator table.values")
        assert links.count() == sections.count() > 0
        article = page.locator("article.indicator", has=page.locator("p.download")).first
        printed = [
            (
                row.locator("th").inner_text().strip(),
                row.locator("td").first.inner_text().split(" ")[0],
            )
            for row in article.locator("table.values tbody tr").all()
        ]
        with page.expect_download() as info:
            article.locator("p.download a").click()
        download = info.value
        name = download.suggested_filename
        text = Path(download.path()).read_text(encoding="utf-8")
        browser.close()
    assert name.endswith(".csv")
    totals = [r for r in _rows(text) if r["indicator"] + ".csv" == name]
    downloaded = [
        (i18n.format_period(r["period"], "nl"), i18n.format_number(float(r["value"]), "nl"))
        for r in totals
        if r["value"]
    ]
    assert downloaded and set(downloaded) <= set(printed)
    assert len({p for p, _ in printed}) == len([r for r in totals if not _is_cell(r)])


def _is_cell(row: dict[str, str]) -> bool:
    fixed = {"indicator", "period", "value", "obs_status", "lower", "upper", "note"}
    fixed |= {"withheld", "revised_from"}
    return any(v for k, v in row.items() if k not in fixed)
