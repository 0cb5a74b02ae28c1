"""What is expected, over HTTP: a partner's own list, the office's overview, and who sees what.

The portal reads the calendar at a fixed date here (``PortalConfig.as_of``), so the lists do not
depend on the day the tests run.
"""

from __future__ import annotations

from datetime import date

import pytest

NGO = "indicator,period,value\nmeldingen,2019,40\n"


@pytest.fixture
def fixed(make_portal):
    return make_portal(as_of=date(2020, 5, 1))


def test_a_partner_sees_what_is_still_expected_from_it(fixed):
    bo = fixed.logged_in("bo@ngo.example", "ngo")
    page = bo.get("/due")
    assert page.status_code == 200
    assert "<h1>Still expected from you</h1>" in page.text
    # The header, meldingen 2018 and 2019, the milestone.
    assert page.text.count('<tr role="row">') == 1 + 3
    assert "AL1.1.b" in page.text and "zaken" not in page.text
    assert "Still expected from you: 3, of which 3 late." in bo.get("/partner").text
    fixed.upload(bo, "ngo.csv", NGO)
    page = bo.get("/due")
    assert page.text.count('<tr role="row">') == 1 + 2
    calendar = bo.get("/due.ics")
    assert calendar.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "attachment" in calendar.headers["content-disposition"]
    assert calendar.content.count(b"BEGIN:VEVENT") == 2
    rows = bo.get("/due.csv").text.split("\r\n")
    assert rows[0].startswith("partner_id,") and all(r.startswith("ngo,") for r in rows[1:] if r)


def test_a_partner_cannot_see_another_partners_list(fixed):
    bo = fixed.logged_in("bo@ngo.example", "ngo")
    for path in ("/due?partner=politie", "/due.ics?partner=politie", "/due.csv?partner=x"):
        assert bo.get(path).status_code == 404, path
    for path in ("/expected", "/partners/ngo", "/partners/politie", "/people", "/review"):
        assert bo.get(path).status_code == 404, path
    assert bo.get("/due?partner=ngo").status_code == 200  # its own, named
    assert bo.get("/due.pdf").status_code == 404


def test_the_office_sees_every_partners_list_and_the_overview(fixed):
    office = fixed.logged_in("office@jenv.example", None)
    everything = office.get("/due").text
    assert "<h1>Still expected from the partners</h1>" in everything
    assert 'href="/partners/politie"' in everything and 'href="/partners/ngo"' in everything
    only = office.get("/due?partner=politie")
    assert only.status_code == 200 and "AL1.1.b" not in only.text
    assert office.get("/due?partner=nobody").status_code == 404
    assert office.get("/due.ics").content.count(b"BEGIN:VEVENT") == 11
    overview = office.get("/expected").text
    assert overview.count('<th scope="row"') == 2
    assert "0 of 3" in overview  # politie, 2019: zaken and two halves of aandeel
    partner = office.get("/partners/politie")
    assert partner.status_code == 200 and "Upload for Politie" in partner.text
    assert office.get("/partners/nobody").status_code == 404
    listed = office.get("/office").text
    assert 'href="/due?partner=politie">7</a>' in listed
