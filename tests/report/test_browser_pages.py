"""The example's HTML report on a phone, on a desktop screen and on paper, in headless Chromium.

At 390 px the summary shows every column without scrolling; the charts' titles, tick labels and
legends never overlap; printed to A4, every page carries the programme's title and its number,
the draft mark stands in the top margin clear of the text, and rows, charts and headings keep
together with what belongs to them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kpitrack.measurements.model import ACTION_STATES
from kpitrack.report.build import write_reports
from kpitrack.report.html import PAGE_MARGINS_MM, PRINT_CHART_WIDTH_PX
from kpitrack.report.summary import SUMMARY_COLUMNS

EXAMPLE = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
MM = 72 / 25.4  # PDF points per millimetre

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]

# Bounding boxes of the chart parts that must not overlap, per chart.
OVERLAPS_JS = """() => {
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const found = [];
  for (const div of document.querySelectorAll('.js-plotly-plot')) {
    const boxes = (sel) => [...div.querySelectorAll(sel)]
      .map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0);
    const xticks = boxes('.xtick text'), yticks = boxes('.ytick text');
    const titles = boxes('.g-ytitle text'), legend = boxes('.legend .traces');
    const plot = div.querySelector('.main-svg').getBoundingClientRect();
    xticks.forEach((a, i) => xticks.slice(i + 1).forEach((b) => {
      if (meets(a, b)) found.push(div.id + ': x tick labels overlap');
    }));
    titles.forEach((t) => yticks.forEach((y) => {
      if (meets(t, y)) found.push(div.id + ': y title on tick labels');
    }));
    legend.forEach((l) => [...xticks, ...yticks, ...titles].forEach((o) => {
      if (meets(l, o)) found.push(div.id + ': legend on axis text');
    }));
    [...xticks, ...yticks, ...titles, ...legend].forEach((b) => {
      if (b.left < plot.left - 0.5 || b.right > plot.right + 0.5) {
        found.push(div.id + ': text outside the chart');
      }
    });
  }
  return found;
}"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (path,) = write_reports(
        EXAMPLE,
        as_of=date(2022, 12, 31),
        lang="nl",
        formats=["html"],
        out=tmp_path_factory.mktemp("pages"),
    )
    return path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, report: Path, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(report.as_uri())
    page.wait_for_selector(".plot-container svg")
    return context, page


# --- the summary on a phone -------------------------------------------------------------------


def test_summary_shows_every_column_at_390_px(browser, report: Path) -> None:
    context, page = _open(browser, report, 390)
    try:
        cells = page.evaluate(
            """() => [...document.querySelectorAll('table.summary tr')]
              .filter((tr) => !tr.closest('thead'))
              .map((tr) => [...tr.querySelectorAll('td')].map((td) => {
                const b = td.getBoundingClientRect();
                const label = td.querySelector('.stack-label');
                const l = label.getBoundingClientRect();
                return {left: b.left, right: b.right, width: b.width, height: b.height,
                        label: label.innerText.trim(), labelWidth: l.width};
              }))"""
        )
        columns = page.locator("table.summary thead tr").nth(1).locator("th").count() - 1
        page_width = page.evaluate("document.documentElement.scrollWidth")
        wrap = page.evaluate(
            "(() => { const w = document.querySelector('.summary-wrap');"
            " return [w.scrollWidth, w.clientWidth]; })()"
        )
        table_role = page.get_attribute("table.summary", "role")
    finally:
        context.close()
    assert page_width <= 390  # no sideways scrolling
    assert wrap[0] <= wrap[1]
    assert len(cells) == 6  # five action lines and the total
    for row in cells:
        assert columns == len(row) == len(SUMMARY_COLUMNS) + len(ACTION_STATES)
        for cell in row:
            assert cell["width"] > 0 and cell["height"] > 0
            assert cell["left"] >= 0 and cell["right"] <= 390
            assert cell["label"] and cell["labelWidth"] > 0  # the count says what it counts
    assert table_role == "table"  # still a table for screen readers


def test_summary_is_a_plain_table_on_a_desktop(browser, report: Path) -> None:
    context, page = _open(browser, report, 1280)
    try:
        labels = page.locator("table.summary .stack-label").first.is_visible()
        header = page.locator("table.summary thead").is_visible()
    finally:
        context.close()
    assert header and not labels


# --- charts on screens ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_texts_never_overlap(browser, report: Path, width: int) -> None:
    context, page = _open(browser, report, width)
    try:
        page.wait_for_timeout(300)  # responsive charts settle at the viewport width
        problems = page.evaluate(OVERLAPS_JS)
        charts = page.locator(".js-plotly-plot").count()
    finally:
        context.close()
    assert charts >= 15
    assert problems == []


def test_charts_are_redrawn_at_the_printed_width(browser, report: Path) -> None:
    context, page = _open(browser, report, 1280)
    try:
        before = page.evaluate("document.querySelector('.main-svg').getBoundingClientRect().width")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        printed = page.evaluate(
            "[...document.querySelectorAll('.js-plotly-plot .main-svg:first-child')]"
            ".map((s) => s.getBoundingClientRect().width)"
        )
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.wait_for_timeout(300)
        after = page.evaluate("document.querySelector('.main-svg').getBoundingClientRect().width")
    finally:
        context.close()
    assert before > PRINT_CHART_WIDTH_PX
    assert printed and all(w == PRINT_CHART_WIDTH_PX for w in printed)
    assert after == before


# --- paper ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(browser, report: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    context, page = _open(browser, report, 1280)
    pdf = tmp_path_factory.mktemp("print") / "report.pdf"
    try:
        page.pdf(path=str(pdf), format="A4")
    finally:
        context.close()
    return pdf


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page: ``(word, xMin, yMin, xMax, yMax)`` in points, from pdftotext's boxes."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = []
    for page in (e for e in root.iter() if e.tag.endswith("page")):
        words = [
            (w.text or "", *(float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")))
            for w in page
            if w.tag.endswith("word")
        ]
        pages.append(words)
    return pages


def test_print_is_a4_with_running_header_and_page_numbers(printed: Path) -> None:
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True).stdout
    assert "(A4)" in info
    pages = _words(printed)
    assert len(pages) >= 10
    top = PAGE_MARGINS_MM[0] * MM
    for number, words in enumerate(pages, start=1):
        text = " ".join(w[0] for w in words)
        assert "CONCEPT" in text, number  # the draft mark on every page, the title page too
        if number == 1:
            assert "Pagina" not in text  # the title page has no running header or number
            continue
        assert f"Pagina {number} van {len(pages)}" in text
        header = " ".join(w[0] for w in words if w[4] <= top)
        assert "Samen tegen mensenhandel" in header, number


def test_draft_mark_sits_in_the_margin_clear_of_text(printed: Path) -> None:
    top = PAGE_MARGINS_MM[0] * MM
    for number, words in enumerate(_words(printed), start=1):
        marks = [w for w in words if w[0] == "CONCEPT"]
        assert len(marks) == 1, number
        _, x0, y0, x1, y1 = marks[0]
        assert y1 <= top, number  # in the top margin, above the text area
        for word in words:
            if word is marks[0]:
                continue
            overlaps = word[1] < x1 and x0 < word[3] and word[2] < y1 and y0 < word[4]
            assert not overlaps, (number, word[0])


def test_print_keeps_rows_headings_and_charts_together(browser, report: Path) -> None:
    context, page = _open(browser, report, 1280)
    try:
        page.emulate_media(media="print")
        styles = page.evaluate(
            """() => {
              const all = (sel, prop) => [...document.querySelectorAll(sel)]
                .map((e) => getComputedStyle(e)[prop]);
              return {
                rows: all('tr', 'breakInside'),
                headings: all('main h2, main h3, main h4, caption', 'breakAfter'),
                charts: all('figure.chart', 'breakInside'),
                heads: all('thead', 'display'),
                banner: all('.draft-banner', 'display'),
              };
            }"""
        )
    finally:
        context.close()
    assert len(styles["rows"]) > 100 and set(styles["rows"]) == {"avoid"}
    assert styles["headings"] and set(styles["headings"]) == {"avoid"}
    assert styles["charts"] and set(styles["charts"]) == {"avoid"}
    assert set(styles["heads"]) == {"table-header-group"}  # header rows repeat on each page
    assert styles["banner"] == ["none"]  # the margin carries the draft mark in print
