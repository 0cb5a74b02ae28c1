"""The whole path with the office in headless Chromium, axe-core on every page on the way.

invite → set password → log in → see what is expected → download the template → upload a file
with an error → see it → fix → upload → the office returns it with a reason → the partner sees
the return and uploads again → the office approves → ``kpitrack report`` shows the figure
(the report page is audited too).
The workspace requires review, so before the approval the figure is marked as awaiting it.
No page may have an accessibility violation (any impact), a console error or a request to
another site.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, invite
from kpitrack.progress.document import status_document
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PASSWORD = "een zin van een paar woorden"
OFFICE_PASSWORD = "correct horse battery staple"
AS_OF = date(2022, 12, 31)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]


def _fill(template: Path, out: Path, total: object, north: int, south: int) -> None:
    """The template's zaken rows for 2019 filled in; every other row left out."""
    from openpyxl import load_workbook

    book = load_workbook(template)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    for row in range(sheet.max_row, 1, -1):
        period = sheet.cell(row, header.index("period") + 1).value
        if sheet.cell(row, 1).value != "zaken" or period != "2019":
            sheet.delete_rows(row)
            continue
        region = sheet.cell(row, header.index("region") + 1).value
        value = {None: total, "noord": north, "zuid": south}[region]
        sheet.cell(row, header.index("value") + 1).value = value
    book.save(out)


def _zaken(root: Path) -> dict[str, object]:
    document = status_document(compute_progress(load_workspace(root), AS_OF))
    return next(i for i in document["indicators"] if i["id"] == "zaken")


def _flags(root: Path) -> list[str]:
    return _zaken(root)["flags"]  # type: ignore[return-value]


class Watch:
    """axe-core on each page, and every console error or outside request."""

    def __init__(self, base: str) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.base = base
        self.checked: dict[str, list[object]] = {}
        self.problems: list[str] = []

    def page(self, context):  # type: ignore[no-untyped-def]
        page = context.new_page()
        # A refused form answers 4xx on purpose: that console line is no problem.
        expected = "Failed to load resource: the server responded with a status of"
        page.on(
            "console",
            lambda m: (
                self.problems.append(m.text)
                if m.type == "error" and not m.text.startswith(expected)
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.on(
            "request",
            lambda r: None if r.url.startswith(self.base) else self.problems.append(r.url),
        )
        return page

    def audit(self, page, name: str) -> None:  # type: ignore[no-untyped-def]
        results = self.axe.run(page)
        assert results.response["passes"], "axe did not run"
        self.checked[name] = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
        ]


def test_partner_and_office_from_invitation_to_the_report(run_portal, root, tmp_path):
    from playwright.sync_api import sync_playwright

    programme = root / "programme" / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "reporting: {frequency: half-year}",
            "reporting: {frequency: half-year, review: required}",
        ),
        encoding="utf-8",
    )
    with run_portal(root, as_of=date(2020, 5, 1)) as live:
        live.portal.person("office@jenv.example", None)
        with open_accounts(root) as db:
            ana = add_person(db, "ana@politie.example", partner="politie", name="Ana de Vries")
            link = f"{live.url}/invite/{invite(db, ana).token}"
        watch = Watch(live.url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            partner_context = browser.new_context(
                accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="en-GB"
            )
            page = watch.page(partner_context)

            # The partner: invitation, password, what is expected, the template.
            page.goto(link)
            watch.audit(page, "invitation")
            page.fill("#password", PASSWORD)
            page.fill("#repeat", PASSWORD)
            page.click("button[type=submit] >> text=Save the password")
            page.wait_for_url(f"{live.url}/partner")
            assert "Still expected from you: 8, of which 7 late." in page.inner_text("main")
            page.click("nav >> text=Still expected")
            assert page.inner_text("h1") == "Still expected from you"
            assert "Cases" in page.inner_text("table.due")
            watch.audit(page, "partner: still expected")
            page.goto(f"{live.url}/partner")
            page.select_option("#format", "xlsx")
            page.select_option("#period", "2019")
            page.select_option("#part", "measurements")
            with page.expect_download() as download:
                page.click("button >> text=Download")
            template = tmp_path / download.value.suggested_filename
            download.value.save_as(template)

            # A file with an error, seen in the page; then the fixed file.
            files = tmp_path / "files"
            files.mkdir()
            _fill(template, files / "wrong.xlsx", "twaalf", 5, 7)
            _fill(template, files / "zaken-2019.xlsx", 12, 7, 5)
            _fill(template, files / "zaken-2019-v2.xlsx", 12, 5, 7)
            page.set_input_files("#file", str(files / "wrong.xlsx"))
            page.click("button >> text=Upload")
            assert page.inner_text("h1") == "The file was not stored"
            assert "twaalf" in page.inner_text("table.problems")
            watch.audit(page, "partner: upload with errors")
            page.set_input_files("#file", str(files / "zaken-2019.xlsx"))
            page.click("button >> text=Upload")
            page.wait_for_url(f"{live.url}/submissions/1?stored=1")
            assert "awaiting approval" in page.inner_text("dl.facts")
            assert "unreviewed" in _flags(root)

            # The office returns it with a reason.
            office_context = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="en-GB"
            )
            office = watch.page(office_context)
            office.goto(f"{live.url}/login")
            office.fill("#email", "office@jenv.example")
            office.fill("#password", OFFICE_PASSWORD)
            office.click("main button >> text=Log in")
            office.wait_for_url(f"{live.url}/office")
            assert "1 submission awaits a decision." in office.inner_text("main")
            watch.audit(office, "office: overview")
            office.click("nav >> text=To review")
            watch.audit(office, "office: to review")
            office.click("main a >> text=1")
            office.wait_for_url(f"{live.url}/submissions/1")
            watch.audit(office, "office: submission with the review form")
            office.check("#decision-return")
            office.click("button >> text=Record the decision")
            assert "Say why the submission is returned" in office.inner_text("[role=alert]")
            watch.audit(office, "office: review without a reason")
            office.fill("#reason", "Noord en zuid zijn omgedraaid.\nGraag opnieuw insturen.")
            office.click("button >> text=Record the decision")
            office.wait_for_url(f"{live.url}/submissions/1?reviewed=return")
            watch.audit(office, "office: returned")
            assert _zaken(root)["latest"] is None  # the returned figures no longer count

            # The partner sees the return and its reason, and uploads again.
            page.goto(f"{live.url}/partner")
            alert = page.inner_text("[role=alert]")
            assert "returned submission 1" in alert and "Noord en zuid zijn omgedraaid." in alert
            watch.audit(page, "partner: overview with a returned submission")
            page.click("nav >> text=History")
            assert "returned" in page.inner_text("tbody tr")
            watch.audit(page, "partner: history with a returned submission")
            page.click("main a >> text=1")
            assert "Returned on" in page.inner_text("ol.decisions")
            watch.audit(page, "partner: returned submission")
            page.goto(f"{live.url}/partner")
            page.set_input_files("#file", str(files / "zaken-2019-v2.xlsx"))
            page.click("button >> text=Upload")
            # Entry 2 of the ledger is the office's decision: the new file is submission 3.
            page.wait_for_url(f"{live.url}/submissions/3?stored=1")
            watch.audit(page, "partner: stored submission")

            # The office approves it, and looks at the other pages.
            office.goto(f"{live.url}/submissions/3")
            office.check("#decision-approve")
            office.click("button >> text=Record the decision")
            office.wait_for_url(f"{live.url}/submissions/3?reviewed=approve")
            assert "approved" in office.inner_text("dl.facts")
            for name, path in (
                ("office: expected and delivered", "/expected"),
                ("office: still expected", "/due"),
                ("office: a partner's page", "/partners/politie"),
                ("office: people", "/people"),
                ("office: all submissions", "/submissions"),
            ):
                office.goto(live.url + path)
                watch.audit(office, name)
            office.goto(f"{live.url}/people")
            office.click("#people-politie ~ div button >> text=New invitation")
            assert "/invite/" in office.inner_text("p.link")
            watch.audit(office, "office: a new invitation link")
            office.goto(f"{live.url}/office")
            office.select_option("#lang", "nl")
            office.click("footer button")
            office.wait_for_url(f"{live.url}/office")
            assert office.inner_text("h1") == "Partners en hun aanleveringen"
            watch.audit(office, "office: overview in Dutch")
            office.goto(f"{live.url}/expected")
            assert "Verwacht en geleverd" in office.inner_text("h1")
            watch.audit(office, "office: expected and delivered in Dutch")
            browser.close()
        assert "unreviewed" not in _flags(root)
        assert _zaken(root)["latest"] == {"period": "2019", "value": 12}

        # The report shows the approved figure.
        out = tmp_path / "report"
        made = subprocess.run(
            [sys.executable, "-m", "kpitrack", "report", str(root), "--as-of", str(AS_OF),
             "--lang", "en", "--format", "html", "--out", str(out)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            report = browser.new_page()
            own = ("file:", "data:", "blob:", "about:")
            report.on(
                "request",
                lambda r: None if r.url.startswith(own) else watch.problems.append(r.url),
            )
            report.on("pageerror", lambda e: watch.problems.append(str(e)))
            report.goto((out / "proef_2022-12-31_en.html").as_uri())
            values = report.locator("table", has=report.locator("caption", has_text="Cases"))
            row = values.locator("tr", has=report.locator("th", has_text="2019")).first
            assert "12" in row.inner_text()
            assert "not yet approved" not in row.inner_text()  # approved: no review mark
            watch.audit(report, "the report")
            browser.close()

    assert {name: found for name, found in watch.checked.items() if found} == {}
    assert len(watch.checked) == 21
    assert watch.problems == []
