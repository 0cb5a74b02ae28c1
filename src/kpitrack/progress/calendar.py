"""The reporting calendar (design §3): which figures are expected, for which periods, by when.

Every period of an indicator's frequency that overlaps the programme is expected, or only the
periods of its ``schedule`` (irregular surveys). A figure is due ``reporting.deadline`` days
after its period ends (dates as in Europe/Amsterdam, like every date kpitrack shows). It is
delivered once the store holds any row for that period — a value, a breakdown cell, or a
withdrawal (``M``): a withdrawn figure was delivered without a value.

The report (the next expected figure per indicator), ``kpitrack due`` and the portal's overview
all read this one calendar.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from kpitrack.core.periods import Period, period, periods_between
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import Observation


@dataclass(frozen=True, slots=True)
class ExpectedFigure:
    """One figure the calendar expects."""

    indicator: str
    owner: str
    period: str
    due: date
    delivered: bool

    def late(self, as_of: date) -> bool:
        """Due before ``as_of`` and not delivered."""
        return not self.delivered and self.due < as_of


def expected_periods(indicator: Indicator, programme: Programme) -> list[Period]:
    """The periods the indicator's figures are expected for, in time order."""
    if indicator.schedule is not None:
        return sorted({period(label) for label in indicator.schedule}, key=lambda p: p.end)
    return periods_between(indicator.frequency, programme.period.start, programme.period.end)


def due_date(expected: Period, deadline_days: int) -> date:
    """The day a period's figure is due: ``deadline_days`` after the period's last day."""
    return expected.end + timedelta(days=deadline_days)


def reporting_calendar(
    programme: Programme,
    indicators: Mapping[str, Indicator],
    observations: Iterable[Observation],
) -> dict[str, tuple[ExpectedFigure, ...]]:
    """Per indicator id, every expected figure in period order, with whether it was delivered."""
    labels: dict[str, set[str]] = {}
    for obs in observations:  # a store repeats a period for every breakdown and revision
        labels.setdefault(obs.indicator, set()).add(obs.period)
    delivered = {key: [period(label) for label in found] for key, found in labels.items()}
    deadline = programme.reporting.deadline
    result: dict[str, tuple[ExpectedFigure, ...]] = {}
    for indicator in indicators.values():
        got = delivered.get(indicator.id, [])
        result[indicator.id] = tuple(
            ExpectedFigure(
                indicator=indicator.id,
                owner=indicator.owner,
                period=expected.label,
                due=due_date(expected, deadline),
                delivered=any(expected.contains(p) for p in got),
            )
            for expected in expected_periods(indicator, programme)
        )
    return result


def next_expected(figures: Iterable[ExpectedFigure]) -> ExpectedFigure | None:
    """The first figure not delivered after the last one delivered (None: nothing more due).

    A gap before the last delivery is outstanding too (``late``), but the figure a reader waits
    for next is the one after the latest figure in the report.
    """
    ordered = list(figures)
    last = max((i for i, f in enumerate(ordered) if f.delivered), default=-1)
    return next((f for f in ordered[last + 1 :] if not f.delivered), None)
