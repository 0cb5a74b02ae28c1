"""``kpitrack verify``: the store against its ledger, its chain and the published chain heads.

Errors (exit 1; ``submit`` refuses to write until they are gone):

- a ledger line is corrupt, out of sequence or breaks the chain (``ledger-*``);
- a file an entry names is missing, a symlink, or differs from its hash (``store-missing``,
  ``store-symlink``, ``store-hash``) — the file as received as well as the stored rows;
- a final-named file that no entry names (``store-unlisted``): a removed or hand-inserted entry,
  since a submission's files only get their final names after its entry is written;
- any other file or a symlink in the store (``store-unexpected``, ``store-symlink``);
- a chain head (or, for older records, a snapshot) recorded in ``reports/published.yaml`` that
  the ledger no longer passes through (``published-head``): entries were removed or rewritten.

Warnings (exit 0): a torn last line or temporary files no entry names (a submit killed before
its commit point; the next submit removes them), a ledger not yet chained (the next submit
seals it), a committed entry whose files still have temporary names and could not be renamed.
Nothing an entry ever named is removed automatically.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kpitrack.core.layout import PUBLISHED_FILE, STORE_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem
from kpitrack.measurements.files import (
    StoreFile,
    rename_to_final,
    scan_store,
    sha256_plain,
    temporary_name,
)
from kpitrack.measurements.ledger import (
    GENESIS,
    LABEL,
    Ledger,
    LedgerEntry,
    parse_record,
    read_ledger,
    snapshot_of,
    store_dir,
)
from kpitrack.measurements.lock import store_lock


@dataclass(frozen=True)
class StoreCheck:
    """What ``kpitrack verify`` found: the store's size, its chain head and every problem."""

    exists: bool
    submissions: int
    rows: int
    snapshot: str  # sha256 of the committed ledger lines
    errors: list[Problem]
    warnings: list[Problem]
    head: str = GENESIS  # sha256 of the last ledger line
    entries: int = 0  # ledger entries of every kind
    chained: bool = True  # False: written before the chain existed, not yet sealed


def verify_store(root: Path) -> StoreCheck:
    """Check the store of the workspace at ``root``: ledger, chain, files, published heads.

    Runs under the store's lock when it can be taken (a read-only store is checked without it),
    and rolls forward a commit whose files still have temporary names.
    """
    store = store_dir(root)
    if store.is_symlink():
        refused = Problem("store-symlink", "the store is a symlink (refused)", STORE_DIR)
        return StoreCheck(True, 0, 0, "", located_problems(root, [refused]), [])
    if not store.exists():
        return StoreCheck(False, 0, 0, snapshot_of(Ledger()), [], [])
    with _lock_if_possible(store) as locked:
        found = scan_store(store)  # before the ledger: a file renamed since is named by then
        ledger = read_ledger(store)
        if locked:
            with contextlib.suppress(OSError):  # then reported as not renamed
                if roll_forward(store, ledger, found):
                    found = scan_store(store)
        return _located(root, inspect_store(Path(root), ledger, found))


def roll_forward(store: Path, ledger: Ledger, found: list[StoreFile] | None = None) -> list[str]:
    """Rename the files of committed entries that still have temporary names (lock held).

    ``found``: the store's files as just scanned. Returns the paths renamed.
    """
    found = scan_store(store) if found is None else found
    present = {item.path for item in found}
    pending = [
        relative
        for entry in ledger.entries
        for relative, _ in entry.files()
        if relative not in present and temporary_name(relative) in present
    ]
    return rename_to_final(store, pending) if pending else []


def inspect_store(
    root: Path, ledger: Ledger | None = None, found: list[StoreFile] | None = None
) -> StoreCheck:
    """The checks themselves, without locking or writing (problems name store-relative files).

    ``ledger`` and ``found``: the ledger and the store's files as just read, by a caller
    holding the lock (scanned before the ledger was read).
    """
    store = store_dir(root)
    if found is None or ledger is None:
        found = scan_store(store)  # before the ledger: a file renamed since is named by then
        ledger = read_ledger(store)
    by_path = {item.path: item for item in found}
    errors = list(ledger.errors)
    warnings: list[Problem] = []
    if ledger.torn:
        warnings.append(_torn_warning())
    if ledger.unchained:
        warnings.append(
            Problem(
                "ledger-unchained",
                f"the ledger's {ledger.unchained} entries were written before entries were "
                "chained: the next submit seals them with a chain-start entry (until then a "
                "removed last entry is only found by its files or a published chain head)",
                LABEL,
                severity="warning",
            )
        )
    named: set[str] = set()
    for entry in ledger.entries:
        for relative, digest in entry.files():
            temporary = temporary_name(relative)
            named.update((relative, temporary))
            item = by_path.get(relative) or by_path.get(temporary)
            _check_named(store, item, relative, digest, entry, errors, warnings)
    recoverable = _torn_entry(ledger)
    for item in found:
        if item.path in named:
            continue
        label = f"{STORE_DIR}/{item.path}"
        if item.symlink:
            errors.append(Problem("store-symlink", "symlinks are refused in the store", label))
        elif item.temporary:
            warnings.append(_leftover(label))
        elif item.seq is not None:
            errors.append(_unlisted(store, label, item.path, item.seq, ledger, recoverable))
        else:
            errors.append(Problem("store-unexpected", "file does not belong in the store", label))
    errors.extend(_published_heads(root, ledger))
    return StoreCheck(
        exists=True,
        submissions=len(ledger.entries),
        rows=sum(entry.rows for entry in ledger.entries),
        snapshot=snapshot_of(ledger),
        errors=errors,
        warnings=warnings,
        head=ledger.head,
        entries=len(ledger.line_hashes),
        chained=not ledger.unchained,
    )


@contextlib.contextmanager
def _lock_if_possible(store: Path) -> Iterator[bool]:
    """Hold the store's lock when the store is writable; yield whether it is held."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(store_lock(store))
        except OSError:  # a read-only store: check it as it is
            locked = False
        else:
            locked = True
        yield locked


def _check_named(
    store: Path,
    item: StoreFile | None,
    relative: str,
    digest: str,
    entry: LedgerEntry,
    errors: list[Problem],
    warnings: list[Problem],
) -> None:
    label = f"{STORE_DIR}/{relative}"
    where = f"submission {entry.seq} ({entry.partner}, {entry.file})"
    actual = sha256_plain(store / item.path) if item is not None and item.regular else None
    if item is None or (item.regular and actual is None):
        errors.append(
            Problem("store-missing", f"{where}: the file the ledger names is missing", label)
        )
    elif actual is None:
        code = "store-symlink" if item.symlink else "store-unexpected"
        errors.append(Problem(code, f"{where}: only plain files belong here", label))
    elif actual != digest:
        errors.append(Problem("store-hash", f"{where}: file differs from its ledger hash", label))
    elif item.temporary:
        warnings.append(
            Problem(
                "store-not-renamed",
                f"{where}: committed, but its file still has its temporary name (a submit was "
                "interrupted after its commit point); the next command that can take the "
                "store's lock renames it",
                label,
                severity="warning",
            )
        )


def _torn_entry(ledger: Ledger) -> LedgerEntry | None:
    """The torn last line when it is a whole submission entry without its newline."""
    if not ledger.torn:
        return None
    try:
        record = parse_record(json.loads(ledger.torn.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, TypeError):
        return None
    return record if isinstance(record, LedgerEntry) else None


def _unlisted(
    store: Path,
    label: str,
    relative: str,
    seq: int,
    ledger: Ledger,
    torn: LedgerEntry | None,
) -> Problem:
    last = ledger.last_seq
    if seq <= last:
        return Problem(
            "store-unlisted",
            f"no ledger entry names this file, yet its number {seq} is at or below the last "
            f"entry ({last}): added by hand, or its entry was replaced",
            label,
        )
    hashes = dict(torn.files()) if torn is not None and torn.seq == seq else {}
    if relative in hashes and sha256_plain(store / relative) == hashes[relative]:
        how = (
            "recoverable: the ledger's last line is its entry without the final newline and the "
            "file matches that entry's hash; add the newline to measurements/ledger.jsonl"
        )
    else:
        how = (
            "the file is kept; restore the entry from git history (git log -p -- "
            "measurements/ledger.jsonl) or, if an older kpitrack was interrupted while storing "
            "it, move the file out of the store"
        )
    return Problem(
        "store-unlisted",
        f"no ledger entry names this file of submission {seq}, after the last entry ({last}): "
        f"a removed ledger entry — {how}; submit refuses to write until the store verifies",
        label,
    )


@dataclass(frozen=True)
class PublishedHead:
    """The store state one published report was built from, and where it is recorded."""

    as_of: str
    chain_head: str | None
    snapshot: str | None
    line: int
    column: int


def published_heads(root: Path) -> tuple[list[PublishedHead], list[Problem]]:
    """Chain heads (and, for records older than the chain, snapshots) of published reports."""
    from kpitrack.definitions.yamlsafe import read_yaml

    path = WorkspaceLayout(Path(root)).published
    if path.is_symlink() or not path.is_file():
        return [], []
    doc, problems = read_yaml(path, display=PUBLISHED_FILE)
    if any(p.severity == "error" for p in problems):
        return [], problems
    heads: list[PublishedHead] = []
    items: Any = doc.data if isinstance(doc.data, list) else []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        line, column = doc.position((index,))
        head, snapshot = item.get("chain_head"), item.get("snapshot")
        heads.append(
            PublishedHead(
                str(item.get("as_of", "?")),
                head if isinstance(head, str) and head else None,
                snapshot if isinstance(snapshot, str) and _is_sha256(snapshot) else None,
                line,
                column,
            )
        )
    return heads, []


def _published_heads(root: Path, ledger: Ledger) -> list[Problem]:
    heads, problems = published_heads(root)
    if problems:
        return [
            replace(p, severity="error", message=f"cannot check published chain heads: {p.message}")
            for p in problems
        ]
    if not heads:
        return []
    in_chain = {GENESIS, *ledger.line_hashes}
    snapshots = ledger.prefix_hashes()
    errors: list[Problem] = []
    for head in heads:
        if head.chain_head is not None and head.chain_head not in in_chain:
            what = f"chain head {head.chain_head}"
        elif head.chain_head is None and head.snapshot is not None:
            if head.snapshot.removeprefix("sha256:") in snapshots:
                continue
            what = f"store snapshot {head.snapshot}"
        else:
            continue
        errors.append(
            Problem(
                "published-head",
                f"the report published as of {head.as_of} was built from {what}, which the "
                "ledger no longer passes through: entries were removed or rewritten since",
                PUBLISHED_FILE,
                head.line,
                head.column,
            )
        )
    return errors


def _is_sha256(text: str) -> bool:
    digest = text.removeprefix("sha256:")
    return len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)


def _located(root: Path, check: StoreCheck) -> StoreCheck:
    """Name files below the workspace given, as the definitions' problems do."""
    return replace(
        check,
        errors=located_problems(root, check.errors),
        warnings=located_problems(root, check.warnings),
    )


def located_problems(root: Path, problems: list[Problem]) -> list[Problem]:
    """Problems with workspace-relative files named below ``root``."""
    return [
        replace(p, file=str(Path(root) / p.file))
        if p.file and not Path(p.file).is_absolute()
        else p
        for p in problems
    ]


def _torn_warning() -> Problem:
    return Problem(
        "ledger-torn",
        "the last ledger line is incomplete (a submit interrupted before its commit point); it "
        "is not part of the store and the next submit removes it",
        LABEL,
        severity="warning",
    )


def _leftover(label: str) -> Problem:
    return Problem(
        "store-leftover",
        "a temporary file no ledger entry names (a submit interrupted before its commit point); "
        "not part of the store, the next submit removes it",
        label,
        severity="warning",
    )
