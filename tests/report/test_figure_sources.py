"""Each figure's own source, beside it in the report and in the section's CSV download.

A figure with a source of its own (the ``source``/``bron`` column) gets a letter in the value
table's "Bron" column, and the letter's source is listed under the table; a table whose figures
have none has no such column. A partner's source is text: escaped, stripped of bidi overrides,
and never a formula in the CSV. The workspace is built through the real intake
(tests/sourced_workspace.py).
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model, write_reports
from kpitrack.report.figure_sources import letter
from kpitrack.report.model import IndicatorSection, ReportModel
from kpitrack.workspace import load_workspace
from sourced_workspace import CBS, FIRST, HOSTILE, SHOWN_HOSTILE, write_sourced_workspace

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
AS_OF = date(2022, 12, 31)
PREFIX = "data:text/csv;charset=utf-8,"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sourced_workspace(tmp_path_factory.mktemp("sourced") / "ws")


def _model(root: Path, lang: str = "nl") -> ReportModel:
    workspace = load_workspace(root)
    return build_report_model(workspace, compute_progress(workspace, AS_OF), lang)


def _sections(model: ReportModel) -> dict[str, IndicatorSection]:
    return {ind.id: ind for line in model.action_lines for ind in line.indicators}


def test_each_sourced_figure_gets_the_letter_of_its_source(root: Path) -> None:
    sections = _sections(_model(root))
    zaken = sections["zaken"]
    marks = [(r.period, r.source_mark, r.source) for r in zaken.values]
    assert marks == [
        ("2018", "a", FIRST),
        ("2019", "b", CBS),
        ("2020", "b", CBS),  # the same publication: one letter, listed once
        ("2021", "", ""),
        ("2022", "", ""),
    ]
    assert [(s.mark, s.text) for s in zaken.figure_sources] == [("a", FIRST), ("b", CBS)]
    assert zaken.source == "Politie"  # the definition's source, apart
    assert sections["aandeel"].figure_sources == ()
    # The override is gone before the text reaches a renderer; the rest stays as written.
    (hostile,) = sections["meldingen"].figure_sources
    assert hostile.text == SHOWN_HOSTILE and "\u202e" not in hostile.text


def test_the_download_carries_each_figures_source_and_no_formula(root: Path) -> None:
    sections = _sections(_model(root))

    def rows(section: str) -> list[dict[str, str]]:
        text = unquote(sections[section].download.removeprefix(PREFIX))
        return list(csv.DictReader(io.StringIO(text, newline="")))

    totals = [(r["period"], r["source"]) for r in rows("zaken") if not r["region"]]
    assert totals == [("2018", FIRST), ("2019", CBS), ("2020", CBS), ("2021", ""), ("2022", "")]
    # Stripped of the override first, then the formula is made text: the order matters, or the
    # hidden character would carry "=HYPERLINK(…)" past the check.
    (first, _) = rows("meldingen")
    assert first["source"] == "'" + SHOWN_HOSTILE
    assert HOSTILE not in first["source"]


@pytest.mark.parametrize(
    ("index", "expected"), [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (702, "aaa")]
)
def test_letters_run_on_as_spreadsheet_columns(index: int, expected: str) -> None:
    assert letter(index) == expected


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium")
def test_the_html_report_shows_the_source_beside_each_figure(root: Path, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    (path,) = write_reports(root, as_of=AS_OF, lang="nl", formats=["html"], out=tmp_path / "a")
    (again,) = write_reports(root, as_of=AS_OF, lang="nl", formats=["html"], out=tmp_path / "b")
    assert path.read_bytes() == again.read_bytes()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 900})
        page.goto(path.as_uri())
        zaken = page.locator("#ind-zaken")
        table = zaken.locator("table.values")
        headers = table.locator("thead th").all_inner_texts()
        assert headers[:3] == ["Periode", "Waarde", "Bron"]  # the letter beside the value
        rows = [
            (row.locator("th").inner_text(), row.locator("td").nth(1).inner_text())
            for row in table.locator("tbody tr").all()
        ]
        assert rows == [("2018", "a"), ("2019", "b"), ("2020", "b"), ("2021", ""), ("2022", "")]
        # On a phone the letter is in view without scrolling the table sideways.
        cell = table.locator("tbody tr").first.locator("td.source-mark").bounding_box()
        assert cell is not None and cell["x"] + cell["width"] <= 390
        listed = zaken.locator("ul.figure-sources li").all_inner_texts()
        assert [" ".join(item.split()) for item in listed] == [f"a {FIRST}", f"b {CBS}"]
        assert zaken.locator("div.figure-sources p").inner_text() == "Bron per cijfer"
        # A table whose figures name no source of their own has no such column.
        assert "Bron" not in page.locator("#ind-aandeel table.values thead").inner_text()
        assert page.locator("#ind-aandeel div.figure-sources").count() == 0
        # The hostile source is text: no script ran, no element was made of it.
        hostile = page.locator("#ind-meldingen ul.figure-sources li").inner_text()
        assert SHOWN_HOSTILE in hostile
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#ind-meldingen ul.figure-sources script").count() == 0
        results = Axe().run(page)
        browser.close()
    assert "\u202e" not in path.read_text(encoding="utf-8")
    assert results.response["passes"], "axe did not run"
    assert [v["id"] for v in results.response["violations"]] == []
