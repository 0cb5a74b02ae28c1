"""The completeness annex counts the plausibility warnings each partner's files had when accepted.

Only the submissions the report uses count (figures for periods up to the as-of date), as for the
latest delivery. A ledger entry written before warnings were recorded counts as "not recorded",
never as a file without warnings. The HTML (opened in Chromium, axe clean) and the Word report
show the same words (the Word side: tests/report_docx/test_docx_figure_sources.py); the note
under the table says what a warning is.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kpitrack.i18n.warning_words import warnings_text
from kpitrack.intake.submit import submit_file
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import write_reports
from kpitrack.report.completeness import completeness
from kpitrack.workspace import load_workspace
from sourced_workspace import write_sourced_workspace

EXAMPLE = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
AS_OF = date(2022, 12, 31)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sourced_workspace(tmp_path_factory.mktemp("warnings") / "ws")


def _by_partner(root: Path, as_of: date, lang: str) -> dict[str, tuple[int | None, str]]:
    workspace = load_workspace(root)
    rows = completeness(workspace, compute_progress(workspace, as_of), lang)
    return {r.partner_id: (r.warnings, r.warnings_text) for r in rows}


@pytest.mark.parametrize(
    ("lang", "politie", "ngo"),
    [
        ("nl", "4 (in 3 aanleveringen)", "1 (in 1 aanlevering)"),
        ("en", "4 (in 3 submissions)", "1 (in 1 submission)"),
    ],
)
def test_each_partner_has_the_warnings_of_its_files(root: Path, lang, politie, ngo) -> None:
    # politie: a.csv 2, b.csv 1, c.csv 1, d.csv none; ngo: e.csv none, f.csv 1 (a jump).
    assert _by_partner(root, AS_OF, lang) == {"politie": (4, politie), "ngo": (1, ngo)}


def test_only_the_submissions_the_report_uses_count(root: Path) -> None:
    # c.csv holds 2022 only: a report as of the end of 2021 does not use it, nor its warning.
    assert _by_partner(root, date(2021, 12, 31), "nl")["politie"] == (3, "3 (in 2 aanleveringen)")
    # Before any figure of the NGO's: no submission used, nothing to say.
    assert _by_partner(root, date(2018, 12, 31), "nl")["ngo"] == (None, "")


def test_older_entries_count_as_not_recorded_never_as_none(tmp_path: Path) -> None:
    # The example's ledger was written before warnings were recorded.
    for part in ("programme", "kpis", "measurements"):
        shutil.copytree(EXAMPLE / part, tmp_path / part)
    before = _by_partner(tmp_path, AS_OF, "nl")["comensha"]
    assert before == (None, "niet geregistreerd")
    figure = tmp_path.parent / "comensha.csv"
    figure.write_text("indicator,period,value\ncomensha-registraties,2022,815\n", encoding="utf-8")
    result = submit_file(tmp_path, figure, "comensha")
    assert result.accepted and result.total_warnings == 0
    after = _by_partner(tmp_path, AS_OF, "nl")["comensha"]
    assert after == (0, "geen; niet geregistreerd bij 5 aanleveringen")


@pytest.mark.parametrize(
    ("lang", "args", "expected"),
    [
        ("nl", (12, 3, 5, 0), "12 (in 3 aanleveringen)"),
        ("nl", (0, 0, 2, 0), "geen"),
        ("nl", (0, 0, 0, 4), "niet geregistreerd"),
        ("nl", (2, 1, 1, 1), "2 (in 1 aanlevering); niet geregistreerd bij 1 aanlevering"),
        ("en", (1200, 3, 3, 2), "1,200 (in 3 submissions); not recorded for 2 submissions"),
        ("en", (0, 0, 1, 0), "none"),
        ("fr", (12, 3, 5, 0), "12 (dans 3 transmissions)"),
        ("fr", (0, 0, 2, 1), "aucun; non enregistré pour 1 transmission"),
        ("fr", (0, 0, 0, 2), "non enregistré"),
    ],
)
def test_the_words_in_every_language(lang, args, expected) -> None:
    assert warnings_text(*args, lang) == expected


@pytest.fixture(scope="module")
def reports(root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("warnings-out")
    found: dict[str, Path] = {}
    for lang in ("nl", "en"):
        for path in write_reports(root, as_of=AS_OF, lang=lang, formats=["html", "docx"], out=out):
            found[f"{lang}{path.suffix}"] = path
    return found


HEADER = {"nl": "Waarschuwingen bij aanlevering", "en": "Warnings at submission"}
CELLS = {
    "nl": {"Politie": "4 (in 3 aanleveringen)", "NGO": "1 (in 1 aanlevering)"},
    "en": {"Politie": "4 (in 3 submissions)", "NGO": "1 (in 1 submission)"},
}
NOTE = {
    "nl": "Een waarschuwing bij aanlevering is een cijfer dat onwaarschijnlijk leek",
    "en": "A warning at submission is a figure that looked implausible",
}


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_annex_counts_the_warnings(reports, lang) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(reports[f"{lang}.html"].as_uri())
        annex = page.locator("table", has=page.locator("#completeness-caption"))
        headers = annex.locator("thead th").all_inner_texts()
        assert headers[-1] == HEADER[lang]
        cells = {
            row.locator("th").inner_text(): row.locator("td").last.inner_text()
            for row in annex.locator("tbody tr").all()
        }
        assert cells == CELLS[lang]
        note = page.locator(
            "#completeness-caption >> xpath=ancestor::div[1]/following-sibling::p[1]"
        )
        assert note.inner_text().startswith(NOTE[lang])
        assert "breakdown" in note.inner_text() or "uitsplitsing" in note.inner_text()
        results = Axe().run(page)
        browser.close()
    assert results.response["passes"], "axe did not run"
    assert [v["id"] for v in results.response["violations"]] == []
