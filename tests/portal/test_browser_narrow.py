"""The portal's pages on a phone (390 px) and on a desktop (1280 px), in headless Chromium.

On a phone every list table stacks: one block per row, each value under its column's name, and
no page scrolls sideways. On a desktop the same tables stay tables with their header row.
axe-core finds nothing on any page on the phone (test_browser_review checks the desktop).
"""

from __future__ import annotations

import shutil

import pytest

from kpitrack.intake.review import review_submission
from store_helpers import submit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"]
PASSWORD = "correct horse battery staple"
LONG_FILE = "aanlevering-politie-eenheid-noord-nederland-2019-definitief-na-controle.csv"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs /usr/bin/chromium"),
]

PARTNER_PAGES = ("/partner", "/submissions", "/submissions/2", "/submissions/4", "/due")
OFFICE_PAGES = (
    "/office",
    "/review",
    "/submissions",
    "/submissions/2",
    "/expected",
    "/due",
    "/partners/politie",
    "/people",
)

# Per page: does the document or a table scroll sideways, which stacked cells show no label,
# and whether the header rows of the stacked tables are on screen.
LAYOUT = """() => {
  const root = document.documentElement;
  const scrolled = [...document.querySelectorAll('.table-wrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => w.querySelector('table').className);
  const cells = [...document.querySelectorAll('table.stack tbody td')]
    .filter(td => getComputedStyle(td).display !== 'none');
  const unlabelled = cells
    .filter(td => !td.matches('.lead, .actions'))
    .filter(td => getComputedStyle(td, '::before').content !== JSON.stringify(td.dataset.label))
    .map(td => td.outerHTML.slice(0, 80));
  // A label longer than its value may not run into the next line of the block.
  const overflowing = cells.filter(td => td.scrollHeight > td.clientHeight + 1)
    .map(td => td.outerHTML.slice(0, 80));
  const heads = [...document.querySelectorAll('table.stack thead')]
    .map(h => h.getBoundingClientRect().height > 2);
  return {
    page: root.scrollWidth - root.clientWidth,
    scrolled, unlabelled, overflowing, heads,
    stacked: document.querySelectorAll('table.stack').length,
    display: [...document.querySelectorAll('table.stack')].map(t => getComputedStyle(t).display),
  };
}"""


def test_every_page_fits_a_phone_and_stays_a_table_on_a_desktop(live_portal):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    root = live_portal.root
    portal = live_portal.portal
    portal.person("office@jenv.example", None)
    ana = portal.person("ana.de.vries-van-der-berg@politie.example", "politie")
    good = "zaken,2019,12,,,,,\nzaken,2019,5,noord,,,,\nzaken,2019,7,zuid,,,,\n"
    first = submit(root, good, LONG_FILE, person=ana.person_id)
    submit(root, good.replace(",5,", ",6,").replace(",7,", ",6,"), "v2.csv", person=ana.person_id)
    review_submission(root, first, "return", "p-office", "Noord en zuid zijn omgedraaid. " * 3)
    submit(root, "meldingen,2019,40,,,,,\n", "ngo.csv", partner="ngo")
    found: dict[str, dict[str, object]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in (390, 1280):
            for email, pages in (
                (ana.email, PARTNER_PAGES),
                ("office@jenv.example", OFFICE_PAGES),
            ):
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, locale="en-GB"
                )
                page = context.new_page()
                page.goto(f"{live_portal.url}/login")
                if email == ana.email:
                    found[f"/login@{width}"] = _look(page, Axe() if width < 600 else None)
                page.fill("#email", email)
                page.fill("#password", PASSWORD)
                page.click("main button >> text=Log in")
                page.wait_for_url(
                    f"{live_portal.url}/{'partner' if email == ana.email else 'office'}"
                )
                for path in pages:
                    page.goto(live_portal.url + path)
                    assert page.locator("h1").count() == 1, path
                    found[f"{email[:3]}{path}@{width}"] = _look(
                        page, Axe() if width < 600 else None
                    )
                context.close()
        browser.close()

    assert {k: v["axe"] for k, v in found.items() if v["axe"]} == {}
    assert {k: v["page"] for k, v in found.items() if v["page"]} == {}
    assert {k: v["scrolled"] for k, v in found.items() if v["scrolled"]} == {}
    phone = {k: v for k, v in found.items() if k.endswith("@390")}
    desktop = {k: v for k, v in found.items() if k.endswith("@1280")}
    # Every list table of the path is stacked: history, what is due, the stored rows, the
    # revisions, the partners, the expected matrix, the people.
    assert sum(v["stacked"] for v in phone.values()) >= 20  # type: ignore[misc]
    assert {k: v["unlabelled"] for k, v in phone.items() if v["unlabelled"]} == {}
    assert {k: v["overflowing"] for k, v in phone.items() if v["overflowing"]} == {}
    assert all(d == "block" for v in phone.values() for d in v["display"])  # type: ignore[attr-defined]
    assert not any(h for v in phone.values() for h in v["heads"])  # type: ignore[attr-defined]
    assert all(d == "table" for v in desktop.values() for d in v["display"])  # type: ignore[attr-defined]
    assert all(h for v in desktop.values() for h in v["heads"])  # type: ignore[attr-defined]


def _look(page, axe) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The page's layout, and axe-core's findings (on a phone: the desktop has its own tests)."""
    layout: dict[str, object] = page.evaluate(LAYOUT)
    layout["axe"] = []
    if axe is None:
        return layout
    results = axe.run(page)
    assert results.response["passes"], "axe did not run"
    layout["axe"] = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    return layout
