"""The office's review over HTTP: who may decide, the form token, what the partner then sees.

And the person in the ledger: every portal upload names its uploader's pseudonymous id; an
upload by the office on a partner's behalf names the office person and is recorded as such.
"""

from __future__ import annotations

import json

from kpitrack.intake.history import submission_history
from kpitrack.measurements.store import verify_store
from kpitrack.progress.document import status_document
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace

GOOD = "indicator,period,region,value\nzaken,2019,,12\nzaken,2019,noord,5\nzaken,2019,zuid,7\n"
NGO = "indicator,period,value\nmeldingen,2019,40\n"


def ledger(portal) -> list[dict]:
    text = (portal.root / "measurements" / "ledger.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def decide(portal, client, seq: int, **fields: str):
    token = portal.csrf(client, f"/submissions/{seq}")
    return client.post(
        f"/submissions/{seq}/review", data={"csrf": token, **fields}, follow_redirects=False
    )


def test_an_upload_names_its_uploader_in_the_ledger(portal):
    ana = portal.person("ana@politie.example", "politie")
    client = portal.client()
    assert portal.login(client, "ana@politie.example").status_code == 303
    assert portal.upload(client, "zaken.csv", GOOD).status_code == 303
    (entry,) = ledger(portal)
    assert entry["person"] == ana.person_id and entry["partner"] == "politie"
    assert "ana" not in json.dumps(entry)  # the id only: no name, no address


def test_the_office_uploads_on_a_partners_behalf(portal):
    office_person = portal.person("office@jenv.example", None)
    office = portal.client()
    portal.login(office, "office@jenv.example")
    page = office.get("/partners/ngo")
    assert page.status_code == 200 and 'name="partner" value="ngo"' in page.text
    token = portal.csrf(office, "/partners/ngo")
    stored = office.post(
        "/upload",
        data={"csrf": token, "partner": "ngo"},
        files={"file": ("ngo.csv", NGO.encode())},
        follow_redirects=False,
    )
    assert stored.headers["location"] == "/submissions/1?stored=1"
    (entry,) = ledger(portal)
    assert (entry["partner"], entry["person"]) == ("ngo", office_person.person_id)
    (history,) = submission_history(portal.root, on_behalf={1})
    assert history.on_behalf
    assert "(programme office, for the partner)" in office.get("/submissions/1").text
    # The partner sees it among its own, as uploaded by the programme office.
    bo = portal.logged_in("bo@ngo.example", "ngo")
    page = bo.get("/submissions")
    assert "ngo.csv" in page.text and "the programme office" in page.text
    # The office cannot upload for a partner the programme does not have, nor without one.
    for fields in ({"partner": "nobody"}, {}):
        token = portal.csrf(office, "/office")
        refused = office.post(
            "/upload", data={"csrf": token, **fields}, files={"file": ("x.csv", NGO.encode())}
        )
        assert refused.status_code == 404
    # A partner naming another partner still uploads for itself only.
    token = portal.csrf(bo, "/partner")
    other = "indicator,period,value\nmeldingen,2020,41\n"
    bo.post("/upload", data={"csrf": token, "partner": "politie"},
            files={"file": ("own.csv", other.encode())})  # fmt: skip
    assert ledger(portal)[-1]["partner"] == "ngo"


def test_the_office_approves_and_returns_with_a_reason(portal):
    politie = portal.logged_in("ana@politie.example", "politie")
    portal.upload(politie, "zaken.csv", GOOD)
    office_person = portal.person("office@jenv.example", None)
    office = portal.client()
    portal.login(office, "office@jenv.example")
    page = office.get("/submissions/1")
    assert 'action="/submissions/1/review"' in page.text
    assert "/submissions/1" in office.get("/review").text

    assert decide(portal, office, 1, decision="approve").headers["location"] == (
        "/submissions/1?reviewed=approve"
    )
    returned = decide(portal, office, 1, decision="return", reason="")
    assert returned.status_code == 422 and "Say why" in returned.text
    assert decide(portal, office, 1, decision="maybe").status_code == 422
    done = decide(portal, office, 1, decision="return", reason="Noord en zuid zijn omgedraaid")
    assert done.status_code == 303
    reviews = [e for e in ledger(portal) if e["kind"] == "review"]
    assert [(r["decision"], r["person"], r.get("reason")) for r in reviews] == [
        ("approve", office_person.person_id, None),
        ("return", office_person.person_id, "Noord en zuid zijn omgedraaid"),
    ]
    assert verify_store(portal.root).errors == []
    # The figures no longer count ...
    document = status_document(compute_progress(load_workspace(portal.root), _as_of()))
    assert next(i for i in document["indicators"] if i["id"] == "zaken")["latest"] is None
    # ... and the partner sees the return, its reason, and is asked to upload again.
    overview = politie.get("/partner").text
    assert "returned submission 1" in overview and "Noord en zuid zijn omgedraaid" in overview
    assert "Correct the file and upload it again." in overview
    assert "returned" in politie.get("/submissions").text
    own = politie.get("/submissions/1").text
    assert "Returned on" in own and "by the programme office" in own
    assert 'action="/submissions/1/review"' not in own
    # Once it submits again, the request to do so goes away.
    portal.upload(politie, "zaken-2.csv", GOOD.replace(",12", ",13"))
    assert "returned submission 1" not in politie.get("/partner").text


def test_a_partner_cannot_review(portal):
    politie = portal.logged_in("ana@politie.example", "politie")
    portal.upload(politie, "zaken.csv", GOOD)
    refused = decide(portal, politie, 1, decision="approve")
    assert refused.status_code == 404
    assert politie.get("/review").status_code == 404
    assert [e["kind"] for e in ledger(portal)] == ["measurements"]


def test_the_review_form_needs_the_form_token(portal):
    politie = portal.logged_in("ana@politie.example", "politie")
    portal.upload(politie, "zaken.csv", GOOD)
    office = portal.logged_in("office@jenv.example", None)
    for token in ("", "x" * 43):
        refused = office.post(
            "/submissions/1/review",
            data={"csrf": token, "decision": "approve"},
            follow_redirects=False,
        )
        assert refused.status_code == 403
    other_site = office.post(
        "/submissions/1/review",
        data={"csrf": portal.csrf(office, "/submissions/1"), "decision": "approve"},
        headers={"origin": "https://evil.example"},
    )
    assert other_site.status_code == 403
    assert [e["kind"] for e in ledger(portal)] == ["measurements"]


def test_a_review_of_no_submission_is_a_404(portal):
    office = portal.logged_in("office@jenv.example", None)
    token = portal.csrf(office, "/office")
    for path in ("/submissions/7/review", "/submissions/x/review"):
        response = office.post(path, data={"csrf": token, "decision": "approve"})
        assert response.status_code == 404
    assert not (portal.root / "measurements").exists()


def test_required_review_shows_what_awaits_approval(portal):
    programme = portal.root / "programme" / "programme.yaml"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "reporting: {frequency: half-year}",
            "reporting: {frequency: half-year, review: required}",
        ),
        encoding="utf-8",
    )
    politie = portal.logged_in("ana@politie.example", "politie")
    portal.upload(politie, "zaken.csv", GOOD)
    assert "awaiting approval" in politie.get("/submissions").text
    office = portal.logged_in("office@jenv.example", None)
    assert "This programme requires approval" in office.get("/review").text
    assert "1 awaiting approval" in office.get("/expected").text
    decide(portal, office, 1, decision="approve")
    assert "approved" in politie.get("/submissions").text


def _as_of():
    from datetime import date

    return date(2021, 12, 31)
