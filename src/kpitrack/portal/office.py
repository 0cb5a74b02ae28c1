"""The programme office's pages: every partner, its people and its submissions at a glance.

The office's review (approve or return a submission with a reason) and the overview of expected
against delivered figures by the reporting calendar come in a second step, when the store
records review decisions; :data:`kpitrack.portal.navigation` gets their entries then.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import list_people
from kpitrack.accounts.uploads import uploaders
from kpitrack.definitions.models import Partner
from kpitrack.portal.history import HistoryEntry, submission_history
from kpitrack.portal.web import Visit, page
from kpitrack.workspace import Workspace

RECENT = 10


@dataclass(frozen=True)
class PartnerRow:
    """One partner on the office's overview."""

    partner: Partner
    indicators: int
    people: int
    invited: int
    submissions: int
    latest: HistoryEntry | None


def partner_overview(
    workspace: Workspace, history: list[HistoryEntry], people: Counter[tuple[str, str]]
) -> list[PartnerRow]:
    """Per partner: its indicators, people (active and invited), submissions and the latest."""
    counts = Counter(e.partner for e in history)
    latest: dict[str, HistoryEntry] = {}
    for entry in history:  # newest first: the first seen is the latest
        latest.setdefault(entry.partner, entry)
    owned = Counter(i.owner for i in workspace.indicators.values())
    return [
        PartnerRow(
            p,
            owned[p.id],
            people[(p.id, "active")],
            people[(p.id, "invited")],
            counts[p.id],
            latest.get(p.id),
        )
        for p in workspace.programme.partners
    ]


@page("office")
async def overview(visit: Visit) -> Response:
    with open_accounts(visit.config.root) as db:
        everyone = list_people(db)
        by_seq = uploaders(db)
    people: Counter[tuple[str, str]] = Counter((p.partner or "", p.state) for p in everyone)
    history = submission_history(visit.workspace, people=by_seq)
    visit.log("overview")
    return visit.render(
        "office.html",
        rows=partner_overview(visit.workspace, history, people),
        recent=history[:RECENT],
        names={p.person_id: p.shown_name for p in everyone},
        office_people=people[("", "active")],
    )
