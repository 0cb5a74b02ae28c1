"""kill -9 at every step of a submit, and at random moments, leaves a store that verifies with
the submission wholly present or wholly absent; parallel submits each land exactly once.

Before the commit point (the ledger line) the files have temporary names: a kill leaves
leftovers that verify reports as warnings and the next submit removes. After it, the next
command renames them (rolls the commit forward); nothing committed is ever removed."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kpitrack.measurements.commit import COMMITTED_STEPS, CRASH_STEPS

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"
REPOSITORY = Path(__file__).resolve().parents[2]


def kpitrack(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kpitrack", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def ledger(workspace: Path) -> list[dict[str, object]]:
    path = workspace / "measurements/ledger.jsonl"
    if not path.exists():
        return []
    complete = path.read_text().rsplit("\n", 1)[0] if "\n" in path.read_text() else ""
    return [json.loads(line) for line in complete.splitlines() if line]


def stored_rows(workspace: Path) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for entry in ledger(workspace):
        with (workspace / "measurements" / str(entry["data"])).open(newline="") as handle:
            rows.extend(tuple(r[1:5]) for r in list(csv.reader(handle))[1:])
    return rows


def final_names(workspace: Path) -> list[str]:
    store = workspace / "measurements"
    return sorted(
        p.relative_to(store).as_posix() for p in store.glob("*/*") if not p.name.startswith(".tmp-")
    )


@pytest.mark.parametrize("step", CRASH_STEPS)
def test_kill_at_each_step(workspace: Path, step: str) -> None:
    path = workspace.parent / "in.csv"
    path.write_text(HEADER + "zaken,2018,180,,,,,\nzaken,2018,90,noord,,,,\n")
    crashed = kpitrack(
        "submit",
        str(path),
        "--partner",
        "politie",
        "--workspace",
        str(workspace),
        env={"KPITRACK_TEST_CRASH_AT": step},
    )
    assert crashed.returncode == -signal.SIGKILL
    committed = step in COMMITTED_STEPS
    # A reader sees exactly the committed submission, renamed or not yet.
    status = kpitrack("status", str(workspace), "--as-of", "2019-01-01", "--format", "json")
    assert status.returncode == 0, status.stderr
    zaken = next(i for i in json.loads(status.stdout)["indicators"] if i["id"] == "zaken")
    assert (zaken["latest"] is not None) == committed
    verified = kpitrack("verify", str(workspace))
    assert verified.returncode == 0, verified.stderr
    assert len(ledger(workspace)) == (1 if committed else 0)
    assert len(stored_rows(workspace)) == (2 if committed else 0)
    # verify rolled a committed submission forward: both files have their final names.
    assert len(final_names(workspace)) == (2 if committed else 0)
    # The next submit cleans up and the store verifies without warnings.
    again_path = workspace.parent / "again.csv"
    again_path.write_text(HEADER + "zaken,2019,181,,,,,\n")
    again = kpitrack(
        "submit", str(again_path), "--partner", "politie", "--workspace", str(workspace)
    )
    assert again.returncode == 0, again.stderr
    final = kpitrack("verify", str(workspace))
    assert final.returncode == 0 and final.stderr.strip() == ""
    assert len(stored_rows(workspace)) == (3 if committed else 1)
    assert not list((workspace / "measurements").rglob(".tmp-*"))


@pytest.mark.parametrize("step", ["committed", "received-renamed"])
def test_a_committed_submission_is_rolled_forward_by_the_next_submit(
    workspace: Path, step: str
) -> None:
    path = workspace.parent / "in.csv"
    path.write_text(HEADER + "zaken,2018,180,,,,,\n")
    args = ["submit", str(path), "--partner", "politie", "--workspace", str(workspace)]
    crashed = kpitrack(*args, env={"KPITRACK_TEST_CRASH_AT": step})
    assert crashed.returncode == -signal.SIGKILL
    assert list((workspace / "measurements").rglob(".tmp-*"))
    # Submitting the same bytes again is refused: the killed submit did store them.
    again = kpitrack(*args)
    assert again.returncode == 1 and "already stored as submission 1" in again.stderr
    other = workspace.parent / "other.csv"
    other.write_text(HEADER + "zaken,2019,181,,,,,\n")
    stored = kpitrack("submit", str(other), "--partner", "politie", "--workspace", str(workspace))
    assert stored.returncode == 0, stored.stderr
    assert final_names(workspace) == [
        "data/000001-politie.csv",
        "data/000002-politie.csv",
        "received/000001-politie-in.csv",
        "received/000002-politie-other.csv",
    ]
    assert kpitrack("verify", str(workspace)).stderr.strip() == ""


@pytest.mark.parametrize("step", ["sealed", "data-written", "committed"])
def test_kill_while_sealing_an_unchained_store(tmp_path: Path, step: str) -> None:
    # The example's store predates the chain: the first submit appends a chain-start entry.
    root = tmp_path / "example"
    for part in ("programme", "kpis", "measurements"):
        shutil.copytree(REPOSITORY / part, root / part)
    old = (root / "measurements/ledger.jsonl").read_bytes()
    path = tmp_path / "gsi.csv"
    path.write_text(
        "indicator,period,value,obs_status,note\ngeschatte-slachtoffers-gsi,2018,31000,E,x\n"
    )
    args = ["submit", str(path), "--partner", "jenv", "--workspace", str(root)]
    assert kpitrack(*args, env={"KPITRACK_TEST_CRASH_AT": step}).returncode == -signal.SIGKILL
    verified = kpitrack("verify", str(root))
    assert verified.returncode == 0, verified.stderr
    assert "ledger-unchained" not in verified.stderr  # the seal is committed on its own
    kinds = [entry["kind"] for entry in ledger(root)[old.count(b"\n") :]]
    assert kinds == (["chain-start", "measurements"] if step == "committed" else ["chain-start"])
    assert (root / "measurements/ledger.jsonl").read_bytes().startswith(old)


@pytest.mark.slow
def test_kill_at_random_moments(workspace: Path) -> None:
    rng = random.Random(7)
    accepted = 0
    for attempt in range(10):
        # Each attempt sends other bytes: a byte-identical file would be refused once stored.
        path = workspace.parent / f"big-{attempt}.csv"
        rows = [
            f"zaken,{2017 + i % 6},{i},{('', 'noord', 'zuid')[i // 6 % 3]},,,,n{i}-{attempt}"
            for i in range(18)
        ]
        path.write_text(HEADER + "\n".join(rows) + "\n")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kpitrack",
                "submit",
                str(path),
                "--partner",
                "politie",
                "--workspace",
                str(workspace),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.0, 1.2))
        process.kill()
        code = process.wait()
        accepted += code == 0
        verified = kpitrack("verify", str(workspace))
        assert verified.returncode == 0, verified.stderr
        entries = ledger(workspace)
        assert len(stored_rows(workspace)) == 18 * len(entries)  # whole submissions only
    assert len(ledger(workspace)) >= accepted


@pytest.mark.slow
def test_parallel_submits_each_land_once(workspace: Path) -> None:
    files = []
    for n in range(8):
        path = workspace.parent / f"p{n}.csv"
        region = ("", "noord", "zuid")[n % 3]
        path.write_text(HEADER + f"zaken,{2017 + n % 6},{100 + n},{region},,,,bron {n}\n")
        files.append(path)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kpitrack",
                "submit",
                str(p),
                "--partner",
                "politie",
                "--workspace",
                str(workspace),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in files
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [0] * 8, [p.stderr.read() for p in processes if p.stderr]
    entries = ledger(workspace)
    assert sorted(int(str(e["seq"])) for e in entries) == list(range(1, 9))
    values = sorted(int(r[3]) for r in stored_rows(workspace))
    assert values == list(range(100, 108))
    assert kpitrack("verify", str(workspace)).returncode == 0
