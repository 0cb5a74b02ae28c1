"""Authorisation on every request: each route declares who may use it, and it holds."""

from __future__ import annotations

from kpitrack.portal.app import ROUTES

GOOD = "indicator,period,region,value\nzaken,2019,,12\nzaken,2019,noord,5\nzaken,2019,zuid,7\n"
NGO = "indicator,period,value\nmeldingen,2019,40\n"


def test_every_route_declares_its_access():
    for route in ROUTES:
        assert getattr(route.endpoint, "access", None) in ("public", "person", "partner", "office")
    public = {r.path for r in ROUTES if r.endpoint.access == "public"}
    assert public == {"/login", "/invite/{token}", "/language", "/static/{name}"}


def test_a_partner_does_not_see_office_pages(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    response = client.get("/office")
    assert response.status_code == 404
    assert response.text == client.get("/no-such-page").text.replace("no-such-page", "office")


def test_the_office_does_not_use_partner_pages(portal):
    client = portal.logged_in("office@jenv.example", None)
    assert client.get("/", follow_redirects=False).headers["location"] == "/office"
    assert client.get("/partner").status_code == 404
    assert client.get("/template?format=csv").status_code == 404
    token = portal.csrf(client, "/office")
    upload = client.post("/upload", data={"csrf": token}, files={"file": ("a.csv", GOOD.encode())})
    assert upload.status_code == 404
    assert not (portal.root / "measurements").exists()


def test_a_partner_cannot_fetch_another_partners_submission(portal):
    politie = portal.logged_in("ana@politie.example", "politie")
    ngo = portal.logged_in("bo@ngo.example", "ngo")
    assert portal.upload(ngo, "ngo.csv", NGO).headers["location"] == "/submissions/1?stored=1"
    assert (
        portal.upload(politie, "politie.csv", GOOD).headers["location"].startswith("/submissions/2")
    )
    for path in ("/submissions/1", "/submissions/1/file"):
        assert politie.get(path).status_code == 404
        assert ngo.get(path).status_code == 200
    assert politie.get("/submissions/2/file").content == GOOD.encode()
    assert ngo.get("/submissions/2").status_code == 404
    for path in ("/submissions/99", "/submissions/x", "/submissions/-1", "/submissions/1e3"):
        assert politie.get(path).status_code == 404
    history = politie.get("/submissions").text
    assert "politie.csv" in history and "ngo.csv" not in history
    # The office's filter on partner is not a way in for a partner.
    assert "ngo.csv" not in politie.get("/submissions?partner=ngo").text


def test_the_office_sees_every_partner_and_submission(portal):
    politie = portal.logged_in("ana@politie.example", "politie")
    portal.upload(politie, "politie.csv", GOOD)
    ngo = portal.logged_in("bo@ngo.example", "ngo")
    portal.upload(ngo, "ngo.csv", NGO)
    office = portal.logged_in("office@jenv.example", None)
    overview = office.get("/office")
    assert overview.status_code == 200
    assert "Politie" in overview.text and "NGO" in overview.text
    everything = office.get("/submissions").text
    assert "politie.csv" in everything and "ngo.csv" in everything
    only_ngo = office.get("/submissions?partner=ngo").text
    assert "ngo.csv" in only_ngo and "politie.csv" not in only_ngo
    assert office.get("/submissions?partner=nobody").status_code == 404
    assert office.get("/submissions/1/file").content == GOOD.encode()
    assert office.get("/submissions/2/file").content == NGO.encode()


def test_the_language_form_never_redirects_off_site(portal):
    client = portal.client()
    token = portal.csrf(client)
    for back, expected in (
        ("/submissions", "/submissions"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
    ):
        response = client.post(
            "/language", data={"csrf": token, "lang": "en", "back": back}, follow_redirects=False
        )
        assert response.headers["location"] == expected, back


def test_names_and_file_names_are_escaped(portal, root):
    hostile = "<script>alert(1)</script>"
    portal.person("eve@politie.example", "politie")
    from kpitrack.accounts.database import open_accounts

    with open_accounts(root) as db:
        db.execute("UPDATE people SET name = ?", (hostile,))
    client = portal.client()
    portal.login(client, "eve@politie.example")
    portal.upload(client, "<img src=x onerror=alert(1)>.csv", GOOD)
    for path in ("/partner", "/submissions", "/submissions/1"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/partner").text
