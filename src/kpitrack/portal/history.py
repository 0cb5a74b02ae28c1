"""The submission history: each stored submission with when, by whom, rows and revisions.

A library function with no web in it: the portal shows it, and ``kpitrack log`` (design §7) is
meant to print the same list. Revisions are the stored figures a submission replaced, old value
→ new value, as the store resolves them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kpitrack.measurements.ledger import read_ledger, store_dir
from kpitrack.measurements.model import Breakdown
from kpitrack.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Revision:
    """A stored figure replaced by a later submission."""

    indicator: str
    period: str
    breakdown: Breakdown
    old: float | None
    new: float | None
    replaced_submission: int


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One stored submission as the ledger records it, with the figures it revised."""

    seq: int
    partner: str
    kind: str  # "measurements" | "actions"
    received: str  # UTC, ISO 8601
    file: str
    rows: int
    received_path: str  # below measurements/
    person: str | None  # pseudonymous person id; None: not through the portal
    revisions: tuple[Revision, ...]


def submission_history(
    workspace: Workspace,
    *,
    partner: str | None = None,
    people: dict[int, str] | None = None,
) -> list[HistoryEntry]:
    """Every stored submission (of ``partner``, if given), newest first.

    ``people`` maps sequence numbers to the person ids the portal recorded; a ledger entry that
    names its person itself takes precedence.
    """
    ledger = read_ledger(store_dir(workspace.root))
    revised: dict[int, list[Revision]] = defaultdict(list)
    for observation in workspace.observations():
        if observation.revision_of is not None:
            revised[observation.provenance.submission].append(
                Revision(
                    observation.indicator,
                    observation.period,
                    observation.breakdown,
                    observation.revised_from,
                    observation.value,
                    observation.revision_of,
                )
            )
    people = people or {}
    entries = [
        HistoryEntry(
            seq=entry.seq,
            partner=entry.partner,
            kind=entry.kind,
            received=entry.received,
            file=entry.file,
            rows=entry.rows,
            received_path=entry.received_path,
            person=getattr(entry, "person", None) or people.get(entry.seq),
            revisions=tuple(revised.get(entry.seq, ())),
        )
        for entry in ledger.entries
        if partner is None or entry.partner == partner
    ]
    return sorted(entries, key=lambda e: e.seq, reverse=True)
