"""The status rule of design §5, on plain numbers and dates.

P = (y − y0)/(yT − y0), E = (t − t0)/(T − t0) capped at 1 (days between period end dates),
R = P/E. Decisions for the cases the table leaves open (each has its own explanation form):

- no observation after the baseline (t ≤ t0, or as-of before the baseline): ``no_data`` —
  except for a context figure, which is ``monitoring`` from its first observation on;
- target met first: ``achieved`` even when met early; R is still given when defined;
- baseline equals target (increase/decrease) and not met: the value is on the wrong side of the
  baseline, so ``deteriorating`` with R undefined;
- target period ending on or before the baseline period: E is undefined, so R is too; the status
  is ``deteriorating`` when P < 0, else ``off_track``;
- ``maintain``: within ±5 % of the target (relative to the target value) is ``achieved``, outside
  ``off_track``; R is undefined (yT = y0);
- R is compared with the thresholds after rounding to 9 decimals, so that 0.95 computed through
  binary floating point still counts as 0.95.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from kpitrack.progress.model import IndicatorState

Form = Literal[
    "standard",  # on_track / at_risk / off_track / deteriorating from R
    "achieved",
    "maintain",
    "baseline_is_target",
    "no_time",  # target period not after the baseline: E undefined
    "monitoring",
    "no_target",
    "no_data",
]

STATUS_ORDER: tuple[IndicatorState, ...] = (
    "deteriorating",
    "off_track",
    "at_risk",
    "on_track",
    "achieved",
)
"""Judged statuses from worst to best (monitoring and no_data are no judgement)."""

MAINTAIN_BAND_INVERSE = 20  # ±5 %: |y − yT| ≤ |yT| / 20, exact for whole numbers


@dataclass(frozen=True, slots=True)
class Assessment:
    status: IndicatorState
    form: Form
    ratio: float | None  # R
    achieved: float | None  # P
    expected: float | None  # E, capped at 1


@dataclass(frozen=True, slots=True)
class Point:
    end: date
    value: float


def assess(
    direction: str,
    baseline: Point | None,
    latest: Point | None,
    target: Point | None,
    on_track: float,
    at_risk: float,
    *,
    context_figure: bool = False,
) -> Assessment:
    """Status, R, P and E of one indicator from its baseline, latest total and target in force.

    ``context_figure``: the indicator declares no targets at all (``targets: []``), as opposed to
    targets that exist but were not yet set at the as-of date.
    """
    if latest is None:
        return Assessment("no_data", "no_data", None, None, None)
    if direction == "none" or context_figure:
        # A context figure is never judged; one figure is already something to show.
        return Assessment("monitoring", "monitoring", None, None, None)
    if baseline is None or latest.end <= baseline.end:
        return Assessment("no_data", "no_data", None, None, None)
    if target is None:
        return Assessment("monitoring", "no_target", None, None, None)

    y0, y, y_target = baseline.value, latest.value, target.value
    expected = _expected(baseline.end, latest.end, target.end)
    if direction == "maintain":
        within = abs(y - y_target) * MAINTAIN_BAND_INVERSE <= abs(y_target)
        return Assessment("achieved" if within else "off_track", "maintain", None, None, expected)

    met = y >= y_target if direction == "increase" else y <= y_target
    achieved = (y - y0) / (y_target - y0) if y_target != y0 else None
    ratio = achieved / expected if achieved is not None and expected else None
    if met:
        return Assessment("achieved", "achieved", ratio, achieved, expected)
    if achieved is None:
        return Assessment("deteriorating", "baseline_is_target", None, None, expected)
    if ratio is None:
        status: IndicatorState = "deteriorating" if achieved < 0 else "off_track"
        return Assessment(status, "no_time", None, achieved, expected)
    return Assessment(classify(ratio, on_track, at_risk), "standard", ratio, achieved, expected)


def classify(ratio: float, on_track: float, at_risk: float) -> IndicatorState:
    """The band of R: on_track from ``on_track``, at_risk from ``at_risk``, off_track from 0."""
    r = round(ratio, 9)
    if r < 0:
        return "deteriorating"
    if r >= on_track:
        return "on_track"
    if r >= at_risk:
        return "at_risk"
    return "off_track"


def _expected(t0: date, t: date, t_target: date) -> float | None:
    span = (t_target - t0).days
    if span <= 0:
        return None
    return min(1.0, (t - t0).days / span)
