"""The programme office's overview: every partner at a glance, what awaits review, the latest.

Per partner: its indicators, people, submissions and the latest, how many expected figures and
actions are late by the reporting calendar, and how many of its submissions await review.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import list_people
from kpitrack.definitions.models import Partner
from kpitrack.intake.history import HistoryEntry
from kpitrack.portal import data
from kpitrack.portal.web import Visit, page
from kpitrack.progress.due import DueList
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
    late: int = 0  # expected figures, actions and milestones past due and not delivered
    to_review: int = 0  # submissions without a decision


def partner_overview(
    workspace: Workspace,
    history: list[HistoryEntry],
    people: Counter[tuple[str, str]],
    due: DueList | None = None,
) -> list[PartnerRow]:
    """Per partner: indicators, people (active and invited), submissions, the latest, late."""
    counts = Counter(e.partner for e in history)
    waiting = Counter(e.partner for e in history if e.review is None)
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
            due.of(p.id).late if due is not None else 0,
            waiting[p.id],
        )
        for p in workspace.programme.partners
    ]


def awaiting_review(history: list[HistoryEntry]) -> list[HistoryEntry]:
    """Submissions nobody has decided on, oldest first (the first to look at)."""
    return sorted((e for e in history if e.review is None), key=lambda e: e.seq)


@page("office")
async def overview(visit: Visit) -> Response:
    with open_accounts(visit.config.root) as db:
        everyone = list_people(db)
    people: Counter[tuple[str, str]] = Counter((p.partner or "", p.state) for p in everyone)
    history = data.history(visit)
    waiting = awaiting_review(history)
    visit.log("overview")
    return visit.render(
        "office.html",
        rows=partner_overview(visit.workspace, history, people, data.due(visit, visit.today)),
        recent=history[:RECENT],
        waiting=waiting[:RECENT],
        waiting_total=len(waiting),
        names=data.names(visit),
        office_people=people[("", "active")],
        review_required=visit.workspace.programme.reporting.review == "required",
    )
