"""The portal over the small shared workspace: accounts, a test client, a live server.

``portal`` gives an in-process client (Starlette's TestClient) and helpers to add people, log
in, read a page's form token and upload; ``live_portal`` runs the same application in a real
uvicorn server on a loopback port (for the browser and the concurrency tests).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, invite, set_password
from kpitrack.accounts.throttle import ThrottleRules
from kpitrack.portal.app import create_app
from kpitrack.portal.config import PortalConfig
from small_workspace import write_small_workspace

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
GOOD_CSV = "indicator,period,region,value\nzaken,2019,,12\nzaken,2019,noord,5\nzaken,2019,zuid,7\n"


@dataclass
class Portal:
    """One workspace served in-process, with helpers that speak HTTP like a browser."""

    root: Path
    config: PortalConfig
    app: Any
    clients: list[Any] = field(default_factory=list)

    def client(self, base_url: str = "http://testserver", lang: str = "en", **kwargs: Any) -> Any:
        """A browser that prefers ``lang`` (English: the tests read the source words)."""
        from starlette.testclient import TestClient

        headers = {"accept-language": lang, **kwargs.pop("headers", {})}
        client = TestClient(self.app, base_url=base_url, headers=headers, **kwargs)
        self.clients.append(client)
        return client

    def person(self, email: str, partner: str | None, password: str | None = PASSWORD) -> Any:
        with open_accounts(self.root) as db:
            person = add_person(db, email, partner=partner)
            if password is not None:
                set_password(db, person, password)
        return person

    def invitation(self, email: str, partner: str | None, **kwargs: Any) -> str:
        with open_accounts(self.root) as db:
            person = add_person(db, email, partner=partner)
            return invite(db, person, **kwargs).token

    @staticmethod
    def csrf(client: Any, path: str = "/login") -> str:
        page = client.get(path)
        found = CSRF.search(page.text)
        assert found, f"no form token on {path}: {page.status_code}"
        return found.group(1)

    def login(self, client: Any, email: str, password: str = PASSWORD) -> Any:
        token = self.csrf(client, "/login")
        return client.post(
            "/login",
            data={"csrf": token, "email": email, "password": password},
            follow_redirects=False,
        )

    def logged_in(self, email: str, partner: str | None) -> Any:
        self.person(email, partner)
        client = self.client()
        response = self.login(client, email)
        assert response.status_code == 303, response.text
        return client

    def upload(
        self, client: Any, name: str, content: bytes | str, *, check: bool = False, **kw: Any
    ) -> Any:
        data = content.encode() if isinstance(content, str) else content
        fields = {"csrf": self.csrf(client, "/partner")}
        if check:
            fields["check"] = "1"
        return client.post(
            "/upload", data=fields, files={"file": (name, data)}, follow_redirects=False, **kw
        )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")


@pytest.fixture
def portal(root: Path) -> Iterator[Portal]:
    config = PortalConfig(root=root, throttle=ThrottleRules(per_account=3, per_address=6))
    portal = Portal(root, config, create_app(config))
    yield portal
    for client in portal.clients:
        client.close()


@pytest.fixture
def make_portal(root: Path) -> Any:
    """A portal with other settings: ``make_portal(secure_cookies=True)``."""

    def make(**settings: Any) -> Portal:
        config = replace(PortalConfig(root=root), **settings)
        return Portal(root, config, create_app(config))

    return make


@dataclass
class LivePortal:
    """The portal in a real uvicorn server on a loopback port."""

    root: Path
    url: str
    portal: Portal


@contextmanager
def running(root: Path, **settings: Any) -> Iterator[LivePortal]:
    """The portal for ``root`` in a uvicorn server on a free loopback port, until the block ends."""
    import uvicorn

    config = PortalConfig(root=root, **settings)
    app = create_app(config)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield LivePortal(root, f"http://127.0.0.1:{port}", Portal(root, config, app))
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture
def live_portal(root: Path) -> Iterator[LivePortal]:
    with running(root) as live:
        yield live


@pytest.fixture
def run_portal() -> Any:
    """``with run_portal(root) as live:`` — a live portal for a workspace of the test's own."""
    return running
