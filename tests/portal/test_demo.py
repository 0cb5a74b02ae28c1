"""``kpitrack serve --demo``: a copy of the example, demo accounts printed, a working portal."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import check_login
from kpitrack.portal.demo import example_root, make_demo
from kpitrack.workspace import load_workspace

REPOSITORY = Path(__file__).resolve().parents[2]
ACCOUNT = re.compile(r"^\s+(\S+@demo\.invalid)\s+(\S+)\s+(partner (\S+)|programme office)$", re.M)


def test_the_demo_is_a_copy_with_an_account_per_partner(tmp_path):
    demo = make_demo(tmp_path)
    assert example_root() == REPOSITORY
    assert demo.root.is_relative_to(tmp_path)
    for part in ("programme", "kpis", "measurements"):
        assert (demo.root / part).is_dir()
    ledger = (demo.root / "measurements" / "ledger.jsonl").read_bytes()
    assert ledger == (REPOSITORY / "measurements" / "ledger.jsonl").read_bytes()
    assert [a.partner for a in demo.accounts][:2] == [None, "jenv"]
    partners = load_workspace(REPOSITORY, measurements=False).programme.partners
    assert len(demo.accounts) == 1 + len(partners)  # the office and one per partner
    with open_accounts(demo.root) as db:
        for account in demo.accounts[:2]:
            assert check_login(db, account.email, account.password) is not None
    assert not (REPOSITORY / "programme" / ".kpitrack").exists()


def test_serve_demo_starts_prints_accounts_and_cleans_up():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "kpitrack", "serve", "--demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        assert process.stdout is not None
        while len(ACCOUNT.findall("".join(lines))) < 10:
            line = process.stdout.readline()
            assert line, "".join(lines) + (process.stderr.read() if process.stderr else "")
            lines.append(line)
        printed = "".join(lines)
        copy = Path(re.search(r" in (\S+kpitrack-demo-\S+)\n", printed).group(1))
        accounts = {m[3] or "office": (m[0], m[1]) for m in ACCOUNT.findall(printed)}
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        for who, home in (("comensha", "/partner"), ("office", "/office")):
            with httpx.Client(base_url=base) as client:
                form = client.get("/login").text
                token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
                email, password = accounts[who]
                data = {"csrf": token, "email": email, "password": password}
                assert client.post("/login", data=data).headers["location"] == "/"
                assert client.get("/").headers["location"] == home
                # No language asked for: the programme's first, Dutch.
                assert "Demo: een tijdelijke kopie" in client.get(home).text
        assert copy.is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert not copy.exists()


def _wait_for(base: str) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(base + "/login")
            return
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the demo portal did not answer"
            time.sleep(0.1)
