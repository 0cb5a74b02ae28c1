"""Security headers, cookies and body limits on every kind of response."""

from __future__ import annotations

import asyncio

from kpitrack.accounts.audit import read_audit
from kpitrack.portal.config import PortalConfig
from kpitrack.portal.limits import Guard

GOOD = "indicator,period,region,value\nzaken,2019,,12\n"


def _assert_headers(response) -> None:
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "script-src" not in csp  # no script may run
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "same-origin"


def test_every_kind_of_response_has_the_security_headers(portal):
    client = portal.client()
    for response in (
        client.get("/login"),
        client.get("/nothing-here"),
        client.get("/", follow_redirects=False),
        client.get("/static/portal.css"),
        client.put("/login"),
        client.post("/login", data={}),
    ):
        _assert_headers(response)
    assert client.get("/login").headers["cache-control"] == "no-store"
    assert "strict-transport-security" not in client.get("/login").headers


def test_pages_hold_no_inline_script_or_style(portal):
    client = portal.logged_in("ana@politie.example", "politie")
    for path in ("/partner", "/submissions", "/login"):
        page = client.get(path).text.lower()
        assert "<script" not in page and "style=" not in page and "<style" not in page
        assert " on" not in page.replace(" only", "").split("<body", 1)[1].split(">", 1)[0]


def test_cookies_are_httponly_samesite_and_secure_behind_tls(portal, make_portal):
    portal.person("ana@politie.example", "politie")
    plain = portal.login(portal.client(), "ana@politie.example")
    cookie = plain.headers["set-cookie"]
    assert cookie.startswith("kpitrack_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    tls = portal.client(base_url="https://portal.example")
    response = portal.login(tls, "ana@politie.example")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("__Host-kpitrack_session=") and "Secure" in cookie
    assert response.headers["strict-transport-security"].startswith("max-age=")
    forced = make_portal(secure_cookies=True)
    csrf_cookie = forced.client().get("/login").headers["set-cookie"]
    assert csrf_cookie.startswith("__Host-kpitrack_csrf=")
    assert "Secure" in csrf_cookie and "SameSite=strict" in csrf_cookie


def test_a_large_upload_is_refused(make_portal):
    portal = make_portal(max_upload_bytes=1024)
    client = portal.logged_in("ana@politie.example", "politie")
    for rows in (200, 5000):  # the file over the limit; the whole body over it (never read)
        response = portal.upload(client, "big.csv", GOOD + "zaken,2019,noord,1\n" * rows)
        assert response.status_code == 413
        assert "The file is larger than 1 KiB" in response.text
        assert "The file is too large" in response.text
    assert not (portal.root / "measurements").exists()
    reasons = [e.get("reason") for e in read_audit(portal.root) if e["event"] == "refused"]
    assert reasons.count("too-large") == 2


def test_the_guard_never_reads_an_announced_large_body():
    async def app(scope, receive, send):
        message = await receive()  # what the endpoint would see
        assert message["body"] == b"" and scope["kpitrack.body_too_large"]
        await send({"type": "http.response.start", "status": 413, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def receive():
        raise AssertionError("the body was read")

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "path": "/upload",
        "headers": [(b"content-length", str(10**9).encode())],
    }
    guard = Guard(app, PortalConfig(root=".", max_upload_bytes=1024))  # type: ignore[arg-type]
    asyncio.run(guard(scope, receive, send))
    assert sent[0]["status"] == 413


def test_a_large_chunked_upload_is_stopped_at_the_limit(make_portal):
    portal = make_portal(max_upload_bytes=1024)
    client = portal.logged_in("ana@politie.example", "politie")
    token = portal.csrf(client, "/partner")
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
        + b"zaken,2019,noord,1\n" * 10_000
        + f"\r\n--{boundary}--\r\n".encode()
    )
    sent = []

    def chunks():
        for start in range(0, len(body), 4096):
            sent.append(start)
            yield body[start : start + 4096]

    response = client.post(
        "/upload",
        content=chunks(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 413
    assert not (portal.root / "measurements").exists()


def test_other_forms_are_small(portal):
    client = portal.client()
    token = portal.csrf(client)
    response = client.post("/login", data={"csrf": token, "email": "x" * 100_000, "password": "p"})
    assert response.status_code == 413
