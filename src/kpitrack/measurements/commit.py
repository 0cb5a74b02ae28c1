"""The commit protocol of the store (design §4), run under the store's exclusive lock.

1. remove leftovers of an interrupted submit (a torn ledger tail, temporary files, files of a
   sequence number after the last entry);
2. write the received bytes and the normalised rows under temporary names, fsync, rename,
   fsync the directories;
3. append the ledger line and fsync it: the commit point.

A kill -9 at any step leaves either the whole submission (ledger line written) or leftovers that
``verify`` reports as warnings and the next submit removes. ``KPITRACK_TEST_CRASH_AT=<step>``
kills the process at a named step so tests can check exactly that.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.problems import Problem
from kpitrack.measurements.ledger import (
    DATA_DIR,
    LEDGER_NAME,
    RECEIVED_DIR,
    Ledger,
    LedgerEntry,
    data_name,
    read_ledger,
    received_name,
    scan_store,
)
from kpitrack.measurements.lock import store_lock

CRASH_STEPS = (
    "locked",
    "cleaned",
    "received-partial",
    "received-written",
    "received-renamed",
    "data-partial",
    "data-written",
    "data-renamed",
    "dirs-synced",
    "ledger-partial",
    "ledger-written",
    "committed",
)
_GIT_FILES = {
    ".gitignore": b"# the lock and temporary files of an interrupted submit are never committed\n"
    b".lock\n.tmp-*\n*/.tmp-*\n",
    # received bytes and stored rows are hashed: git must not touch their line endings
    ".gitattributes": b"* -text\n",
}


def commit_submission(
    store: Path,
    *,
    partner: str,
    kind: str,
    file_name: str,
    received: bytes,
    data: bytes,
    rows: int,
    definition_version: str,
    under_lock: Callable[[Ledger], None] | None = None,
    wait: float | None = None,
) -> LedgerEntry:
    """Store one accepted submission; ``under_lock`` runs with the lock held, before writing."""
    _refuse_symlinks(store)
    with store_lock(store, wait):
        _crash_point("locked")
        ledger = clean_leftovers(store)
        if ledger.errors:
            raise ValidationFailed(ledger.errors)
        _crash_point("cleaned")
        if under_lock is not None:
            under_lock(ledger)
        seq = ledger.last_seq + 1
        entry = LedgerEntry(
            seq=seq,
            partner=partner,
            kind=kind,
            received=received_time(),
            file=Path(file_name).name,
            sha256_received=hashlib.sha256(received).hexdigest(),
            received_path=received_name(seq, partner, file_name),
            data=data_name(seq, partner),
            sha256_data=hashlib.sha256(data).hexdigest(),
            rows=rows,
            definition_version=definition_version,
        )
        for name, content in _GIT_FILES.items():
            if not (store / name).exists():
                _write_durably(store / name, content, "")
        _write_new(store, entry.received_path, received, "received")
        _write_new(store, entry.data, data, "data")
        _fsync_dir(store / RECEIVED_DIR)
        _fsync_dir(store / DATA_DIR)
        _crash_point("dirs-synced")
        _append_line(store / LEDGER_NAME, entry.to_line())
        _crash_point("committed")
        return entry


def clean_leftovers(store: Path) -> Ledger:
    """Remove what an interrupted submit left (call with the lock held); return the ledger."""
    ledger = read_ledger(store)
    if ledger.torn:
        with (store / LEDGER_NAME).open("r+b") as handle:
            handle.truncate(len(ledger.committed))
            os.fsync(handle.fileno())
        ledger.torn = b""
    if ledger.errors:
        return ledger
    for found in scan_store(store):
        seq = found.seq
        leftover = found.temporary or (seq is not None and seq > ledger.last_seq)
        if leftover and not found.symlink and "/" in found.path:
            (store / found.path).unlink()
    return ledger


def received_time() -> str:
    """Now in UTC (ISO 8601, seconds), or ``SOURCE_DATE_EPOCH`` when set (reproducible stores)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _refuse_symlinks(store: Path) -> None:
    for path in (store, store / DATA_DIR, store / RECEIVED_DIR, store / LEDGER_NAME):
        if path.is_symlink():
            raise ValidationFailed(
                [Problem("store-symlink", f"{path} is a symlink; the store refuses symlinks")]
            )


def _write_new(store: Path, relative: str, content: bytes, step: str) -> None:
    final = store / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(".tmp-" + final.name)
    half = len(content) // 2
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        _write_all(fd, content[:half])
        _crash_point(f"{step}-partial")
        _write_all(fd, content[half:])
        os.fsync(fd)
    finally:
        os.close(fd)
    _crash_point(f"{step}-written")
    if final.exists() or final.is_symlink():
        # Leftovers were removed under the lock: an existing file here was put by hand.
        temporary.unlink()
        raise ValidationFailed(
            [Problem("store-conflict", f"{final} exists but no ledger entry names it")]
        )
    os.rename(temporary, final)
    _crash_point(f"{step}-renamed")


def _write_durably(path: Path, content: bytes, step: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        _write_all(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)


def _append_line(path: Path, line: bytes) -> None:
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        if created:
            _fsync_dir(path.parent)
        if os.environ.get("KPITRACK_TEST_CRASH_AT") == "ledger-partial":
            _write_all(fd, line[: len(line) // 2])
            os.fsync(fd)
            _crash_point("ledger-partial")
        _write_all(fd, line)
        _crash_point("ledger-written")
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _crash_point(step: str) -> None:
    """Die here, as kill -9 would, when the test hook names this step."""
    if step and os.environ.get("KPITRACK_TEST_CRASH_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)
