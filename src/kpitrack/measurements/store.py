"""Reading and verifying the append-only measurement store (design §4).

Readers and ``verify`` use only what the ledger names (see :mod:`ledger` for the layout and
:mod:`commit` for how a submission is written).
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, replace
from pathlib import Path

from kpitrack.core.layout import STORE_DIR
from kpitrack.core.periods import parse_period
from kpitrack.core.problems import Problem
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.actions import STORED_ACTION_COLUMNS, action_owners
from kpitrack.measurements.ledger import (
    Ledger,
    LedgerEntry,
    read_ledger,
    scan_store,
    sha256_file,
    snapshot_of,
    store_dir,
)
from kpitrack.measurements.model import ActionUpdate, Breakdown, Observation, Provenance
from kpitrack.measurements.rows import STORED_COLUMNS
from kpitrack.measurements.validate import unescape_text


@dataclass(frozen=True)
class StoreContents:
    """What the store holds for the current definitions, and the problems found reading it."""

    observations: list[Observation]
    updates: list[ActionUpdate]
    problems: list[Problem]


def read_store(root: Path, programme: Programme, indicators: dict[str, Indicator]) -> StoreContents:
    """All stored observations and action updates in submission order, revisions resolved.

    A later submission of the same (indicator, period, breakdown) carries ``revised_from`` and
    ``revision_of``; every observation is returned (the engine picks the newest per key). A
    stored row that no longer fits the definitions is left out with a warning.
    """
    store = store_dir(root)
    ledger = read_ledger(store)
    problems = list(ledger.errors)
    observations: list[Observation] = []
    updates: list[ActionUpdate] = []
    if ledger.torn:
        problems.append(_torn_warning())
    latest: dict[tuple[str, str, Breakdown], tuple[float | None, int]] = {}
    owners = action_owners(programme)
    for entry in ledger.entries:
        rows = _read_data(store, entry, problems)
        if rows is None:
            continue
        label = f"{STORE_DIR}/{entry.data}"
        for line, cells in enumerate(rows, start=2):
            record = dict(zip(rows_header(entry.kind), cells, strict=True))
            provenance = Provenance(
                entry.seq, entry.partner, entry.received, entry.file, int(record["row"])
            )
            if entry.kind == "actions":
                if record["action"] not in owners:
                    problems.append(
                        _stale(label, line, f"action {record['action']} is no longer defined")
                    )
                    continue
                updates.append(
                    ActionUpdate(
                        record["action"],
                        record["date"],
                        record["status"],  # type: ignore[arg-type]
                        unescape_text(record["note"]),
                        provenance,
                    )
                )
                continue
            observation = _observation(record, provenance, programme, indicators, label, line)
            if isinstance(observation, Problem):
                problems.append(observation)
                continue
            earlier = latest.get(observation.key)
            if earlier is not None and earlier[1] != entry.seq:
                observation = _revised(observation, earlier)
            latest[observation.key] = (observation.value, entry.seq)
            observations.append(observation)
    return StoreContents(observations, updates, _located(root, problems))


@dataclass(frozen=True)
class StoreCheck:
    """What ``kpitrack verify`` found: the store's size and every problem of it."""

    exists: bool
    submissions: int
    rows: int
    snapshot: str  # sha256 of the committed ledger lines
    errors: list[Problem]
    warnings: list[Problem]


def verify_store(root: Path) -> StoreCheck:
    """Check the store of the workspace at ``root`` against its ledger."""
    store = store_dir(root)
    if store.is_symlink():
        refused = Problem("store-symlink", "the store is a symlink (refused)", STORE_DIR)
        return StoreCheck(True, 0, 0, "", _located(root, [refused]), [])
    if not store.exists():
        return StoreCheck(False, 0, 0, snapshot_of(Ledger()), [], [])
    ledger = read_ledger(store)
    errors = list(ledger.errors)
    warnings: list[Problem] = [_torn_warning()] if ledger.torn else []
    named: set[str] = set()
    rows = 0
    for entry in ledger.entries:
        rows += entry.rows
        for relative, digest in (
            (entry.data, entry.sha256_data),
            (entry.received_path, entry.sha256_received),
        ):
            named.add(relative)
            errors.extend(_check_named(store, relative, digest, entry))
    for found in scan_store(store):
        label = f"{STORE_DIR}/{found.path}"
        if found.symlink:
            errors.append(Problem("store-symlink", "symlinks are refused in the store", label))
        elif found.path in named or (store / found.path).is_dir():
            continue
        elif found.temporary:
            warnings.append(_leftover(label, "a temporary file"))
        elif found.seq is not None and found.seq > ledger.last_seq:
            warnings.append(_leftover(label, f"submission {found.seq}, after the last entry"))
        elif found.seq is not None:
            errors.append(
                Problem(
                    "store-unlisted",
                    f"no ledger entry names this file, yet its number {found.seq} is at or "
                    f"below the last entry ({ledger.last_seq}): added by hand?",
                    label,
                )
            )
        else:
            errors.append(Problem("store-unexpected", "file does not belong in the store", label))
    return StoreCheck(
        exists=True,
        submissions=len(ledger.entries),
        rows=rows,
        snapshot=snapshot_of(ledger),
        errors=_located(root, errors),
        warnings=_located(root, warnings),
    )


def _located(root: Path, problems: list[Problem]) -> list[Problem]:
    """Name store files as the definitions' problems name theirs: below the workspace given."""
    return [
        replace(p, file=str(root / p.file)) if p.file and not Path(p.file).is_absolute() else p
        for p in problems
    ]


def snapshot_hash(root: Path) -> str:
    """sha256 of the ledger's committed lines: identifies the data a report was built from.

    An empty store has the hash of no lines (sha256 of b"", ``e3b0c442…``).
    """
    return snapshot_of(read_ledger(store_dir(root)))


def rows_header(kind: str) -> tuple[str, ...]:
    """Columns of a stored data file of this kind."""
    return STORED_ACTION_COLUMNS if kind == "actions" else STORED_COLUMNS


def _read_data(store: Path, entry: LedgerEntry, problems: list[Problem]) -> list[list[str]] | None:
    label = f"{STORE_DIR}/{entry.data}"
    path = store / entry.data
    if path.is_symlink() or not path.is_file():
        problems.append(Problem("store-missing", "data file named by the ledger is missing", label))
        return None
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != entry.sha256_data:
        problems.append(Problem("store-hash", "data file differs from its ledger hash", label))
        return None
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    if not rows or tuple(rows[0]) != rows_header(entry.kind):
        problems.append(Problem("store-format", "data file has an unexpected header", label, 1))
        return None
    return rows[1:]


def _observation(
    record: dict[str, str],
    provenance: Provenance,
    programme: Programme,
    indicators: dict[str, Indicator],
    label: str,
    line: int,
) -> Observation | Problem:
    indicator = indicators.get(record["indicator"])
    if indicator is None:
        return _stale(label, line, f"indicator {record['indicator']} is no longer defined")
    if parse_period(record["period"]).frequency != indicator.frequency:
        return _stale(label, line, f"{indicator.id} is now reported per {indicator.frequency}")
    pairs = [tuple(part.split("=", 1)) for part in record["breakdown"].split(";") if part]
    breakdown: Breakdown = tuple(sorted((dim, code) for dim, code in pairs))
    for dim, code in breakdown:
        codelist = programme.codelists.get(dim)
        if dim not in indicator.dimensions or codelist is None or code not in codelist.codes:
            return _stale(label, line, f"breakdown {dim}={code} no longer fits {indicator.id}")
    return Observation(
        indicator=indicator.id,
        period=record["period"],
        breakdown=breakdown,
        value=float(record["value"]) if record["value"] else None,
        obs_status=record["obs_status"],  # type: ignore[arg-type]
        lower=float(record["lower"]) if record["lower"] else None,
        upper=float(record["upper"]) if record["upper"] else None,
        note=unescape_text(record["note"]),
        provenance=provenance,
    )


def _revised(observation: Observation, earlier: tuple[float | None, int]) -> Observation:
    return replace(observation, revised_from=earlier[0], revision_of=earlier[1])


def _check_named(store: Path, relative: str, digest: str, entry: LedgerEntry) -> list[Problem]:
    label = f"{STORE_DIR}/{relative}"
    path = store / relative
    where = f"submission {entry.seq} ({entry.partner}, {entry.file})"
    if path.is_symlink():
        return [Problem("store-symlink", f"{where}: symlinks are refused in the store", label)]
    if not path.is_file():
        return [Problem("store-missing", f"{where}: file named by the ledger is missing", label)]
    if sha256_file(path) != digest:
        return [Problem("store-hash", f"{where}: file differs from its ledger hash", label)]
    return []


def _torn_warning() -> Problem:
    return Problem(
        "ledger-torn",
        "the last ledger line is incomplete (an interrupted submit); it is not part of the "
        "store and the next submit removes it",
        f"{STORE_DIR}/ledger.jsonl",
        severity="warning",
    )


def _leftover(label: str, what: str) -> Problem:
    return Problem(
        "store-leftover",
        f"{what} left by an interrupted submit; not part of the store, the next submit removes it",
        label,
        severity="warning",
    )


def _stale(label: str, line: int, message: str) -> Problem:
    return Problem(
        "stored-row-stale",
        f"{message}; the stored row is left out",
        label,
        line,
        severity="warning",
    )


def stored_keys(root: Path, ledger: Ledger | None = None) -> set[str]:
    """Keys (indicator, period, breakdown as in a data file) of every stored observation."""
    store = store_dir(root)
    ledger = ledger or read_ledger(store)
    keys: set[str] = set()
    for entry in ledger.entries:
        path = store / entry.data
        if entry.kind != "measurements" or path.is_symlink() or not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader, None)
            keys.update(f"{cells[1]}\x1f{cells[2]}\x1f{cells[3]}" for cells in reader)
    return keys
