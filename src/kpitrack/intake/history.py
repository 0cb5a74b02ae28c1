"""The history a clerk asks for: every submission, review and withdrawal, from the ledger.

``kpitrack log`` prints it and the portal shows it (a partner its own part): each submission
with when, who (partner and pseudonymous person id), the file, its rows, the figures it revised
(old → new) and withdrew (status ``M``), and the office's review decisions on it.

Revisions are told as they were when the submission arrived: the old value is the figure that
counted for the same key just before it — so a submission the office had returned by then is
skipped, as the store skips it (design §4). The stored rows are read through the ledger only,
in one pass; no web and no names in here (names live in ``.kpitrack/``, above this floor).
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kpitrack.intake.contents import stored_breakdown, stored_number
from kpitrack.measurements.files import read_named
from kpitrack.measurements.ledger import Ledger, LedgerEntry, ReviewEntry, read_ledger, store_dir
from kpitrack.measurements.model import Breakdown
from kpitrack.measurements.rows import STORED_COLUMNS
from kpitrack.measurements.validate import unescape_text

Key = tuple[str, str, Breakdown]


@dataclass(frozen=True, slots=True)
class Revision:
    """A stored figure replaced by a later submission: old → new (None: no value, status M)."""

    indicator: str
    period: str
    breakdown: Breakdown
    old: float | None
    new: float | None
    replaced_submission: int
    old_status: str = "A"
    new_status: str = "A"

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_status != self.new_status


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """A figure withdrawn (status ``M``, no value) with its note and the value it replaced."""

    indicator: str
    period: str
    breakdown: Breakdown
    note: str
    old: float | None  # the value that counted before; None when there was none
    replaced_submission: int | None


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    """One decision of the programme office on a submission."""

    seq: int  # the review's own ledger entry
    submission: int
    decision: str  # "approve" | "return"
    person: str
    recorded: str  # UTC, ISO 8601
    reason: str | None

    @property
    def returned(self) -> bool:
        return self.decision == "return"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One stored submission as the ledger records it, with what it changed and its reviews."""

    seq: int
    partner: str
    kind: str  # "measurements" | "actions"
    received: str  # UTC, ISO 8601
    file: str
    rows: int
    received_path: str  # below measurements/
    person: str | None  # pseudonymous person id; None: not through the portal
    revisions: tuple[Revision, ...]
    withdrawals: tuple[Withdrawal, ...] = ()
    reviews: tuple[ReviewDecision, ...] = ()  # in ledger order; the last is in force
    on_behalf: bool = False  # uploaded by the programme office for the partner
    indicators: tuple[str, ...] = ()
    resubmitted: bool = False  # the partner submitted again (same kind) after the last decision
    data: str = ""  # the stored rows, below measurements/

    @property
    def review(self) -> ReviewDecision | None:
        """The decision in force (the latest), or None when nobody reviewed it."""
        return self.reviews[-1] if self.reviews else None

    @property
    def returned(self) -> bool:
        """Returned by the office: its figures do not count."""
        return self.review is not None and self.review.returned

    @property
    def approved(self) -> bool:
        return self.review is not None and not self.review.returned


@dataclass
class _Figures:
    """Per key, every counting contribution so far: (submission, value, status)."""

    stacks: dict[Key, list[tuple[int, float | None, str]]] = field(default_factory=dict)
    returned: set[int] = field(default_factory=set)

    def current(self, key: Key) -> tuple[int, float | None, str] | None:
        for item in reversed(self.stacks.get(key, ())):
            if item[0] not in self.returned:
                return item
        return None


def submission_history(
    root: Path,
    *,
    partner: str | None = None,
    indicator: str | None = None,
    people: Mapping[int, str] | None = None,
    on_behalf: Collection[int] = (),
    ledger: Ledger | None = None,
    builder: HistoryBuilder | None = None,
) -> list[HistoryEntry]:
    """Every stored submission (of ``partner``; holding ``indicator``), newest first.

    ``people`` maps sequence numbers to the person ids the portal recorded before the ledger
    named them (a ledger entry that names its person takes precedence); ``on_behalf`` holds the
    submissions the programme office uploaded for a partner. With ``indicator`` only that
    indicator's revisions and withdrawals are listed. ``builder`` keeps what was read before
    (the portal's), so only new ledger entries are read.
    """
    everything = (builder or HistoryBuilder(root)).entries(ledger)
    people = people or {}
    result: list[HistoryEntry] = []
    for entry in everything:
        if partner is not None and entry.partner != partner:
            continue
        if indicator is not None and indicator not in entry.indicators:
            continue
        shown = _only(entry, indicator) if indicator is not None else entry
        person = shown.person or people.get(shown.seq)
        behalf = shown.seq in on_behalf
        if person != shown.person or behalf != shown.on_behalf:
            shown = _with(shown, person=person, on_behalf=behalf)
        result.append(shown)
    return result


class HistoryBuilder:
    """The history of one store, read once and brought up to date as the ledger grows.

    The ledger only grows at its end, so what its earlier lines said stays true: the stored
    rows of a submission are read once. When the lines read before are no longer the ledger's
    first lines (a store repaired, replaced), everything is read again.
    """

    def __init__(self, root: Path) -> None:
        self.store = store_dir(Path(root))
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self._hashes: list[str] = []
        self._records = 0
        self._figures = _Figures()
        self._reviews: dict[int, list[ReviewDecision]] = {}
        self._found: list[HistoryEntry] = []

    def entries(self, ledger: Ledger | None = None) -> list[HistoryEntry]:
        """Every submission with its reviews, newest first (no ``people`` applied)."""
        ledger = ledger if ledger is not None else read_ledger(self.store)
        with self._lock:
            if ledger.line_hashes[: len(self._hashes)] != self._hashes or (
                len(ledger.records) < self._records
            ):
                self._reset()
            for record in ledger.records[self._records :]:
                self._add(record)
            self._records = len(ledger.records)
            self._hashes = list(ledger.line_hashes)
            return self._finished()

    def _add(self, record: object) -> None:
        if isinstance(record, ReviewEntry):
            decision = ReviewDecision(
                record.seq,
                record.submission,
                record.decision,
                record.person,
                record.recorded,
                record.reason,
            )
            self._reviews.setdefault(record.submission, []).append(decision)
            if decision.returned:
                self._figures.returned.add(record.submission)
            else:
                self._figures.returned.discard(record.submission)
        elif isinstance(record, LedgerEntry):
            self._found.append(_entry(self.store, record, self._figures))

    def _finished(self) -> list[HistoryEntry]:
        newest: dict[tuple[str, str], int] = {}
        result: list[HistoryEntry] = []
        for entry in reversed(self._found):  # newest first: the first seen is the newest
            newest.setdefault((entry.partner, entry.kind), entry.seq)
            reviews = tuple(self._reviews.get(entry.seq, ()))
            # Submitted again: a later file of the partner, of the same kind, after the decision.
            since = reviews[-1].seq if reviews else entry.seq
            resubmitted = newest[(entry.partner, entry.kind)] > since
            if reviews or resubmitted:
                entry = _with(entry, reviews=reviews, resubmitted=resubmitted)
            result.append(entry)
        return result


def log_document(programme: str, entries: list[HistoryEntry]) -> dict[str, Any]:
    """``kpitrack log --format json``: submissions and reviews in ledger order."""
    events: list[tuple[int, dict[str, Any]]] = []
    for entry in entries:
        events.append((entry.seq, _submission_json(entry)))
        for review in entry.reviews:
            events.append((review.seq, _review_json(review, entry.partner)))
    return {"programme": programme, "entries": [event for _, event in sorted(events)]}


def _entry(store: Path, record: LedgerEntry, figures: _Figures) -> HistoryEntry:
    revisions: list[Revision] = []
    withdrawals: list[Withdrawal] = []
    indicators: dict[str, None] = {}
    for key, value, status, note in _stored_rows(store, record):
        indicators[key[0]] = None
        before = figures.current(key)
        if before is not None:
            revisions.append(
                Revision(*key, before[1], value, before[0], old_status=before[2], new_status=status)
            )
        if status == "M":
            withdrawals.append(
                Withdrawal(*key, note, before[1] if before else None, before[0] if before else None)
            )
        figures.stacks.setdefault(key, []).append((record.seq, value, status))
    return HistoryEntry(
        seq=record.seq,
        partner=record.partner,
        kind=record.kind,
        received=record.received,
        file=record.file,
        rows=record.rows,
        received_path=record.received_path,
        data=record.data,
        person=record.person,
        revisions=tuple(revisions),
        withdrawals=tuple(withdrawals),
        indicators=tuple(sorted(indicators)),
    )


def _stored_rows(store: Path, record: LedgerEntry) -> list[tuple[Key, float | None, str, str]]:
    """(key, value, obs status, note) of each stored row of a measurements submission."""
    if record.kind != "measurements":
        return []
    found = read_named(store, record.data)
    if found is None:  # verify reports it; the history tells what it can
        return []
    reader = csv.reader(io.StringIO(found[0].decode("utf-8", "replace"), newline=""))
    if tuple(next(reader, ())) != STORED_COLUMNS:
        return []
    rows: list[tuple[Key, float | None, str, str]] = []
    for cells in reader:
        if len(cells) != len(STORED_COLUMNS):
            continue
        value = stored_number(cells[4])
        rows.append(
            (
                (cells[1], cells[2], stored_breakdown(cells[3])),
                value,
                cells[5],
                unescape_text(cells[8]),
            )
        )
    return rows


def _only(entry: HistoryEntry, indicator: str) -> HistoryEntry:
    return _with(
        entry,
        revisions=tuple(r for r in entry.revisions if r.indicator == indicator),
        withdrawals=tuple(w for w in entry.withdrawals if w.indicator == indicator),
    )


def _with(entry: HistoryEntry, **changes: Any) -> HistoryEntry:
    from dataclasses import replace

    return replace(entry, **changes)


def _submission_json(entry: HistoryEntry) -> dict[str, Any]:
    review = entry.review
    return {
        "seq": entry.seq,
        "event": "submission",
        "partner": entry.partner,
        "kind": entry.kind,
        "received": entry.received,
        "file": entry.file,
        "rows": entry.rows,
        "person": entry.person,
        "on_behalf": entry.on_behalf,
        "review": None if review is None else review.decision,
        "revisions": [
            {
                "indicator": r.indicator,
                "period": r.period,
                "breakdown": dict(r.breakdown),
                "old": r.old,
                "new": r.new,
                "old_status": r.old_status,
                "new_status": r.new_status,
                "replaced_submission": r.replaced_submission,
            }
            for r in entry.revisions
        ],
        "withdrawals": [
            {
                "indicator": w.indicator,
                "period": w.period,
                "breakdown": dict(w.breakdown),
                "note": w.note,
                "old": w.old,
                "replaced_submission": w.replaced_submission,
            }
            for w in entry.withdrawals
        ],
    }


def _review_json(review: ReviewDecision, partner: str) -> dict[str, Any]:
    return {
        "seq": review.seq,
        "event": "review",
        "submission": review.submission,
        "partner": partner,
        "decision": review.decision,
        "person": review.person,
        "recorded": review.recorded,
        "reason": review.reason,
    }
