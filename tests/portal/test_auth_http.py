"""Logging in and out, invitations, throttling, enumeration and cookies, over HTTP."""

from __future__ import annotations

import re
import statistics
import time
from datetime import UTC, datetime, timedelta

from kpitrack.accounts.audit import read_audit
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import disable_person
from kpitrack.accounts.throttle import ThrottleRules

PASSWORD = "correct horse battery staple"


def test_anonymous_visitors_are_sent_to_the_login_page(portal):
    client = portal.client()
    for path in ("/", "/partner", "/office", "/submissions", "/submissions/1", "/template"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/login"


def test_a_partner_logs_in_and_out(portal):
    portal.person("ana@politie.example", "politie")
    client = portal.client()
    response = portal.login(client, "Ana@Politie.example ", PASSWORD)
    assert response.status_code == 303
    assert client.get("/", follow_redirects=False).headers["location"] == "/partner"
    page = client.get("/partner")
    assert page.status_code == 200 and "Politie" in page.text
    token = portal.csrf(client, "/partner")
    response = client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert response.headers["location"] == "/login"
    assert client.get("/partner", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_replaced_at_login_and_useless_after_logout(portal):
    portal.person("ana@politie.example", "politie")
    client = portal.client()
    client.get("/login")
    portal.login(client, "ana@politie.example")
    cookie = client.cookies.get("kpitrack_session")
    assert cookie
    client.post("/logout", data={"csrf": portal.csrf(client, "/partner")})
    thief = portal.client()
    thief.cookies.set("kpitrack_session", cookie)
    assert thief.get("/partner", follow_redirects=False).status_code == 303


def test_no_account_enumeration(portal):
    portal.person("ana@politie.example", "politie")
    portal.person("gone@politie.example", "politie")
    with open_accounts(portal.root) as db:
        disable_person(db, "gone@politie.example")
    portal.person("new@politie.example", "politie", password=None)  # invited, no password yet
    answers = []
    for email, password in (
        ("ana@politie.example", "wrong password here"),
        ("nobody@politie.example", "wrong password here"),
        ("gone@politie.example", PASSWORD),
        ("new@politie.example", PASSWORD),
        ("not an address", PASSWORD),
    ):
        response = portal.login(portal.client(), email, password)
        body = response.text.replace(email, "EMAIL")
        answers.append((response.status_code, _without_token(body)))
    assert len(set(answers)) == 1
    assert answers[0][0] == 401


def test_unknown_and_known_accounts_take_about_as_long(make_portal):
    portal = make_portal(throttle=ThrottleRules(per_account=50, per_address=50))
    portal.person("ana@politie.example", "politie")
    client = portal.client()
    token = portal.csrf(client)

    def timed(email: str) -> float:
        start = time.perf_counter()
        client.post("/login", data={"csrf": token, "email": email, "password": "not it at all"})
        return time.perf_counter() - start

    known, unknown = [], []
    for _ in range(5):
        known.append(timed("ana@politie.example"))
        unknown.append(timed("nobody@politie.example"))
    # Skipping the hash for an unknown address would make it a hundred times faster; both
    # verify one argon2 hash, so neither median is less than half the other.
    fast, slow = sorted((statistics.median(known), statistics.median(unknown)))
    assert fast > 0.5 * slow, (known, unknown)


def test_failures_are_throttled_per_account(portal):
    portal.person("ana@politie.example", "politie")
    for _ in range(3):  # the portal fixture allows 3 per account
        assert portal.login(portal.client(), "ana@politie.example", "wrong one!").status_code == 401
    response = portal.login(portal.client(), "ana@politie.example", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert int(response.headers["retry-after"]) > 0
    # An unknown address is throttled alike, so the throttle tells nothing either.
    for _ in range(3):
        portal.login(portal.client(), "nobody@politie.example", "wrong one!")
    assert portal.login(portal.client(), "nobody@politie.example", "x").status_code == 429
    events = [e["event"] for e in read_audit(portal.root)]
    assert events.count("login.throttled") == 2


def test_failures_are_throttled_per_address(portal):
    portal.person("ana@politie.example", "politie")
    for n in range(6):  # the fixture allows 6 per address, each on another account
        assert portal.login(portal.client(), f"guess{n}@x.example", "nope").status_code == 401
    assert portal.login(portal.client(), "ana@politie.example", PASSWORD).status_code == 429


def test_a_login_clears_the_account_failures(portal):
    portal.person("ana@politie.example", "politie")
    for _ in range(2):
        portal.login(portal.client(), "ana@politie.example", "wrong one!")
    assert portal.login(portal.client(), "ana@politie.example").status_code == 303
    for _ in range(2):
        assert portal.login(portal.client(), "ana@politie.example", "wrong").status_code == 401


def test_an_invitation_sets_the_password_once(portal):
    token = portal.invitation("bo@ngo.example", "ngo")
    client = portal.client()
    page = client.get(f"/invite/{token}")
    assert page.status_code == 200 and "bo@ngo.example" in page.text
    form = {"csrf": portal.csrf(client, f"/invite/{token}"), "password": PASSWORD}
    response = client.post(
        f"/invite/{token}", data={**form, "repeat": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303
    assert client.get("/partner").status_code == 200  # logged in straight away
    again = portal.client()
    assert again.get(f"/invite/{token}").status_code == 410
    assert portal.login(portal.client(), "bo@ngo.example").status_code == 303


def test_password_rules_on_the_invitation_page(portal):
    token = portal.invitation("bo@ngo.example", "ngo")
    client = portal.client()
    csrf = portal.csrf(client, f"/invite/{token}")
    for password, repeat, says in (
        ("short", "short", "at least 12"),
        ("x" * 129, "x" * 129, "at most 128"),
        ("password1234", "password1234", "too easy"),
        ("bo@ngo.example", "bo@ngo.example", "resemble your e-mail"),
        ("a long enough pass", "another long one", "not the same"),
    ):
        data = {"csrf": csrf, "password": password, "repeat": repeat}
        response = client.post(f"/invite/{token}", data=data)
        assert response.status_code == 422, password
        assert says in response.text.lower()
    assert portal.client().get(f"/invite/{token}").status_code == 200  # still unused


def test_expired_unknown_and_disabled_invitations_are_refused(portal):
    past = datetime.now(UTC) - timedelta(days=8)
    expired = portal.invitation("old@ngo.example", "ngo", now=past)
    refused = portal.invitation("gone@ngo.example", "ngo")
    with open_accounts(portal.root) as db:
        disable_person(db, "gone@ngo.example")
    client = portal.client()
    for token in (expired, refused, "no-such-token"):
        assert client.get(f"/invite/{token}").status_code == 410
        csrf = portal.csrf(client)
        data = {"csrf": csrf, "password": PASSWORD, "repeat": PASSWORD}
        assert client.post(f"/invite/{token}", data=data).status_code == 410
    assert portal.login(portal.client(), "old@ngo.example").status_code == 401
    reasons = [
        e.get("reason") for e in read_audit(portal.root) if e["event"] == "invitation.refused"
    ]
    assert {"expired", "used", "unknown"} <= set(reasons)  # disabling ends open invitations


def test_disabling_ends_a_live_session(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    assert client.get("/partner").status_code == 200
    with open_accounts(portal.root) as db:
        disable_person(db, "ana@politie.example")
    assert client.get("/partner", follow_redirects=False).status_code == 303
    assert portal.login(portal.client(), "ana@politie.example").status_code == 401


def test_idle_sessions_expire(make_portal):
    portal = make_portal(session_idle=0.5)
    client = portal.logged_in("ana@politie.example", "politie")
    assert client.get("/partner").status_code == 200
    time.sleep(0.7)
    assert client.get("/partner", follow_redirects=False).status_code == 303


def test_every_post_needs_the_form_token(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    for path, data in (
        ("/logout", {}),
        ("/upload", {}),
        ("/language", {"lang": "en"}),
    ):
        for token in (None, "forged-token-" + "x" * 40):
            fields = dict(data) if token is None else {**data, "csrf": token}
            response = client.post(path, data=fields, follow_redirects=False)
            assert response.status_code == 403, (path, token)
    assert client.get("/partner").status_code == 200  # the logout was refused
    anonymous = portal.client()
    anonymous.get("/login")
    data = {"email": "ana@politie.example", "password": PASSWORD}
    assert anonymous.post("/login", data=data).status_code == 403
    assert anonymous.post("/login", data={**data, "csrf": "made-up"}).status_code == 403


def test_a_post_from_another_site_is_refused(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    token = portal.csrf(client, "/partner")
    response = client.post(
        "/logout", data={"csrf": token}, headers={"origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert client.get("/partner").status_code == 200


def test_the_audit_log_has_no_secrets(portal):
    token = portal.invitation("bo@ngo.example", "ngo")
    client = portal.client()
    csrf = portal.csrf(client, f"/invite/{token}")
    client.post(f"/invite/{token}", data={"csrf": csrf, "password": PASSWORD, "repeat": PASSWORD})
    portal.login(portal.client(), "bo@ngo.example", "a wrong password")
    text = (portal.root / ".kpitrack" / "audit.jsonl").read_text(encoding="utf-8")
    for secret in (token, PASSWORD, "a wrong password", "bo@ngo.example", csrf):
        assert secret not in text
    events = [e["event"] for e in read_audit(portal.root)]
    assert {"invitation.used", "login.failed"} <= set(events)


def _without_token(page: str) -> str:
    return re.sub(r'name="csrf" value="[^"]+"', "", page)
