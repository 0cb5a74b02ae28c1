"""What is still expected from each partner, by the reporting calendar (design §3, §7).

``kpitrack due`` prints it, the portal shows each partner its own part ("still expected from
you") and the programme office all of it. Outstanding are the figures that are late (due before
the as-of date and not delivered) and those due within the next reporting period, and the
actions and milestones that are late (past due and not done) or due within that period.

The office's overview of expected against delivered (:func:`expected_overview`) counts every
expected figure per partner and year: delivered (and of those, awaiting approval), late,
upcoming, later. A figure of a submission the office returned is not delivered: its submission
stopped counting (design §4), so it is late or upcoming again.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kpitrack.core.periods import months_in, period
from kpitrack.measurements.model import ActionState, Observation
from kpitrack.progress.action_states import LATE_STATES, action_progress
from kpitrack.progress.aggregate import combined_approval
from kpitrack.progress.calendar import ExpectedFigure, reporting_calendar
from kpitrack.workspace import Workspace

FigureState = Literal["delivered", "late", "upcoming", "later"]
DueState = Literal["late", "upcoming"]
OPEN_ACTION_STATES = frozenset({"planned", "in_progress"})


@dataclass(frozen=True, slots=True)
class DueFigure:
    """One expected figure of a partner and where it stands at the as-of date."""

    indicator: str
    owner: str
    period: str
    due: date
    state: FigureState
    approved: bool | None = None  # a delivered figure's review (False: awaiting approval)


@dataclass(frozen=True, slots=True)
class DueAction:
    """An action or milestone of a partner that is late or due soon."""

    id: str
    kind: Literal["action", "milestone"]
    parent: str | None  # the action of a milestone
    owner: str
    due: date
    state: DueState
    action_state: ActionState  # overdue, not_reported, planned, in_progress


@dataclass(frozen=True, slots=True)
class PartnerDue:
    """What one partner still owes: figures and actions, late first, then by due date."""

    partner: str
    figures: tuple[DueFigure, ...]
    actions: tuple[DueAction, ...]

    @property
    def late(self) -> int:
        """Figures and actions past their due date."""
        return sum(1 for f in self.figures if f.state == "late") + sum(
            1 for a in self.actions if a.state == "late"
        )

    @property
    def empty(self) -> bool:
        return not self.figures and not self.actions


@dataclass(frozen=True, slots=True)
class DueList:
    """Everything outstanding at ``as_of``, per partner in programme order."""

    programme: str
    as_of: date
    until: date  # the end of the next reporting period from as_of: upcoming means due by then
    partners: tuple[PartnerDue, ...]

    def of(self, partner: str) -> PartnerDue:
        """The part of one partner (empty when it owes nothing)."""
        return next((p for p in self.partners if p.partner == partner), PartnerDue(partner, (), ()))


@dataclass(frozen=True, slots=True)
class YearCount:
    """Expected figures of one partner for the periods of one year, by state."""

    year: int
    expected: int
    delivered: int
    awaiting_approval: int  # of the delivered ones
    late: int
    upcoming: int
    later: int


@dataclass(frozen=True, slots=True)
class PartnerExpected:
    """One partner's row of the office's overview: per year, and outstanding now."""

    partner: str
    years: tuple[YearCount, ...]
    due: PartnerDue


def window_end(workspace: Workspace, as_of: date) -> date:
    """The day one reporting period (``reporting.frequency``) after ``as_of``."""
    months = months_in(workspace.programme.reporting.frequency)
    index = as_of.year * 12 + as_of.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(as_of.day, last))


def figure_states(workspace: Workspace, as_of: date) -> list[DueFigure]:
    """Every figure the calendar expects, with its state at ``as_of``, by indicator and period."""
    until = window_end(workspace, as_of)
    observations = workspace.observations()
    calendar = reporting_calendar(workspace.programme, workspace.indicators, observations)
    approvals = _approvals(observations)
    found: list[DueFigure] = []
    for indicator_id in sorted(calendar):
        for expected in calendar[indicator_id]:
            found.append(_figure(expected, as_of, until, approvals))
    return found


def due_list(workspace: Workspace, as_of: date) -> DueList:
    """Figures and actions outstanding at ``as_of``: late, or due within the next period."""
    until = window_end(workspace, as_of)
    return DueList(
        workspace.programme.id,
        as_of,
        until,
        tuple(_partner_due(workspace, figure_states(workspace, as_of), as_of, until)),
    )


def expected_overview(workspace: Workspace, as_of: date) -> list[PartnerExpected]:
    """Per partner: expected figures per year by state, and what is outstanding now."""
    figures = figure_states(workspace, as_of)
    until = window_end(workspace, as_of)
    dues = {d.partner: d for d in _partner_due(workspace, figures, as_of, until)}
    years = range(workspace.programme.period.start.year, workspace.programme.period.end.year + 1)
    rows: list[PartnerExpected] = []
    for partner in workspace.programme.partners:
        mine = [f for f in figures if f.owner == partner.id]
        counts = tuple(_year_count(year, [f for f in mine if _year(f) == year]) for year in years)
        rows.append(PartnerExpected(partner.id, counts, dues[partner.id]))
    return rows


def _partner_due(
    workspace: Workspace, figures: list[DueFigure], as_of: date, until: date
) -> list[PartnerDue]:
    actions = [
        DueAction(
            a.id,
            a.kind,
            a.parent,
            a.owner,
            a.due,
            "late" if a.state in LATE_STATES else "upcoming",
            a.state,
        )
        for a in action_progress(workspace.programme, workspace.action_updates(), as_of)
        if a.state in LATE_STATES or (a.state in OPEN_ACTION_STATES and as_of <= a.due <= until)
    ]
    result: list[PartnerDue] = []
    for partner in workspace.programme.partners:
        owed = [f for f in figures if f.owner == partner.id and f.state in ("late", "upcoming")]
        owed.sort(key=lambda f: (f.state != "late", f.due, f.indicator, f.period))
        acts = [a for a in actions if a.owner == partner.id]
        acts.sort(key=lambda a: (a.state != "late", a.due, a.id))
        result.append(PartnerDue(partner.id, tuple(owed), tuple(acts)))
    return result


def _figure(
    expected: ExpectedFigure,
    as_of: date,
    until: date,
    approvals: dict[str, dict[str, list[bool | None]]],
) -> DueFigure:
    state: FigureState
    approved = None
    if expected.delivered:
        state = "delivered"
        own = period(expected.period)
        approved = combined_approval(
            flag
            for label, flags in approvals.get(expected.indicator, {}).items()
            if own.contains(period(label))
            for flag in flags
        )
    elif expected.late(as_of):
        state = "late"
    elif expected.due <= until:
        state = "upcoming"
    else:
        state = "later"
    return DueFigure(
        expected.indicator, expected.owner, expected.period, expected.due, state, approved
    )


def _approvals(observations: Iterable[Observation]) -> dict[str, dict[str, list[bool | None]]]:
    """The review state of every stored row, per indicator and period."""
    found: dict[str, dict[str, list[bool | None]]] = {}
    for obs in observations:
        found.setdefault(obs.indicator, {}).setdefault(obs.period, []).append(obs.approved)
    return found


def _year(figure: DueFigure) -> int:
    return period(figure.period).end.year


def _year_count(year: int, figures: list[DueFigure]) -> YearCount:
    def count(state: str) -> int:
        return sum(1 for f in figures if f.state == state)

    return YearCount(
        year=year,
        expected=len(figures),
        delivered=count("delivered"),
        awaiting_approval=sum(1 for f in figures if f.state == "delivered" and f.approved is False),
        late=count("late"),
        upcoming=count("upcoming"),
        later=count("later"),
    )
