"""The example programme's real report, in both languages, passes axe-core without violations."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kpitrack.report.build import write_reports

EXAMPLE = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_report_has_no_accessibility_violation(lang: str, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    (path,) = write_reports(
        EXAMPLE,
        as_of=date(2022, 12, 31),
        lang=lang,
        formats=["html"],
        out=tmp_path,
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri())
        page.wait_for_selector(".plot-container")
        results = Axe().run(page)
        browser.close()
    assert results.response["passes"], "axe did not run"
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []  # any impact, not only serious and critical
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in requests)
