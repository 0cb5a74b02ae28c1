"""The store: read back with provenance and revisions, verify, snapshot hash, lock, symlinks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kpitrack.cli.problems import store_summary
from kpitrack.core.errors import StoreBusy
from kpitrack.definitions.load import read_definitions
from kpitrack.intake.submit import submit_file
from kpitrack.measurements.lock import store_lock
from kpitrack.measurements.store import read_store, snapshot_hash, verify_store

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"


def submit(workspace: Path, text: str, name: str = "in.csv", partner: str = "politie") -> int:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    result = submit_file(workspace, path, partner)
    assert result.accepted, [p.format() for p in result.errors]
    assert result.seq is not None
    return result.seq


def read(workspace: Path):  # type: ignore[no-untyped-def]
    loaded = read_definitions(workspace)
    programme, indicators, problems = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None and not problems
    stored = read_store(workspace, programme, indicators)
    return stored.observations, stored.updates, stored.problems


def test_read_back_with_provenance_and_revision(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1569888000")  # 2019-10-01
    submit(
        workspace, HEADER + "zaken,2018,180,,,,,\nzaken,2018,90,noord,P,80,100,voorlopig\n", "a.csv"
    )
    submit(workspace, HEADER + "zaken,2018,185,,,,,herzien\n", "b.csv")
    observations, updates, problems = read(workspace)
    assert problems == [] and updates == []
    assert [(o.value, o.breakdown, o.provenance.submission) for o in observations] == [
        (180, (), 1),
        (90, (("region", "noord"),), 1),
        (185, (), 2),
    ]
    first, cell, revised = observations
    assert not first.revised and revised.revised
    assert (revised.revised_from, revised.revision_of) == (180, 1)
    assert (cell.obs_status, cell.lower, cell.upper, cell.note) == ("P", 80, 100, "voorlopig")
    assert first.provenance.received == "2019-10-01T00:00:00Z"
    assert (first.provenance.file, first.provenance.row) == ("a.csv", 2)
    ledger = [
        json.loads(line)
        for line in (workspace / "measurements/ledger.jsonl").read_text().splitlines()
    ]
    assert [e["seq"] for e in ledger] == [1, 2] and ledger[1]["rows"] == 1
    assert (workspace / "measurements" / ledger[0]["received_path"]).read_bytes() == (
        workspace.parent / "a.csv"
    ).read_bytes()


def test_revision_count_reported(workspace: Path) -> None:
    submit(workspace, HEADER + "zaken,2018,180,,,,,\n")
    path = workspace.parent / "again.csv"
    path.write_text(HEADER + "zaken,2018,181,,,,,\nzaken,2019,5,,,,,\n", encoding="utf-8")
    assert submit_file(workspace, path, "politie", dry_run=True).revisions == 1
    assert submit_file(workspace, path, "politie").revisions == 1


@pytest.mark.parametrize(
    "note", ["=SUM(A1:A9)", "+31 6 1234", "-", "@cmd", "'quoted", "''=x", 'a,"b"\nc']
)
def test_formula_looking_text_round_trips_as_text(workspace: Path, note: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [HEADER.strip().split(","), ["zaken", "2018", "1", "", "", "", "", note]]
    )
    submit(workspace, buffer.getvalue())
    observations, _, _ = read(workspace)
    assert observations[0].note == note
    stored = next((workspace / "measurements/data").iterdir()).read_text()
    for line in stored.splitlines():
        assert not line.split(",")[-1].startswith(("=", "+", "-", "@"))


def test_action_updates_are_read_back(workspace: Path) -> None:
    submit(workspace, "action,date,status,note\nAL1.1,2019-05-01,in_progress,=begonnen\n")
    _, updates, _ = read(workspace)
    assert [(u.action, u.date, u.status, u.note) for u in updates] == [
        ("AL1.1", "2019-05-01", "in_progress", "=begonnen")
    ]


def test_stale_row_is_a_warning(workspace: Path) -> None:
    submit(workspace, "indicator,period,value\naandeel,2019-H1,12\n")
    (workspace / "kpis/aandeel.yaml").unlink()
    observations, _, problems = read(workspace)
    assert observations == []
    assert [(p.code, p.severity) for p in problems] == [("stored-row-stale", "warning")]


def test_verify_clean_and_snapshot(workspace: Path) -> None:
    empty = snapshot_hash(workspace)
    assert store_summary(verify_store(workspace)) == "no measurements stored yet"
    submit(workspace, HEADER + "zaken,2018,180,,,,,\n")
    check = verify_store(workspace)
    errors, warnings, summary = check.errors, check.warnings, store_summary(check)
    assert errors == [] and warnings == [] and "1 submission(s), 1 row(s)" in summary
    once = snapshot_hash(workspace)
    assert once != empty and once in summary
    submit(workspace, HEADER + "zaken,2019,181,,,,,\n")
    assert snapshot_hash(workspace) not in (empty, once)


def _store_with_one(workspace: Path) -> Path:
    submit(workspace, HEADER + "zaken,2018,180,,,,,\n")
    return workspace / "measurements"


def test_verify_detects_changed_file(workspace: Path) -> None:
    store = _store_with_one(workspace)
    data = next((store / "data").iterdir())
    data.write_text(data.read_text().replace("180", "181"))
    assert [p.code for p in verify_store(workspace).errors] == ["store-hash"]


def test_store_problems_name_files_below_the_workspace_given(workspace: Path) -> None:
    # Like the definitions' problems (workspace/kpis/x.yaml), so a path can be opened as printed.
    store = _store_with_one(workspace)
    data = next((store / "data").iterdir())
    data.write_text(data.read_text().replace("180", "181"))
    (problem,) = verify_store(workspace).errors
    assert problem.file == str(workspace / "measurements" / "data" / data.name)
    loaded = read_definitions(workspace)
    programme, indicators, _ = loaded.programme, loaded.indicators, loaded.problems
    assert programme is not None
    (stored,) = read_store(workspace, programme, indicators).problems
    assert stored.file == problem.file


def test_verify_detects_missing_file(workspace: Path) -> None:
    store = _store_with_one(workspace)
    next((store / "received").iterdir()).unlink()
    assert [p.code for p in verify_store(workspace).errors] == ["store-missing"]


def test_verify_detects_corrupt_ledger_line(workspace: Path) -> None:
    store = _store_with_one(workspace)
    submit(workspace, HEADER + "zaken,2019,181,,,,,\n")
    ledger = store / "ledger.jsonl"
    lines = ledger.read_text().splitlines(keepends=True)
    ledger.write_text(lines[0].replace('"rows": 1', '"rows": "een"') + lines[1])
    errors = verify_store(workspace).errors
    # The changed line is unreadable, and the next line's chain hash no longer matches it.
    assert [(p.code, p.line) for p in errors if p.code.startswith("ledger")] == [
        ("ledger-corrupt", 1),
        ("ledger-chain", 2),
    ]
    path = workspace.parent / "next.csv"
    path.write_text(HEADER + "zaken,2020,1,,,,,\n", encoding="utf-8")
    refused = submit_file(workspace, path, "politie")
    assert not refused.accepted and refused.seq is None
    assert "store-unverified" in [p.code for p in refused.errors]


def test_verify_detects_hand_inserted_file(workspace: Path) -> None:
    store = _store_with_one(workspace)
    (store / "data/000001-ngo.csv").write_text("row,indicator\n")
    check = verify_store(workspace)
    errors, _, _ = check.errors, check.warnings, store_summary(check)
    assert [p.code for p in errors] == ["store-unlisted"]


def test_temporary_leftovers_are_warnings_and_cleaned_by_next_submit(workspace: Path) -> None:
    # What a submit killed before its commit point leaves: temporary names, a torn ledger line.
    store = _store_with_one(workspace)
    (store / "data/.tmp-000002-politie.csv").write_text("half")
    (store / "received/.tmp-000002-politie-x.csv").write_text("half")
    with (store / "ledger.jsonl").open("a") as ledger:
        ledger.write('{"seq": 2, "partn')
    check = verify_store(workspace)
    assert check.errors == []
    assert sorted(p.code for p in check.warnings) == [
        "ledger-torn",
        "store-leftover",
        "store-leftover",
    ]
    assert submit(workspace, HEADER + "zaken,2019,1,,,,,\n") == 2
    assert (verify_store(workspace).errors, verify_store(workspace).warnings) == ([], [])
    assert not list(store.rglob(".tmp-*"))


def test_symlinks_in_the_store_are_refused(workspace: Path, tmp_path: Path) -> None:
    store = _store_with_one(workspace)
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("x")
    os.symlink(outside, store / "data/000009-politie.csv")
    assert "store-symlink" in [p.code for p in verify_store(workspace).errors]


def test_second_submitter_waits_then_gets_store_busy(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KPITRACK_LOCK_WAIT", "0.3")
    store = workspace / "measurements"
    with store_lock(store), pytest.raises(StoreBusy, match=r"did not finish within 0\.3 s"):
        submit(workspace, HEADER + "zaken,2019,1,,,,,\n")
    assert not (store / "ledger.jsonl").exists()
