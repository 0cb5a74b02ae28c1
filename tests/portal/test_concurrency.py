"""Many uploads at once over real HTTP, with CLI submits beside them: all land, in order.

A uvicorn server on loopback serves a workspace of five partners; each uploads four files at
the same moment (20 uploads) while four ``kpitrack submit`` processes store theirs. Afterwards
the ledger holds all 24 submissions numbered 1..24, ``kpitrack verify`` is clean, and the
portal's last git commit holds a complete store.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, set_password
from kpitrack.measurements.ledger import read_ledger

PARTNERS = [f"p{n}" for n in range(1, 6)]
YEARS = ["2018", "2019", "2020", "2021"]
PASSWORD = "correct horse battery staple"

PROGRAMME = """\
schema: kpitrack/1
id: drukte
version: "1.0"
title: {nl: Drukte, en: Rush}
owner: Ministerie
period: {start: 2018-01-01, end: 2022-12-31}
languages: [nl, en]
partners:
%s
action_lines:
  - id: AL1
    title: {nl: Lijn, en: Line}
    actions: []
"""

INDICATOR = """\
id: %(id)s
action_line: AL1
name: {nl: Indicator %(id)s, en: Indicator %(id)s}
definition: {nl: Telling, en: Count}
measure: count
direction: increase
frequency: year
owner: %(owner)s
source: {nl: Bron, en: Source}
"""


def _workspace(root: Path) -> Path:
    (root / "programme").mkdir(parents=True)
    (root / "kpis").mkdir()
    partners = "\n".join(f"  - {{id: {p}, name: Partner {p}}}" for p in PARTNERS)
    (root / "programme" / "programme.yaml").write_text(PROGRAMME % partners, encoding="utf-8")
    for partner in PARTNERS:
        indicator = f"i-{partner}"
        (root / "kpis" / f"{indicator}.yaml").write_text(
            INDICATOR % {"id": indicator, "owner": partner}, encoding="utf-8"
        )
    with open_accounts(root) as db:
        for partner in PARTNERS:
            set_password(db, add_person(db, f"{partner}@x.example", partner=partner), PASSWORD)
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "definitions"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@x", *command], cwd=root, check=True
        )
    return root


def _session(base: str, partner: str) -> tuple[dict[str, str], str]:
    with httpx.Client(base_url=base) as client:
        token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
        data = {"csrf": token, "email": f"{partner}@x.example", "password": PASSWORD}
        assert client.post("/login", data=data).status_code == 303
        page = client.get("/partner").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        return dict(client.cookies), csrf


@pytest.mark.slow
def test_twenty_uploads_and_cli_submits_at_once(tmp_path, run_portal):
    root = _workspace(tmp_path / "ws")
    with run_portal(root) as live:
        sessions = {p: _session(live.url, p) for p in PARTNERS}
        start = threading.Barrier(20 + 4)

        def upload(partner: str, year: str) -> int:
            cookies, csrf = sessions[partner]
            body = f"indicator,period,value\ni-{partner},{year},{int(year) - 2000}\n".encode()
            with httpx.Client(base_url=live.url, cookies=cookies, timeout=120) as client:
                start.wait()
                response = client.post(
                    "/upload",
                    data={"csrf": csrf},
                    files={"file": (f"{partner}-{year}.csv", body)},
                )
            assert response.status_code == 303, response.text[-2000:]
            return int(re.match(r"/submissions/(\d+)", response.headers["location"]).group(1))

        def submit(n: int) -> int:
            file = tmp_path / f"cli-{n}.csv"
            file.write_text(f"indicator,period,value\ni-p{n},2022,{n}\n", encoding="utf-8")
            start.wait()
            done = subprocess.run(
                [sys.executable, "-m", "kpitrack", "submit", str(file), "--partner", f"p{n}",
                 "--workspace", str(root)],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            return int(re.search(r"accepted as submission (\d+)", done.stdout).group(1))

        with ThreadPoolExecutor(max_workers=24) as pool:
            uploads = [pool.submit(upload, p, y) for p in PARTNERS for y in YEARS]
            submits = [pool.submit(submit, n) for n in range(1, 5)]
            seqs = [f.result() for f in uploads + submits]

    assert sorted(seqs) == list(range(1, 25))
    ledger = read_ledger(root / "measurements")
    assert [e.seq for e in ledger.entries] == list(range(1, 25)) and not ledger.errors
    files = {(e.partner, e.file) for e in ledger.entries}
    assert {(p, f"{p}-{y}.csv") for p in PARTNERS for y in YEARS} <= files
    verify = subprocess.run(
        [sys.executable, "-m", "kpitrack", "verify", str(root)], capture_output=True, text=True
    )
    assert verify.returncode == 0 and "warning" not in verify.stdout + verify.stderr, verify
    # Each portal commit was made under the store's lock: the last one is a complete store.
    committed = tmp_path / "committed"
    committed.mkdir()
    archive = subprocess.run(
        ["git", "archive", "HEAD"], cwd=root, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(committed)], input=archive, check=True)
    check = subprocess.run(
        [sys.executable, "-m", "kpitrack", "verify", str(committed)], capture_output=True, text=True
    )
    assert check.returncode == 0 and "warning" not in check.stdout + check.stderr, check
