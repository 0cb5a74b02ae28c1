"""The results of the progress engine (design §5, §7). Plain frozen data, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from kpitrack.core.explanation import PeriodValue
from kpitrack.i18n.explanations import Explanations
from kpitrack.measurements.model import ActionState, Breakdown, ObsStatus

if TYPE_CHECKING:
    from kpitrack.progress.calendar import ExpectedFigure
    from kpitrack.progress.forecast import Forecast

__all__ = [
    "FLAGS",
    "INDICATOR_STATES",
    "ActionLineProgress",
    "ActionProgress",
    "Flag",
    "IndicatorProgress",
    "IndicatorState",
    "PeriodValue",
    "ProgressReport",
    "SeriesPoint",
    "TargetEntry",
]

IndicatorState = Literal[
    "achieved", "on_track", "at_risk", "off_track", "deteriorating", "monitoring", "no_data"
]
INDICATOR_STATES: tuple[IndicatorState, ...] = (
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "deteriorating",
    "monitoring",
    "no_data",
)
Flag = Literal[
    "provisional", "estimated", "stale", "revised", "target_revised", "partial", "unreviewed"
]
FLAGS: tuple[Flag, ...] = (
    "provisional",
    "estimated",
    "stale",
    "revised",
    "target_revised",
    "partial",
    "unreviewed",  # the latest value awaits the office's approval (reporting.review: required)
)


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """An aggregated total (or breakdown cell) for one period of the indicator's frequency."""

    period: str
    end: date
    value: float | None
    obs_status: ObsStatus
    lower: float | None = None
    upper: float | None = None
    note: str = ""
    breakdown: Breakdown = ()
    partial: bool = False  # a sum over a breakdown with codes missing
    revised: bool = False
    revised_from: float | None = None
    sources: tuple[int, ...] = ()  # submission numbers behind the figure
    # The office's review of the figure's submissions: False while one of them awaits approval
    # under ``reporting.review: required``; True when all are approved; None: not reviewed.
    approved: bool | None = None
    source: str = ""  # where the figure was published (the partner's source cells, "; "-joined)


@dataclass(frozen=True, slots=True)
class TargetEntry:
    period: str
    value: float
    set: date
    reason: dict[str, str] | None
    in_force: bool
    superseded: bool  # a later entry for the same period was set on or before as-of


@dataclass(frozen=True, slots=True)
class IndicatorProgress:
    id: str
    action_line: str
    status: IndicatorState
    flags: tuple[Flag, ...]
    ratio: float | None  # R
    progress_achieved: float | None  # P
    progress_expected: float | None  # E (capped at 1)
    baseline: PeriodValue | None
    baseline_from_observation: bool  # no declared baseline: earliest observation serves
    latest: PeriodValue | None
    target: PeriodValue | None  # target in force
    targets: tuple[TargetEntry, ...]  # full history known at as-of, in file order
    explanation: Explanations  # language → one or two sentences; .data: what they cite
    series: tuple[SeriesPoint, ...]  # totals per period, ascending, up to as-of
    breakdowns: tuple[SeriesPoint, ...] = ()  # breakdown cells up to as-of
    incomplete_periods: tuple[str, ...] = ()  # periods with sub-periods missing (not summed)
    next_expected: ExpectedFigure | None = None  # the reporting calendar's next figure
    forecast: Forecast | None = None  # where the trend of the latest figures leads
    original_target: PeriodValue | None = None  # first entry, when a revision changed the target
    original_status: IndicatorState | None = None  # the verdict against that first entry


@dataclass(frozen=True, slots=True)
class ActionProgress:
    id: str
    action_line: str
    kind: Literal["action", "milestone"]
    parent: str | None  # the action of a milestone
    owner: str
    due: date
    state: ActionState
    update_date: str | None
    update_note: str | None
    late_milestones: int = 0  # of an action: its milestones overdue or not reported


@dataclass(frozen=True, slots=True)
class ActionLineProgress:
    id: str
    counts: dict[str, int]  # every indicator status, zeros included
    actions: dict[str, int]  # every action state, zeros included
    milestones: dict[str, int] = field(default_factory=dict)  # milestone states, zeros included


@dataclass(frozen=True, slots=True)
class ProgressReport:
    programme: str
    version: str
    as_of: date
    indicators: tuple[IndicatorProgress, ...]
    action_lines: tuple[ActionLineProgress, ...]
    actions: tuple[ActionProgress, ...]
    notes: tuple[str, ...] = field(default=())
