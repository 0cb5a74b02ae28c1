"""The explanation of an indicator's status as data: what it says, with the numbers it cites.

The progress engine fills an :class:`Explanation` from the same numbers it set the status with;
:mod:`kpitrack.i18n.explanations` words it in each language. Nothing here is prose, so a reader
of the data (a test, an export, another language) sees exactly what the sentence will say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ExplanationForm = Literal[
    "standard",  # on_track / at_risk / off_track / deteriorating from R
    "achieved",  # the target is met
    "maintain",  # a value to keep within a band around the target
    "baseline_is_target",  # the target equals the baseline and is not met
    "no_time",  # the target period is not after the baseline: no expected progress
    "monitoring",  # a context figure: no target is ever set
    "no_target",  # targets exist, but none was set by the as-of date
    "no_data",  # no observation after the baseline
]
"""Which sentence explains the status (one per case of the status rule, design §5)."""


@dataclass(frozen=True, slots=True)
class PeriodValue:
    """A value with the period it belongs to (a baseline, a target, a measurement)."""

    period: str
    value: float


@dataclass(frozen=True, slots=True)
class TargetRevision:
    """The target in force replaced an earlier one for the same period."""

    period: str
    before: float
    after: float
    set: date  # when the target in force was set


@dataclass(frozen=True, slots=True)
class Explanation:
    """Everything one indicator's explanation cites, in numbers and periods."""

    form: ExplanationForm
    status: str  # the indicator status (kpitrack.progress.model.IndicatorState)
    as_of: date
    measure: str  # count, percentage, …: a percentage's values are shown with "%"
    decimals: int | None  # the indicator's decimals, as in every other figure of it
    baseline: PeriodValue | None = None
    baseline_from_observation: bool = False  # no declared baseline: the first value serves
    latest: PeriodValue | None = None
    target: PeriodValue | None = None  # the target in force
    first: PeriodValue | None = None  # where a context figure's trend starts
    expected: float | None = None  # E: share of the way expected by the latest period
    achieved: float | None = None  # P: share of the way covered
    ratio: float | None = None  # R = P / E
    ratio_decimals: int = 0  # decimals that keep the cited R in the same band as R itself
    on_track: float = 0.0  # the thresholds R was compared with
    at_risk: float = 0.0
    band: float = 0.0  # a maintained value's tolerance around the target (0.05 is ±5 %)
    revision: TargetRevision | None = None  # the target in force replaced an earlier one
    stale: bool = False  # the latest value is older than two reporting periods
    series_break: str | None = None  # a new series (obs status B) starts here, after `first`
