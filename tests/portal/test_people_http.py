"""The office manages access from the web: re-invite, reset, disable, erase — and nobody else.

Every action is a form with the form token; a partner posting to it gets the same 404 as any
page not theirs, and nothing changes.
"""

from __future__ import annotations

import re

from kpitrack.accounts.audit import read_audit
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.erasure import erased_people
from kpitrack.accounts.people import find_person, invitation_state

LINK = re.compile(r"<code>(https?://[^<]+/invite/([^<]+))</code>")
GOOD = "indicator,period,region,value\nzaken,2019,,12\nzaken,2019,noord,5\nzaken,2019,zuid,7\n"


def act(portal, client, person_id: str, action: str, **fields: str):
    token = portal.csrf(client, "/people")
    return client.post(
        f"/people/{person_id}/{action}", data={"csrf": token, **fields}, follow_redirects=False
    )


def test_a_new_invitation_keeps_the_password_until_a_new_one_is_set(portal):
    ana = portal.person("ana@politie.example", "politie")
    office = portal.logged_in("office@jenv.example", None)
    page = act(portal, office, ana.person_id, "invite")
    assert page.status_code == 200
    link, token = LINK.search(page.text).groups()
    assert link.startswith("http://testserver/invite/")
    with open_accounts(portal.root) as db:
        assert invitation_state(db, token)[0] == "open"
    assert portal.login(portal.client(), "ana@politie.example").status_code == 303
    events = [e for e in read_audit(portal.root) if e["event"] == "users.invite"]
    assert events[-1]["subject"] == ana.person_id and token not in str(events)


def test_reset_access_ends_the_password_and_every_session(portal):
    ana = portal.person("ana@politie.example", "politie")
    ana_client = portal.client()
    portal.login(ana_client, "ana@politie.example")
    assert ana_client.get("/partner").status_code == 200
    office = portal.logged_in("office@jenv.example", None)
    page = act(portal, office, ana.person_id, "reset")
    _, token = LINK.search(page.text).groups()
    assert ana_client.get("/partner", follow_redirects=False).headers["location"] == "/login"
    assert portal.login(portal.client(), "ana@politie.example").status_code == 401
    client = portal.client()
    password = "een nieuwe zin van woorden"
    data = {"csrf": portal.csrf(client, f"/invite/{token}"), "password": password,
            "repeat": password}  # fmt: skip
    assert client.post(f"/invite/{token}", data=data, follow_redirects=False).status_code == 303
    assert portal.login(portal.client(), "ana@politie.example", password).status_code == 303


def test_disable_then_erase_and_the_history_says_erased_person(portal):
    ana = portal.person("ana@politie.example", "politie")
    ana_client = portal.client()
    portal.login(ana_client, "ana@politie.example")
    portal.upload(ana_client, "zaken.csv", GOOD)
    office = portal.logged_in("office@jenv.example", None)
    early = act(portal, office, ana.person_id, "erase", confirm="1")
    assert early.status_code == 422 and "Disable the account before erasing it." in early.text
    assert act(portal, office, ana.person_id, "disable").status_code == 200
    assert ana_client.get("/partner", follow_redirects=False).headers["location"] == "/login"
    unconfirmed = act(portal, office, ana.person_id, "erase")
    assert unconfirmed.status_code == 422
    done = act(portal, office, ana.person_id, "erase", confirm="1")
    assert done.status_code == 200 and "erased person" in done.text
    with open_accounts(portal.root) as db:
        assert find_person(db, "ana@politie.example") is None
        assert [p.person_id for p in erased_people(db)] == [ana.person_id]
    assert "erased person" in office.get("/submissions/1").text
    assert "ana@politie.example" not in office.get("/people").text
    assert act(portal, office, ana.person_id, "invite").status_code == 404  # no one left


def test_only_the_office_acts_and_never_on_its_own_account(portal):
    ana = portal.person("ana@politie.example", "politie")
    bo = portal.logged_in("bo@ngo.example", "ngo")
    for action in ("invite", "reset", "disable", "erase"):
        refused = (
            act(portal, bo, ana.person_id, action, confirm="1")
            if action != "invite"
            else (
                bo.post(
                    f"/people/{ana.person_id}/invite", data={"csrf": portal.csrf(bo, "/partner")}
                )
            )
        )
        assert refused.status_code == 404, action
    office_person = portal.person("office@jenv.example", None)
    office = portal.client()
    portal.login(office, "office@jenv.example")
    own = act(portal, office, office_person.person_id, "disable")
    assert own.status_code == 422
    with open_accounts(portal.root) as db:
        assert not find_person(db, "office@jenv.example").disabled
        assert find_person(db, "ana@politie.example").state == "active"
    assert act(portal, office, ana.person_id, "promote").status_code == 404
    assert act(portal, office, "p-0000000000000000", "disable").status_code == 404


def test_the_people_forms_need_the_form_token(portal):
    ana = portal.person("ana@politie.example", "politie")
    office = portal.logged_in("office@jenv.example", None)
    for action in ("invite", "reset", "disable", "erase"):
        refused = office.post(f"/people/{ana.person_id}/{action}", data={"confirm": "1"})
        assert refused.status_code == 403, action
    with open_accounts(portal.root) as db:
        assert find_person(db, "ana@politie.example").state == "active"
