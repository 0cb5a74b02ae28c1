"""Figures not yet approved, in the real reports of a programme that requires review.

With ``reporting.review: required`` every figure the programme office has not yet approved is
marked "nog niet geaccordeerd" (English: "not yet approved") beside the figure — in the value
table and in the breakdown — in the HTML report (opened in Chromium) and in the Word report
(opened with python-docx); the completeness annex counts those indicators apart. An approved
figure carries no mark, and a programme without review shows neither marks nor the column.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kpitrack.intake.review import review_submission
from kpitrack.report.build import write_reports
from small_workspace import write_small_workspace
from store_helpers import require_review, submit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
AS_OF = date(2022, 12, 31)


def _workspace(root: Path, *, review: bool) -> Path:
    """zaken 2018 approved, zaken 2019 (total and both regions) awaiting; meldingen approved."""
    write_small_workspace(root)
    if review:
        require_review(root)
    approved = submit(
        root, "zaken,2018,180,,,,,\nzaken,2018,100,noord,,,,\nzaken,2018,80,zuid,,,,\n", "a.csv"
    )
    submit(root, "zaken,2019,200,,,,,\nzaken,2019,120,noord,,,,\nzaken,2019,80,zuid,,,,\n", "b.csv")
    ngo = submit(root, "meldingen,2019,40,,,,,\n", "c.csv", partner="ngo")
    if review:
        review_submission(root, approved, "approve", "p-office")
        review_submission(root, ngo, "approve", "p-office")
    return root


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("review-marks")
    root = _workspace(base / "ws", review=True)
    found: dict[str, Path] = {}
    for lang in ("nl", "en"):
        for path in write_reports(
            root, as_of=AS_OF, lang=lang, formats=["html", "docx"], out=base / "out"
        ):
            found[f"{lang}{path.suffix}"] = path
    return found


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium")
@pytest.mark.parametrize(
    ("lang", "mark"), [("en", "not yet approved"), ("nl", "nog niet geaccordeerd")]
)
def test_the_html_report_marks_each_figure_not_yet_approved(reports, lang, mark) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    name = {"en": "Cases", "nl": "Zaken"}[lang]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(reports[f"{lang}.html"].as_uri())
        values = page.locator("table", has=page.locator("caption", has_text=name)).first
        rows = {row.locator("th").inner_text(): row for row in values.locator("tbody tr").all()}
        assert rows["2019"].locator("td").first.inner_text() == f"200 {mark}"
        assert rows["2019"].locator("td .mark").inner_text() == mark
        assert rows["2018"].locator(".mark").count() == 0
        assert rows["2018"].locator("td").first.inner_text() == "180"
        breakdown = page.locator("table.breakdown").first
        cells = [c.strip() for c in breakdown.locator("tbody td.num").all_inner_texts()]
        assert cells == [f"120 {mark}", f"80 {mark}"]
        # Every mark in the report belongs to a 2019 figure of zaken: the total and two regions.
        assert page.locator("td .mark").count() == 3

        annex = page.locator("table", has=page.locator("#completeness-caption"))
        headers = annex.locator("thead th").all_inner_texts()
        assert (
            headers[-1]
            == {"en": "Of which not yet approved", "nl": "Waarvan nog niet geaccordeerd"}[lang]
        )
        by_partner = {
            row.locator("th").inner_text(): row.locator("td").all_inner_texts()
            for row in annex.locator("tbody tr").all()
        }
        assert by_partner["Politie"][1] == "1" and by_partner["Politie"][-1] == "1"  # zaken
        assert by_partner["NGO"][1] == "1" and by_partner["NGO"][-1] == "0"  # approved
        note = page.locator(
            "#completeness-caption >> xpath=ancestor::div[1]/following-sibling::p[1]"
        )
        assert mark in note.inner_text()
        results = Axe().run(page)
        browser.close()
    assert results.response["passes"], "axe did not run"
    assert [v["id"] for v in results.response["violations"]] == []


def test_the_word_report_marks_each_figure_not_yet_approved(reports) -> None:
    import docx

    document = docx.Document(str(reports["nl.docx"]))
    mark = "nog niet geaccordeerd"
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    values = next(
        t for t in tables if t[0][:2] == ["Periode", "Waarde"] and t[1][1].startswith("180")
    )
    by_period = {row[0]: row[1] for row in values[1:]}
    assert by_period == {"2018": "180", "2019": f"200 {mark}"}
    breakdown = next(t for t in tables if t[0][0] == "Regio")
    assert [row[-1] for row in breakdown[1:]] == [f"120 {mark}", f"80 {mark}"]
    cells = [c for t in tables for row in t[1:] for c in row]
    assert sum(c.endswith(mark) for c in cells) == 3
    annex = next(
        t for t in tables if t[0][0] == "Partner" and "Waarvan nog niet geaccordeerd" in t[0]
    )
    assert annex[0][-1] == "Waarvan nog niet geaccordeerd"
    assert {row[0]: row[-1] for row in annex[1:]} == {"Politie": "1", "NGO": "0"}
    paragraphs = [p.text for p in document.paragraphs]
    assert any(f"„{mark}”" in p and "laatste kolom" in p for p in paragraphs)


def test_without_review_there_are_no_marks_and_no_column(tmp_path: Path) -> None:
    import docx

    root = _workspace(tmp_path / "ws", review=False)
    html, word = write_reports(root, as_of=AS_OF, lang="en", formats=["html", "docx"], out=tmp_path)
    text = html.read_text(encoding="utf-8")
    assert "not yet approved" not in text.lower() and 'class="mark"' not in text
    document = docx.Document(str(word))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Of which not yet approved" not in cells
    assert not any(c.endswith("not yet approved") for c in cells)
