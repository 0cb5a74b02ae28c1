"""The commit protocol of the store (design §4), run under the store's exclusive lock.

1. roll forward any committed entry whose files still have temporary names, then check the
   store (:func:`~kpitrack.measurements.verify.inspect_store`): nothing is written to a store
   that does not verify; remove what a submit killed before its commit point left (a torn
   ledger tail, temporary files no entry names);
2. seal a ledger written before the chain existed with a chain-start entry;
3. write the file as received and the normalised rows under temporary names, fsync them and
   their directories;
4. append the chained ledger entry and fsync it: **the commit point**;
5. rename the files to their final names and fsync the directories.

A kill -9 at any step leaves either the whole submission (its entry written; step 5 is finished
by the next command) or leftovers with temporary names that ``verify`` reports as warnings and
the next submit removes. Nothing an entry names is ever removed. ``KPITRACK_TEST_CRASH_AT=<step>``
kills the process at a named step so tests can check exactly that.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.layout import STORE_DIR
from kpitrack.core.problems import Problem
from kpitrack.measurements.files import (
    DATA_DIR,
    LEDGER_NAME,
    RECEIVED_DIR,
    data_name,
    fsync_dir,
    received_name,
    scan_store,
    temporary_name,
)
from kpitrack.measurements.ledger import (
    ChainStart,
    Ledger,
    LedgerEntry,
    ReviewEntry,
    parse_record,
    read_ledger,
)
from kpitrack.measurements.lock import store_lock
from kpitrack.measurements.verify import inspect_store, located_problems, roll_forward

CRASH_STEPS = (
    "locked",
    "cleaned",
    "sealed",
    "received-partial",
    "received-written",
    "data-partial",
    "data-written",
    "dirs-synced",
    "ledger-partial",
    "ledger-written",
    "committed",
    "received-renamed",
    "data-renamed",
    "renamed",
)
COMMITTED_STEPS = ("ledger-written", "committed", "received-renamed", "data-renamed", "renamed")
"""Steps after which a killed submit has stored its submission."""

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
    person: str | None = None,
    under_lock: Callable[[Ledger], None] | None = None,
    wait: float | None = None,
    warnings: int | None = None,
) -> LedgerEntry:
    """Store one accepted submission; ``under_lock`` runs with the lock held, before writing.

    ``warnings`` (the accepted file's warnings) is recorded in the entry when given.

    Raises :class:`ValidationFailed` when the store does not verify (nothing is written).
    """
    _refuse_symlinks(store)
    with store_lock(store, wait):
        _crash_point("locked")
        ledger = prepare_store(store)
        _crash_point("cleaned")
        if under_lock is not None:
            under_lock(ledger)
        ledger = seal_chain(store, ledger)
        _crash_point("sealed")
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
            prev=ledger.head,
            person=person,
            warnings=warnings,
        )
        line = _checked_line(entry.to_line())
        _ensure_git_files(store)
        written: list[Path] = []
        try:
            for relative, content, step in (
                (entry.received_path, received, "received"),
                (entry.data, data, "data"),
            ):
                written.append(_write_temporary(store, relative, content, step))
            fsync_dir(store / RECEIVED_DIR)
            fsync_dir(store / DATA_DIR)
            _crash_point("dirs-synced")
        except BaseException:
            for path in written:  # before the commit point: nothing was stored
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        _append_line(store / LEDGER_NAME, line, crash_steps=True)
        _crash_point("committed")
        for relative, step in ((entry.received_path, "received"), (entry.data, "data")):
            os.rename(store / temporary_name(relative), store / relative)
            _crash_point(f"{step}-renamed")
        fsync_dir(store / RECEIVED_DIR)
        fsync_dir(store / DATA_DIR)
        _crash_point("renamed")
        return entry


def append_review(
    store: Path,
    *,
    submission: int,
    decision: str,
    person: str,
    reason: str | None = None,
    wait: float | None = None,
) -> ReviewEntry:
    """Append a review decision (``approve``, or ``return`` with a reason) on a submission."""
    _refuse_symlinks(store)
    with store_lock(store, wait):
        ledger = prepare_store(store)
        if submission not in {entry.seq for entry in ledger.entries}:
            raise ValidationFailed(
                [Problem("unknown-submission", f"there is no submission {submission} to review")]
            )
        ledger = seal_chain(store, ledger)
        review = ReviewEntry(
            seq=ledger.last_seq + 1,
            prev=ledger.head,
            submission=submission,
            decision=decision,
            person=person,
            recorded=received_time(),
            reason=reason,
        )
        line = _checked_line(review.to_line())
        _append_line(store / LEDGER_NAME, line)
        return review


def _checked_line(line: bytes) -> bytes:
    """Never append a line the reader would refuse (a person id that is an e-mail address…)."""
    try:
        parse_record(json.loads(line))
    except ValueError as exc:
        raise ValidationFailed([Problem("ledger-entry-invalid", str(exc), STORE_DIR)]) from None
    return line


def prepare_store(store: Path) -> Ledger:
    """Roll forward, check, and clean up before a write (call with the lock held).

    Raises :class:`ValidationFailed` when the store does not verify: nothing may be added to a
    store whose entries were removed, changed or whose files differ from their hashes.
    """
    found = scan_store(store)
    ledger = read_ledger(store)
    if roll_forward(store, ledger, found):  # renames files only: the ledger read stays current
        found = scan_store(store)
    root = store.parent
    check = inspect_store(root, ledger, found)
    if check.errors:
        refused = Problem(
            "store-unverified",
            "the store does not verify (see above); nothing was written. Run kpitrack verify, "
            "repair the store (git history holds every committed version), then submit again",
            STORE_DIR,
        )
        raise ValidationFailed(located_problems(root, [*check.errors, refused]))
    if ledger.torn:  # a torn append: the commit point was never reached
        with (store / LEDGER_NAME).open("r+b") as handle:
            handle.truncate(len(ledger.committed))
            os.fsync(handle.fileno())
        ledger.torn = b""
    named = {temporary_name(relative) for entry in ledger.entries for relative, _ in entry.files()}
    for item in found:
        if item.temporary and not item.symlink and item.path not in named:
            (store / item.path).unlink()  # a submit killed before its commit point
    return ledger


def seal_chain(store: Path, ledger: Ledger) -> Ledger:
    """Append a chain-start entry over a ledger written before the chain (lock held)."""
    if not ledger.unchained:
        return ledger
    seal = ChainStart(
        seq=ledger.last_seq + 1,
        prev=hashlib.sha256(ledger.committed).hexdigest(),
        entries=ledger.unchained,
        recorded=received_time(),
    )
    _append_line(store / LEDGER_NAME, seal.to_line())
    return read_ledger(store)


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


def _ensure_git_files(store: Path) -> None:
    for name, content in _GIT_FILES.items():
        if not (store / name).exists():
            fd = os.open(store / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            try:
                _write_all(fd, content)
                os.fsync(fd)
            finally:
                os.close(fd)


def _write_temporary(store: Path, relative: str, content: bytes, step: str) -> Path:
    """Write ``content`` under the temporary name of ``relative`` and fsync it."""
    directory = (store / relative).parent
    if not directory.is_dir():
        directory.mkdir()
        fsync_dir(store)
    temporary = store / temporary_name(relative)
    half = len(content) // 2
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        _write_all(fd, content[:half])
        _crash_point(f"{step}-partial")
        _write_all(fd, content[half:])
        os.fsync(fd)
    finally:
        os.close(fd)
    _crash_point(f"{step}-written")
    return temporary


def _append_line(path: Path, line: bytes, *, crash_steps: bool = False) -> None:
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        if created:
            fsync_dir(path.parent)
        if crash_steps and os.environ.get("KPITRACK_TEST_CRASH_AT") == "ledger-partial":
            _write_all(fd, line[: len(line) // 2])
            os.fsync(fd)
            _crash_point("ledger-partial")
        _write_all(fd, line)
        if crash_steps:
            _crash_point("ledger-written")
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _crash_point(step: str) -> None:
    """Die here, as kill -9 would, when the test hook names this step."""
    if step and os.environ.get("KPITRACK_TEST_CRASH_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)
