"""The example's report as of 2022-12-31, read as a member of parliament would: the headline
tells the truth, nothing outdated counts as current, the title page names the papers and dates."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from kpitrack.report.build import write_reports

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2022-12-31"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The example (outside git) as HTML in nl and en, markup removed."""
    from datetime import date

    root = tmp_path_factory.mktemp("example") / "ws"
    root.mkdir()
    for name in ("programme", "kpis", "measurements"):
        shutil.copytree(REPO / name, root / name)
    found: dict[str, str] = {}
    for lang in ("nl", "en"):
        (path,) = write_reports(
            root,
            as_of=date.fromisoformat(AS_OF),
            lang=lang,
            formats=["html"],
            out=root.parent / "out",
        )
        found[lang] = path.read_text(encoding="utf-8")
    return found


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _between(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_the_headline_says_no_verdict_is_current(pages):
    headline = _text(_between(pages["nl"], '<div class="headline">', "</div>"))
    assert "Drie indicatoren hebben een streefwaarde." in headline
    assert "Geen daarvan is op actuele cijfers te beoordelen." in headline
    assert "(achter op schema in 2020)" in headline and "(op koers in 2019)" in headline
    assert "Voor één streefwaarde is nog geen enkele meting: Gemeenten met beleid" in headline
    assert "dertien kengetallen" in headline
    assert "zonder voortgangsmelding" in headline and "een leemte in de rapportage" in headline
    english = _text(_between(pages["en"], '<div class="headline">', "</div>"))
    assert "Three indicators have a target. None of them can be judged on current figures." in (
        english
    )


def test_no_outdated_verdict_reads_as_current(pages):
    page = pages["nl"]
    for article in re.findall(r'<article id="ind-.*?</article>', page, re.S):
        status = _text(_between(article, '<p class="status-line">', "</p>"))
        if "op koers" in status or "achter op schema" in status:
            assert re.search(r"in 20\d\d; sindsdien geen cijfers", status), status
    summary = _between(page, '<table class="summary"', "</table>")
    totals = _text(_between(summary, "<tfoot", "</tfoot>"))
    # Both verdicts and the outdated context figures are counted as outdated, not as current.
    assert "op koers 0" in totals and "achter op schema 0" in totals and "verouderd 12" in totals


def test_the_title_page_gives_dates_and_papers_not_hashes(pages):
    title = _text(_between(pages["nl"], '<header class="title-page">', "</header>"))
    assert "Opgesteld op 30 november 2026" in title
    assert "Cijfers ontvangen tot en met 30 november 2026" in title
    assert "Kamerstuk 28638, nr. 164 (13 november 2018)" in title
    assert "Peildatum 31 december 2022" in title
    assert not re.search(r"[0-9a-f]{40}", title)
    annex = _text(_between(pages["nl"], '<h3 id="provenance">', "</dl>"))
    assert re.search(r"Momentopname gegevens [0-9a-f]{64}", annex)


def test_actions_show_their_papers_and_commitments(pages):
    row = _between(pages["nl"], "<td>AL1.8</td>", "</tr>")
    text = _text(row)
    assert "Kamerstukken: Kamerstuk 28638, nr. 184 (18 november 2020)" in text
    assert "Toezeggingen en aankondigingen: Aangekondigd in Kamerstuk 28638, nr. 184" in text
    late = _text(_between(pages["nl"], "<td>AL1.2</td>", "</tr>"))
    assert "één mijlpaal te laat of zonder voortgangsmelding" in late


def test_surveys_expect_no_further_figure_and_a_missing_figure_is_late(pages):
    def article(indicator: str) -> str:
        return _text(_between(pages["nl"], f'<article id="ind-{indicator}"', "</article>"))

    assert "Er wordt geen volgend cijfer verwacht." in article("geschatte-slachtoffers")
    assert "Het cijfer over 2021 had uiterlijk op 31 maart 2022 binnen moeten zijn" in article(
        "zaken-naar-om"
    )
    # The WODC estimate of 2021 starts a new series: no change from 2014–2015 is given.
    estimate = article("geschatte-slachtoffers")
    assert "Er begint in 2021 een nieuwe reeks" in estimate and "%)" not in estimate


def test_the_changes_say_this_is_the_first_report(pages):
    changes = _text(_between(pages["nl"], '<section id="changes"', "</section>"))
    assert "Dit is de eerste rapportage; er is geen eerdere om mee te vergelijken." in changes
