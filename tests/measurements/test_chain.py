"""The chained ledger: its format, what a hand edit of it leads to, and how old stores are sealed.

Each test names the attack (or accident) it stops.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kpitrack.core.errors import ValidationFailed
from kpitrack.intake.submit import submit_file
from kpitrack.measurements.commit import append_review
from kpitrack.measurements.ledger import GENESIS, read_ledger
from kpitrack.measurements.store import verify_store

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"
REPOSITORY = Path(__file__).resolve().parents[2]


def submit(workspace: Path, text: str, name: str, **options: str) -> int:
    path = workspace.parent / name
    path.write_text(text, encoding="utf-8")
    result = submit_file(workspace, path, "politie", **options)  # type: ignore[arg-type]
    assert result.accepted, [p.format() for p in result.errors]
    assert result.seq is not None
    return result.seq


def three(workspace: Path) -> Path:
    for year in (2018, 2019, 2020):
        submit(workspace, HEADER + f"zaken,{year},{year - 1830},,,,,\n", f"{year}.csv")
    return workspace / "measurements"


def lines(store: Path) -> list[bytes]:
    return (store / "ledger.jsonl").read_bytes().splitlines(keepends=True)


def codes(problems: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(p.code for p in problems)


def test_each_entry_is_one_json_line_carrying_the_hash_of_the_line_before(
    workspace: Path,
) -> None:
    # Stops: any change to an earlier line going unnoticed (today entries carry no hash).
    store = three(workspace)
    raw = lines(store)
    entries = [json.loads(line) for line in raw]
    assert [e["seq"] for e in entries] == [1, 2, 3]
    assert [e["kind"] for e in entries] == ["measurements"] * 3
    assert entries[0]["prev"] == GENESIS
    for before, entry in zip(raw, entries[1:], strict=False):
        assert entry["prev"] == hashlib.sha256(before).hexdigest()
    check = verify_store(workspace)
    assert (check.errors, check.warnings) == ([], [])
    assert check.head == hashlib.sha256(raw[-1]).hexdigest() == read_ledger(store).head
    assert check.chained and check.entries == 3


@pytest.mark.parametrize("removed", [1, 2, 3])
def test_removing_the_last_entries_is_an_error_and_nothing_is_deleted_or_reused(
    workspace: Path, removed: int
) -> None:
    # Stops: hiding the last N submissions by deleting their ledger lines. Today verify exits 0
    # with a warning, and the next submit deletes the hidden files and reuses their numbers.
    store = three(workspace)
    kept = lines(store)[: 3 - removed]
    (store / "ledger.jsonl").write_bytes(b"".join(kept))
    files = sorted(p.name for p in store.rglob("*") if p.is_file())
    check = verify_store(workspace)
    assert codes(check.errors) == ["store-unlisted"] * (2 * removed)
    assert all("removed ledger entry" in p.message for p in check.errors)
    path = workspace.parent / "later.csv"
    path.write_text(HEADER + "zaken,2021,200,,,,,\n", encoding="utf-8")
    refused = submit_file(workspace, path, "politie")
    assert not refused.accepted and refused.seq is None
    assert "store-unverified" in codes(refused.errors)
    assert sorted(p.name for p in store.rglob("*") if p.is_file()) == files
    assert lines(store) == kept


def test_a_changed_middle_line_breaks_the_chain(workspace: Path) -> None:
    # Stops: editing an accepted entry (here its row count) while keeping the ledger readable.
    store = three(workspace)
    raw = lines(store)
    raw[1] = raw[1].replace(b'"rows": 1', b'"rows": 2')
    (store / "ledger.jsonl").write_bytes(b"".join(raw))
    check = verify_store(workspace)
    assert [(p.code, p.line) for p in check.errors] == [("ledger-chain", 3)]


def test_a_removed_middle_line_is_an_error(workspace: Path) -> None:
    # Stops: taking out one submission from the middle of the ledger.
    store = three(workspace)
    raw = lines(store)
    (store / "ledger.jsonl").write_bytes(raw[0] + raw[2])
    found = [(p.code, p.line) for p in verify_store(workspace).errors if p.line]
    assert ("ledger-sequence", 2) in found and ("ledger-chain", 2) in found


def test_an_unchained_line_after_the_chain_is_refused(workspace: Path) -> None:
    # Stops: appending a hand-made entry without a chain hash to a chained ledger.
    store = three(workspace)
    raw = lines(store)
    forged = json.loads(raw[2])
    del forged["prev"]
    forged["seq"] = 4
    with (store / "ledger.jsonl").open("a", encoding="utf-8") as ledger:
        ledger.write(json.dumps(forged) + "\n")
    assert ("ledger-chain", 4) in [(p.code, p.line) for p in verify_store(workspace).errors]


def test_a_last_line_without_its_newline_is_reported_recoverable(workspace: Path) -> None:
    # Stops: the next submit truncating a committed entry as if it were a torn append.
    store = three(workspace)
    ledger = store / "ledger.jsonl"
    before = ledger.read_bytes()
    ledger.write_bytes(before[:-1])
    check = verify_store(workspace)
    assert codes(check.errors) == ["store-unlisted", "store-unlisted"]
    assert all("recoverable" in p.message for p in check.errors)
    path = workspace.parent / "later.csv"
    path.write_text(HEADER + "zaken,2021,200,,,,,\n", encoding="utf-8")
    assert not submit_file(workspace, path, "politie").accepted
    assert ledger.read_bytes() == before[:-1]
    ledger.write_bytes(before)
    assert verify_store(workspace).errors == []


def test_a_store_written_before_the_chain_is_sealed_by_appending(tmp_path: Path) -> None:
    # Stops: upgrading by rewriting history — the old lines stay byte for byte, a chain-start
    # entry hashes them all, and from then on a removed last entry is caught.
    root = tmp_path / "example"
    for part in ("programme", "kpis", "measurements"):
        shutil.copytree(REPOSITORY / part, root / part)
    store = root / "measurements"
    old = (store / "ledger.jsonl").read_bytes()
    assert b'"prev"' not in old  # the example's ledger predates the chain
    check = verify_store(root)
    assert check.errors == [] and not check.chained
    assert codes(check.warnings) == ["ledger-unchained"]
    path = tmp_path / "gsi.csv"
    path.write_text(
        "indicator,period,value,obs_status,note\ngeschatte-slachtoffers-gsi,2018,31000,E,x\n",
        encoding="utf-8",
    )
    result = submit_file(root, path, "jenv")
    assert result.accepted, [p.format() for p in result.errors]
    new = (store / "ledger.jsonl").read_bytes()
    assert new.startswith(old)
    count = old.count(b"\n")
    seal, entry = (json.loads(line) for line in new[len(old) :].splitlines())
    assert seal == {
        "seq": count + 1,
        "prev": hashlib.sha256(old).hexdigest(),
        "kind": "chain-start",
        "entries": count,
        "recorded": seal["recorded"],
    }
    assert result.seq == entry["seq"] == count + 2
    seal_line = new[len(old) :].splitlines(keepends=True)[0]
    assert entry["prev"] == hashlib.sha256(seal_line).hexdigest()
    check = verify_store(root)
    assert (check.errors, check.warnings, check.chained) == ([], [], True)
    # A changed line among the sealed ones breaks the seal.
    tampered = new.replace(b'"rows": 7', b'"rows": 8', 1)
    (store / "ledger.jsonl").write_bytes(tampered)
    assert ("ledger-chain", count + 1) in [(p.code, p.line) for p in verify_store(root).errors]


def test_person_id_is_kept_and_must_be_pseudonymous(workspace: Path) -> None:
    # Stops: a name or e-mail address entering the chain, where it could never be erased.
    submit(workspace, HEADER + "zaken,2018,180,,,,,\n", "a.csv", person="p-4f1c9a")
    (entry,) = read_ledger(workspace / "measurements").entries
    assert entry.person == "p-4f1c9a"
    path = workspace.parent / "b.csv"
    path.write_text(HEADER + "zaken,2019,181,,,,,\n", encoding="utf-8")
    refused = submit_file(workspace, path, "politie", person="jan@example.org")
    assert not refused.accepted
    assert codes(refused.errors) == ["ledger-entry-invalid"]
    assert len(lines(workspace / "measurements")) == 1


def test_review_entries_are_chained_and_checked(workspace: Path) -> None:
    # Room for the portal's review decisions: chained like every entry, never about nothing.
    store = three(workspace)
    review = append_review(
        store, submission=2, decision="return", person="p-77", reason="2019 ontbreekt"
    )
    assert review.seq == 4
    last = json.loads(lines(store)[-1])
    assert last == {
        "seq": 4,
        "prev": hashlib.sha256(lines(store)[2]).hexdigest(),
        "kind": "review",
        "submission": 2,
        "decision": "return",
        "reason": "2019 ontbreekt",
        "person": "p-77",
        "recorded": last["recorded"],
    }
    assert verify_store(workspace).errors == []
    with pytest.raises(ValidationFailed, match="error"):
        append_review(store, submission=9, decision="approve", person="p-77")
    with pytest.raises(ValidationFailed, match="error"):
        append_review(store, submission=1, decision="return", person="p-77")  # no reason
    # The next submission takes the next entry number.
    assert submit(workspace, HEADER + "zaken,2021,1,,,,,\n", "d.csv") == 5


@pytest.mark.parametrize("where", ["data", "ledger"])
def test_a_fifo_in_the_store_is_refused_without_hanging(workspace: Path, where: str) -> None:
    # Stops: a FIFO put in place of a stored file (or of the ledger) hanging verify and status.
    import os

    store = three(workspace)
    target = store / "ledger.jsonl" if where == "ledger" else next((store / "data").iterdir())
    target.unlink()
    os.mkfifo(target)
    check = verify_store(workspace)
    assert check.errors, "a FIFO must be an error"
    assert "store-unexpected" in codes(check.errors)
