"""Reading the append-only measurement store (design §4).

Readers use only what the ledger names (see :mod:`ledger` for the entries, :mod:`commit` for how
a submission is written, :mod:`verify` for the checks). No stored data can make a reader fail:
a file that is missing or differs from its hash, or a row that cannot be used, is a located
problem naming the submission and the file.

Stored data files are CSV (UTF-8, ``\n`` line ends) with a header naming their columns:

- measurements: ``row,indicator,period,breakdown,value,obs_status,lower,upper,note,source``
  (:data:`~kpitrack.measurements.rows.STORED_COLUMNS`); files stored before the ``source``
  column existed have the same columns without it and are read as they are, their figures
  without a source. A file is never rewritten to the newer format: its hash is in the ledger.
- actions: ``row,action,date,status,note``.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from kpitrack.core.errors import StoreBusy
from kpitrack.core.layout import STORE_DIR
from kpitrack.core.problems import Problem
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.actions import STORED_ACTION_COLUMNS
from kpitrack.measurements.figures import StoredFigure, stored_figures, stored_keys
from kpitrack.measurements.files import read_named
from kpitrack.measurements.ledger import (
    LedgerEntry,
    ReviewEntry,
    read_ledger,
    snapshot_of,
    store_dir,
)
from kpitrack.measurements.lock import store_lock
from kpitrack.measurements.model import (
    ActionUpdate,
    Observation,
)
from kpitrack.measurements.rows import STORED_COLUMNS, STORED_COLUMNS_WITHOUT_SOURCE
from kpitrack.measurements.store_rows import RowReader
from kpitrack.measurements.verify import StoreCheck, located_problems, roll_forward, verify_store

__all__ = [
    "StoreCheck",
    "StoreContents",
    "StoreReader",
    "StoredFigure",
    "read_store",
    "snapshot_hash",
    "stored_figures",
    "stored_keys",
    "verify_store",
]


@dataclass(frozen=True)
class StoreContents:
    """What the store holds for the current definitions, and the problems found reading it."""

    observations: list[Observation]
    updates: list[ActionUpdate]
    problems: list[Problem]


def read_store(
    root: Path,
    programme: Programme,
    indicators: dict[str, Indicator],
    up_to: int | None = None,
) -> StoreContents:
    """All stored observations and action updates in submission order, revisions resolved.

    The figures and updates of a submission the programme office returned are left out, as if
    never submitted, until it approves it after all; every observation carries its review
    state (:attr:`Observation.approved`). A later submission of the same (indicator, period,
    breakdown) carries ``revised_from`` and ``revision_of``; every observation is returned
    (the engine picks the newest per key). A stored row that no longer fits the definitions is
    left out with a warning. A stored number that is not finite or beyond the bound
    (:data:`~kpitrack.core.numbers.MAX_MAGNITUDE`, written by an older version) is an error
    naming the submission until a later submission corrects its figure, then a warning.

    ``up_to`` reads the store as it was after the ledger's first ``up_to`` entries: only the
    submissions and review decisions recorded by then count.
    """
    return StoreReader(root, programme, indicators, up_to).read()


class StoreReader:
    """:func:`read_store` that keeps what it read: reading again reads only what is new.

    The portal keeps one (its checkout is the store's one writer): a submission appended to
    the ledger is read alone, on top of the figures read before, so its revisions resolve as
    in a whole read. Anything else — a review decision (it may change which earlier figures
    count), a ledger whose earlier lines are not those read, a ledger with problems — reads the
    whole store again. Same ledger, same contents as :func:`read_store`.
    """

    def __init__(
        self,
        root: Path,
        programme: Programme,
        indicators: dict[str, Indicator],
        up_to: int | None = None,
    ):
        self.root = Path(root)
        self.programme = programme
        self.indicators = indicators
        self.up_to = up_to
        self._reset()

    def _reset(self) -> None:
        self._reader = RowReader(self.programme, self.indicators)
        self._hashes: list[str] = []
        self._records = 0

    def read(self) -> StoreContents:
        """The store's contents now (see :func:`read_store`)."""
        store = store_dir(self.root)
        ledger = read_ledger(store)
        if self.up_to is not None:
            ledger = ledger.up_to(self.up_to)
        new = ledger.records[self._records :]
        if (
            ledger.errors
            or ledger.line_hashes[: len(self._hashes)] != self._hashes
            or len(ledger.records) < self._records
            or any(isinstance(record, ReviewEntry) for record in new)
        ):
            self._reset()
            new = ledger.records
        decisions = ledger.decisions()
        required = self.programme.reporting.review == "required"
        unfinished = False  # a committed data file still has its temporary name
        for entry in (record for record in new if isinstance(record, LedgerEntry)):
            rows = _read_data(store, entry, self._reader.problems)
            if rows is None:
                continue
            unfinished = unfinished or rows[2]
            decision = decisions.get(entry.seq)
            if decision is not None and decision.decision == "return":
                continue  # returned by the office: its figures stop counting (design §4)
            approved = True if decision is not None else (False if required else None)
            self._reader.add(entry, rows[1], rows[0], approved)
        self._hashes = list(ledger.line_hashes)
        self._records = len(ledger.records)
        if unfinished:
            _roll_forward(store)
        problems = [*ledger.errors]
        if ledger.torn:
            problems.append(
                Problem(
                    "ledger-torn",
                    "the last ledger line is incomplete (an interrupted submit); it is not part "
                    "of the store and the next submit removes it",
                    f"{STORE_DIR}/ledger.jsonl",
                    severity="warning",
                )
            )
        contents = StoreContents(
            list(self._reader.observations),
            list(self._reader.updates),
            located_problems(self.root, [*problems, *self._reader.finish()]),
        )
        if any(p.severity == "error" for p in contents.problems):
            self._reset()  # a store with errors is read whole again: it may have been repaired
        return contents


def _roll_forward(store: Path) -> None:
    """Finish an interrupted commit when the lock is free; readers manage without it."""
    with contextlib.suppress(StoreBusy, OSError), store_lock(store, wait=0):
        roll_forward(store, read_ledger(store))


def snapshot_hash(root: Path) -> str:
    """sha256 of the ledger's committed lines: identifies the data a report was built from.

    An empty store has the hash of no lines (sha256 of b"", ``e3b0c442…``).
    """
    return snapshot_of(read_ledger(store_dir(root)))


def chain_head(root: Path) -> str:
    """The store's chain head: sha256 of the last ledger line (of nothing when empty)."""
    return read_ledger(store_dir(root)).head


def rows_header(kind: str) -> tuple[str, ...]:
    """Columns of a stored data file of this kind, as written today."""
    return STORED_ACTION_COLUMNS if kind == "actions" else STORED_COLUMNS


def rows_headers(kind: str) -> tuple[tuple[str, ...], ...]:
    """Every header a stored data file of this kind may have (today's first)."""
    if kind == "actions":
        return (STORED_ACTION_COLUMNS,)
    return (STORED_COLUMNS, STORED_COLUMNS_WITHOUT_SOURCE)


def _read_data(
    store: Path, entry: LedgerEntry, problems: list[Problem]
) -> tuple[list[list[str]], tuple[str, ...], bool] | None:
    """The stored rows of an entry, their header, and whether they were read under the
    temporary name."""
    label = f"{STORE_DIR}/{entry.data}"
    where = f"submission {entry.seq} ({entry.partner}, {entry.file})"
    found = read_named(store, entry.data)
    if found is None:
        problems.append(
            Problem("store-missing", f"{where}: data file named by the ledger is missing", label)
        )
        return None
    content, temporary = found
    if hashlib.sha256(content).hexdigest() != entry.sha256_data:
        problems.append(
            Problem("store-hash", f"{where}: data file differs from its ledger hash", label)
        )
        return None
    try:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        rows = []
    if not rows or tuple(rows[0]) not in rows_headers(entry.kind):
        problems.append(
            Problem("store-format", f"{where}: data file has an unexpected header", label, 1)
        )
        return None
    return rows[1:], tuple(rows[0]), temporary
