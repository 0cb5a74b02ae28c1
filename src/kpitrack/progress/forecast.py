"""A forecast of when an indicator reaches its target, from the trend of its latest figures.

Method: an ordinary least-squares straight line through the last figures of the current series
(at most :data:`MAX_POINTS`, at least :data:`MIN_POINTS` after the baseline; a ``B`` point
starts a new series, so nothing before it is used), time in months between period ends (so
every year weighs the same, leap or not). The line
is extended period by period to the first period whose trend value meets the target, looking at
most :data:`HORIZON_YEARS` beyond the target period.

Why a straight line rather than the compound growth rate Open SDG uses: the counts and shares
these programmes track rise and fall by amounts more than by rates, may be zero, and growth
rates computed from two end points swing wildly on a small series. A straight line through
every recent point uses all of them and says how uncertain it is: with a handful of points the
95 % prediction interval at the target period is wide, and the report shows it.

No forecast for context figures (no target or direction ``none``) or for ``maintain``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kpitrack.core.periods import Period, following, period

MIN_POINTS = 3
MAX_POINTS = 5
HORIZON_YEARS = 20
METHOD = "linear-trend"

# Two-sided 95 % quantiles of Student's t for 1..8 degrees of freedom (n - 2 with n ≤ 10).
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306)


@dataclass(frozen=True, slots=True)
class Forecast:
    """Where the trend of the latest figures leads."""

    method: str
    points: int  # figures the line was fitted to
    first_period: str  # the earliest of them
    reaches_target: str | None  # first period whose trend value meets the target; None: never
    value_at_target_period: float  # the trend's value at the end of the target period
    lower: float  # 95 % prediction interval of a figure at the target period
    upper: float


@dataclass(frozen=True, slots=True)
class TrendPoint:
    period: str
    end: date
    value: float
    breaks_series: bool  # obs status B: the first figure of a new method or source


def forecast(
    direction: str,
    points: Sequence[TrendPoint],
    baseline_end: date | None,
    target_period: str,
    target_value: float,
) -> Forecast | None:
    """The forecast, or None when there are too few comparable figures or no judgement.

    ``points`` are the indicator's totals in time order, in periods of its frequency (the
    forecast steps through periods of that length from the latest one).
    """
    if direction not in ("increase", "decrease"):
        return None
    usable = _current_series(points, baseline_end)[-MAX_POINTS:]
    if len(usable) < MIN_POINTS:
        return None
    xs = [float(_months(p.end)) for p in usable]
    ys = [p.value for p in usable]
    slope, intercept, spread = _fit(xs, ys)
    target = period(target_period)
    at_target = intercept + slope * _months(target.end)
    half_width = _half_width(xs, spread, float(_months(target.end)))
    return Forecast(
        method=METHOD,
        points=len(usable),
        first_period=usable[0].period,
        reaches_target=_first_meeting(
            direction, slope, intercept, target_value, usable[-1], target
        ),
        value_at_target_period=at_target,
        lower=at_target - half_width,
        upper=at_target + half_width,
    )


def _current_series(points: Sequence[TrendPoint], baseline_end: date | None) -> list[TrendPoint]:
    """Figures after the baseline, from the last break in series on."""
    after = [p for p in points if baseline_end is None or p.end > baseline_end]
    starts = [i for i, p in enumerate(after) if p.breaks_series]
    return after[starts[-1] :] if starts else after


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Slope, intercept and the residual standard deviation of the least-squares line."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residuals = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, intercept, math.sqrt(residuals / (n - 2))


def _half_width(xs: list[float], spread: float, at: float) -> float:
    """Half the 95 % prediction interval of one new figure at ``at``."""
    n = len(xs)
    mean_x = sum(xs) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    t = _T95[min(n - 2, len(_T95)) - 1]
    return t * spread * math.sqrt(1 + 1 / n + (at - mean_x) ** 2 / sxx)


def _first_meeting(
    direction: str,
    slope: float,
    intercept: float,
    target_value: float,
    last: TrendPoint,
    target: Period,
) -> str | None:
    """The first period from the latest figure on whose trend value meets the target."""
    towards = slope > 0 if direction == "increase" else slope < 0
    current = period(last.period)
    horizon = date(min(target.end.year + HORIZON_YEARS, 9998), 12, 31)
    while current.end <= horizon:
        value = intercept + slope * _months(current.end)
        met = value >= target_value if direction == "increase" else value <= target_value
        if met:
            return current.label
        if not towards:
            return None
        current = following(current)
    return None


def _months(day: date) -> int:
    """A period end as a count of months: equal steps for equal periods."""
    return day.year * 12 + day.month
