"""The partner's whole path in headless Chromium, with axe-core on every page.

invite → set password → log in → download the template → fill it with an error → upload →
see the error in the page → fix → upload → see the submission and the history; then log out
and in again. No page may have an accessibility violation (any impact), a console error (a
CSP refusal shows there) or a request to another site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, invite

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PASSWORD = "een zin van een paar woorden"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]


def _fill(template: Path, out: Path, total: str) -> None:
    """Fill the template's zaken rows for 2019: the total as given, the regions 5 and 7."""
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        period = sheet.cell(row, header.index("period") + 1).value
        if sheet.cell(row, 1).value != "zaken" or period != "2019":
            continue
        region = sheet.cell(row, header.index("region") + 1).value
        value = {None: total, "noord": 5, "zuid": 7}[region]
        sheet.cell(row, header.index("value") + 1).value = value
    # Leave the half-yearly share out: this file only delivers the yearly count.
    for row in range(sheet.max_row, 1, -1):
        if sheet.cell(row, 1).value != "zaken":
            sheet.delete_rows(row)
    book.save(out)


def test_invite_upload_fix_and_history_in_a_browser(live_portal, tmp_path):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    with open_accounts(live_portal.root) as db:
        person = add_person(db, "ana@politie.example", partner="politie", name="Ana de Vries")
        link = f"{live_portal.url}/invite/{invite(db, person).token}"
    axe = Axe()
    checked: dict[str, list[object]] = {}
    problems: list[str] = []

    def audit(page, name: str) -> None:
        results = axe.run(page)
        assert results.response["passes"], "axe did not run"
        checked[name] = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
        ]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        # A refused form answers 401, 404 or 422 on purpose: that console line is no problem.
        expected = "Failed to load resource: the server responded with a status of"
        page.on(
            "console",
            lambda m: (
                problems.append(m.text)
                if m.type == "error" and not m.text.startswith(expected)
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                problems.append(f"{r.status} {r.url}")
                if r.request.resource_type != "document" and r.status >= 400
                else None
            ),
        )
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(live_portal.url) else problems.append(r.url),
        )

        page.goto(link)
        audit(page, "invitation")
        page.fill("#password", "te kort")
        page.fill("#repeat", "te kort")
        page.evaluate("document.querySelector('form.stacked').noValidate = true")
        page.click("button[type=submit] >> text=Save the password")
        assert "at least 12 characters" in page.inner_text("[role=alert]")
        audit(page, "invitation with an error")
        page.fill("#password", PASSWORD)
        page.fill("#repeat", PASSWORD)
        page.click("button[type=submit] >> text=Save the password")
        page.wait_for_url(f"{live_portal.url}/partner")
        assert page.inner_text("h1") == "Politie"
        assert "Ana de Vries" in page.inner_text("header")
        audit(page, "dashboard")

        page.select_option("#format", "xlsx")
        page.select_option("#period", "2019")
        page.select_option("#part", "measurements")
        with page.expect_download() as download:
            page.click("button >> text=Download")
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)
        assert template.name == "proef_politie_template.xlsx"

        wrong, right = tmp_path / "zaken-2019.xlsx", tmp_path / "fixed" / "zaken-2019.xlsx"
        right.parent.mkdir()
        _fill(template, wrong, "twaalf")
        _fill(template, right, "12")
        page.set_input_files("#file", str(wrong))
        page.click("button >> text=Upload")
        assert page.inner_text("h1") == "The file was not stored"
        error_row = page.locator("table.problems tbody tr").first
        cells = [c.strip() for c in error_row.locator("td").all_inner_texts()]
        assert cells[1] == "value" and cells[2].startswith("D") and "twaalf" in cells[3]
        audit(page, "upload with errors")

        page.set_input_files("#file", str(right))
        page.click("button >> text=Upload")
        page.wait_for_url(f"{live_portal.url}/submissions/1?stored=1")
        assert "stored as submission 1: 3 rows" in page.inner_text("[role=status]")
        audit(page, "submission")
        with page.expect_download() as received:
            page.click("a >> text=zaken-2019.xlsx")
        assert received.value.suggested_filename == "000001-politie-zaken-2019.xlsx"

        page.click("nav >> text=History")
        rows = page.locator("tbody tr")
        assert rows.count() == 1
        assert "zaken-2019.xlsx" in rows.first.inner_text()
        assert "Ana de Vries" in rows.first.inner_text()
        audit(page, "history")

        page.click("button >> text=Log out")
        page.wait_for_url(f"{live_portal.url}/login")
        audit(page, "login")
        page.fill("#email", "ana@politie.example")
        page.fill("#password", "not the password")
        page.click("main button >> text=Log in")
        assert "not right" in page.inner_text("[role=alert]")
        audit(page, "login with an error")
        page.fill("#password", PASSWORD)
        page.click("main button >> text=Log in")
        page.wait_for_url(f"{live_portal.url}/partner")
        page.goto(f"{live_portal.url}/no-such-page")
        audit(page, "not found")
        browser.close()

    assert {name: found for name, found in checked.items() if found} == {}
    assert len(checked) == 9
    assert problems == []


def test_the_office_pages_in_a_browser(live_portal):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    office = live_portal.portal
    office.person("office@jenv.example", None)
    partner = office.person("ana@politie.example", "politie")
    assert partner.partner == "politie"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(f"{live_portal.url}/login")
        page.fill("#email", "office@jenv.example")
        page.fill("#password", "correct horse battery staple")
        page.click("main button >> text=Log in")
        page.wait_for_url(f"{live_portal.url}/office")
        names = page.locator("tbody tr td:first-child").all_inner_texts()
        assert names == ["Politie", "NGO"]
        found = {}
        for path in ("/office", "/submissions", "/submissions?partner=ngo"):
            page.goto(live_portal.url + path)
            found[path] = Axe().run(page).response["violations"]
        browser.close()
    assert found == {path: [] for path in found}
