"""What several pages show, built once per change of the workspace (see ``Checkout.derived``).

The history of every submission and the reporting calendar's lists read the whole store; the
office's overview with 50 partners asked for them on every request. They are kept until the
definitions or the ledger change. What lives in ``.kpitrack/`` (who uploaded, names) is read
per request: it is small, and it changes without the ledger changing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.erasure import ERASED, person_names
from kpitrack.accounts.uploads import on_behalf, uploaders
from kpitrack.intake.history import HistoryEntry
from kpitrack.portal.web import Visit
from kpitrack.progress.due import DueList, PartnerExpected, due_list, expected_overview


def history(visit: Visit, partner: str | None = None) -> list[HistoryEntry]:
    """Every stored submission (of ``partner``), newest first, with who uploaded it."""
    checkout = visit.checkout
    everything = checkout.derived(("history",), lambda _: checkout.history.entries())
    with open_accounts(visit.config.root) as db:
        people, behalf = uploaders(db), on_behalf(db)
    return [
        _who(entry, people, behalf)
        for entry in everything
        if partner is None or entry.partner == partner
    ]


def due(visit: Visit, as_of: date) -> DueList:
    """What every partner still owes at ``as_of``."""
    return visit.checkout.derived(("due", as_of), lambda w: due_list(w, as_of))


def expected(visit: Visit, as_of: date) -> list[PartnerExpected]:
    """The office's expected-against-delivered overview at ``as_of``."""
    return visit.checkout.derived(("expected", as_of), lambda w: expected_overview(w, as_of))


def names(visit: Visit) -> dict[str, str]:
    """Person id → name, for the people the visitor may know: their own partner's, or all."""
    with open_accounts(visit.config.root) as db:
        found = person_names(db, None if visit.person.is_office else visit.person.partner)
    erased = visit._("erased person")
    return {person: erased if name == ERASED else name for person, name in found.items()}


def _who(entry: HistoryEntry, people: dict[int, str], behalf: set[int]) -> HistoryEntry:
    person = entry.person or people.get(entry.seq)
    flagged = entry.seq in behalf
    if person == entry.person and flagged == entry.on_behalf:
        return entry
    return replace(entry, person=person, on_behalf=flagged)
