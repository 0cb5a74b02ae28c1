"""The HTML report in headless Chromium: accessible, offline, inert to injected script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kpitrack.report.build import build_report_model
from kpitrack.report.html import render_html
from kpitrack.report.templates import TemplateSet

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL = ("file:", "data:", "blob:", "about:")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def report_file(fixtures, tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("browser")
    commentary = tmp_path / "commentary" / "2020-12-31"
    commentary.mkdir(parents=True)
    (commentary / "summary.md").write_text(
        fixtures.HOSTILE + "\n\n**Kern**: [link](javascript:window.__pwned=3)\n", encoding="utf-8"
    )
    workspace = fixtures.make_workspace(tmp_path, hostile=True)
    model = build_report_model(
        workspace, fixtures.make_progress(workspace), "nl", snapshot_hash="abc"
    )
    path = tmp_path / "report.html"
    path.write_text(render_html(model, TemplateSet.for_workspace(tmp_path)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def opened(browser, report_file):
    """The report, opened once: non-local requests aborted and recorded, errors collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []
    errors: list[str] = []

    def guard(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report_file.as_uri())
    page.wait_for_selector(".plot-container svg")
    yield page, blocked, errors
    context.close()


def test_no_network_no_console_error_no_injected_script(opened):
    page, blocked, errors = opened
    assert blocked == []
    assert errors == []
    assert page.evaluate("window.__pwned") is None
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert hrefs and not [h for h in hrefs if h.lower().startswith("javascript:")]


def test_charts_render(opened):
    page, _, _ = opened
    assert page.locator(".plot-container").count() == 2
    assert page.locator(".plot-container svg .scatterlayer .trace").count() >= 4


def test_axe_finds_no_serious_or_critical_violation(opened):
    from axe_playwright_python.sync_playwright import Axe

    page, _, _ = opened
    results = Axe().run(page)
    assert results.response["passes"], "axe did not run"
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_keyboard_reaches_skip_link_first(opened):
    page, _, _ = opened
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_print_media_hides_navigation_and_keeps_tables(opened):
    page, _, _ = opened
    page.emulate_media(media="print")
    try:
        assert page.locator("nav.toc").is_hidden()
        assert page.locator("table.values").first.is_visible()
    finally:
        page.emulate_media(media="screen")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_draft_mark_prints_on_every_page(opened, tmp_path):
    import subprocess

    page, _, _ = opened
    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    try:
        page.pdf(path=str(pdf), format="A4")
    finally:
        page.emulate_media(media="screen")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 2
    for number, content in enumerate(pages, 1):
        assert content.upper().count("CONCEPT") == 1, number
