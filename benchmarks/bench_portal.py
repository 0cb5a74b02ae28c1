"""Benchmark: the portal in a real uvicorn server on loopback — uploads and the office's overview.

Generates a workspace of 50 partners (benchmarks/generate.py: 200 indicators × 20 regions × 10
years; the partner ``bureau`` owns half the indicators, the other 49 share the rest), stores a
small submission for each partner, and starts ``kpitrack serve`` on a free loopback port in a
process of its own. Then, over HTTP as a browser would (log in, form token, multipart upload):

- upload: ``POST /upload`` of a 10,000-row CSV by a person of ``bureau``, until the answer
  (validated, stored under the lock, ledger entry, the portal's own records) — each file other
  values for the same keys, so each upload revises the one before;
- overview: ``GET /office`` for the programme office (50 partners: people, submissions, what is
  late by the reporting calendar, what awaits review, the latest submissions) — "first" is the
  first request after a new submission (the history and the calendar rebuilt from the store),
  "again" every request after it (served from what was built).

Prints one Markdown table (p50, p95, max in seconds); ``--json`` prints the figures as one JSON
line instead. Run: .venv/bin/python benchmarks/bench_portal.py [--uploads 20] [--views 100]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import OWNER, generate_submission_csv, generate_workspace

PARTNERS = 50
ROWS = 10_000
PASSWORD = "een zin van een paar woorden"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_workspace(root: Path) -> None:
    """The generated programme with 50 partners sharing its indicators."""
    generate_workspace(root, indicators=200, regions=20, years=10)
    path = root / "programme" / "programme.yaml"
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    programme = yaml.safe_load(body)
    known = [p["id"] for p in programme["partners"]]
    extra = [f"partner-{n:02d}" for n in range(len(known) + 1, PARTNERS + 1)]
    programme["partners"] += [{"id": p, "name": f"Partner {p[-2:]}"} for p in extra]
    others = [p for p in known + extra if p != OWNER]
    path.write_text(
        header + "\n" + yaml.safe_dump(programme, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    for number, kpi in enumerate(sorted((root / "kpis").glob("*.yaml"))):
        if number % 2:
            head, _, text = kpi.read_text(encoding="utf-8").partition("\n")
            data = yaml.safe_load(text)
            data["owner"] = others[(number // 2) % len(others)]
            kpi.write_text(head + "\n" + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def seed_store(root: Path, work: Path) -> None:
    """One small submission per partner (the first figure it owns), and the accounts."""
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import add_person, set_password
    from kpitrack.intake.submit import submit_file
    from kpitrack.workspace import load_workspace

    workspace = load_workspace(root)
    for partner in workspace.programme.partners:
        mine = sorted(i.id for i in workspace.indicators.values() if i.owner == partner.id)
        if not mine:
            continue
        indicator = workspace.indicators[mine[0]]
        period = indicator.baseline.period if indicator.baseline else "2016"
        path = work / f"seed-{partner.id}.csv"
        path.write_text(f"indicator,period,value\n{mine[0]},{period},50\n", encoding="utf-8")
        assert submit_file(root, path, partner.id).accepted, partner.id
    with open_accounts(root) as db:
        for email, partner in (("office@bench.invalid", None), ("bureau@bench.invalid", OWNER)):
            set_password(db, add_person(db, email, partner=partner), PASSWORD)


class Server:
    """``kpitrack serve`` in its own process on a free loopback port."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kpitrack", "serve", str(root), "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("kpitrack serve did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def log_in(url: str, email: str):  # type: ignore[no-untyped-def]
    import httpx

    client = httpx.Client(base_url=url, timeout=120)
    token = CSRF.search(client.get("/login").text)
    assert token
    data = {"csrf": token.group(1), "email": email, "password": PASSWORD}
    assert client.post("/login", data=data).status_code == 303
    return client


def run(uploads: int, views: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"upload": [], "overview first": [], "overview again": []}
    with tempfile.TemporaryDirectory(prefix="kpitrack-bench-portal-") as tmp:
        work = Path(tmp)
        root = work / "workspace"
        make_workspace(root)
        seed_store(root, work)
        files = []
        for seed in range(1, uploads + 1):
            path = work / f"upload-{seed:02d}.csv"
            generate_submission_csv(path, root, ROWS, seed=seed)
            files.append(path)
        server = Server(root)
        try:
            bureau = log_in(server.url, "bureau@bench.invalid")
            office = log_in(server.url, "office@bench.invalid")
            office.get("/office")  # the first page ever: loads the workspace
            for path in files:
                token = CSRF.search(bureau.get("/partner").text)
                assert token
                content = path.read_bytes()
                started = time.perf_counter()
                answer = bureau.post(
                    "/upload",
                    data={"csrf": token.group(1)},
                    files={"file": (path.name, content, "text/csv")},
                )
                times["upload"].append(time.perf_counter() - started)
                assert answer.status_code == 303, answer.text[:500]
                times["overview first"].append(_timed(office, "/office"))
            for _ in range(views):
                times["overview again"].append(_timed(office, "/office"))
            page = office.get("/office").text
            # One row per partner in the overview, each linking to the partner's page.
            assert len(re.findall(r'<td[^>]*class="partner[^"]*"><a href="/partners/', page)) == (
                PARTNERS
            )
        finally:
            server.stop()
    return times


def _timed(client, path: str) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    response = client.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(values)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--views", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="one JSON line of figures")
    args = parser.parse_args(argv)
    figures = {name: summary(values) for name, values in run(args.uploads, args.views).items()}
    if args.json:
        print(json.dumps(figures))
        return 0
    print("| step | n | p50 (s) | p95 (s) | max (s) |\n|---|---|---|---|---|")
    labels = {
        "upload": f"upload of {ROWS:,} rows (`POST /upload`)",
        "overview first": f"office overview, {PARTNERS} partners, first after a submission",
        "overview again": f"office overview, {PARTNERS} partners, again",
    }
    for name, f in figures.items():
        print(
            f"| {labels[name]} | {f['n']:.0f} | {f['p50']:.3f} | {f['p95']:.3f} | {f['max']:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
