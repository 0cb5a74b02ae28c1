"""The part of the store a report uses: the whole ledger, or a prefix of it.

Ledger entries are chained in the order they were written, so "every submission received up to
a date" (``report --received-by``) and "the store as it was when a report was published"
(``report --reproduce``, by the recorded chain head) are both a prefix of the ledger: its first
N lines. A :class:`StoreCut` names that prefix by its last entry, its chain head and its
snapshot hash, and tells when its last entry was written (the report's preparation date is
derived from it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kpitrack.core.dates import local_day, parse_timestamp
from kpitrack.core.errors import ReportError
from kpitrack.measurements.ledger import GENESIS, Ledger, LedgerEntry, read_ledger, store_dir


@dataclass(frozen=True, slots=True)
class StoreCut:
    """A prefix of the store's ledger: what one report was (or is) built from."""

    last_seq: int
    """Entries included: the ledger's first ``last_seq`` lines (0: none)."""
    chain_head: str
    """sha256 of the last line included (of nothing when none is)."""
    snapshot: str
    """sha256 of the lines included (the published record's ``snapshot``)."""
    last_time: datetime | None
    """When the last entry included was received or recorded; None when none is."""
    received_by: date | None = None
    """The ``--received-by`` date the cut was made for; None for the whole store."""
    whole: bool = True
    """The cut is the whole ledger."""

    @property
    def last_day(self) -> date | None:
        """The day (Europe/Amsterdam) the last entry included was received or recorded."""
        return local_day(self.last_time) if self.last_time is not None else None


def whole_store(root: Path) -> StoreCut:
    """The whole ledger."""
    ledger = read_ledger(store_dir(root))
    return _cut(ledger, len(ledger.line_hashes), None)


def received_by(root: Path, day: date) -> StoreCut:
    """Every entry up to the first one received (or recorded) after ``day``, Europe/Amsterdam."""
    ledger = read_ledger(store_dir(root))
    count = 0
    for record in ledger.records:
        moment = parse_timestamp(_time_of(record))
        if moment is None or local_day(moment) > day:
            break
        count += 1
    return _cut(ledger, count, day)


def at_chain_head(root: Path, head: str | None, snapshot: str) -> StoreCut:
    """The prefix whose last line hashes to ``head`` (or, for a record written before the chain
    existed, whose lines hash to ``snapshot``); :class:`ReportError` when the ledger has none."""
    ledger = read_ledger(store_dir(root))
    if head is not None:
        if head == GENESIS:
            return _cut(ledger, 0, None)
        for index, line_hash in enumerate(ledger.line_hashes, start=1):
            if line_hash == head:
                return _cut(ledger, index, None)
    else:
        digest = hashlib.sha256()
        if digest.hexdigest() == snapshot:
            return _cut(ledger, 0, None)
        for index, line in enumerate(ledger.committed.splitlines(keepends=True), start=1):
            digest.update(line)
            if digest.hexdigest() == snapshot:
                return _cut(ledger, index, None)
    raise ReportError(
        "cannot reproduce the report: the store's ledger no longer passes through the state it "
        "was published from (run kpitrack verify)"
    )


def _cut(ledger: Ledger, count: int, day: date | None) -> StoreCut:
    lines = ledger.committed.splitlines(keepends=True)[:count]
    records = ledger.records[:count]
    last = parse_timestamp(_time_of(records[-1])) if records else None
    return StoreCut(
        last_seq=count,
        chain_head=ledger.line_hashes[count - 1] if count else GENESIS,
        snapshot=hashlib.sha256(b"".join(lines)).hexdigest(),
        last_time=last,
        received_by=day,
        whole=count == len(ledger.line_hashes),
    )


def _time_of(record: object) -> str:
    if isinstance(record, LedgerEntry):
        return record.received
    return str(getattr(record, "recorded", ""))
