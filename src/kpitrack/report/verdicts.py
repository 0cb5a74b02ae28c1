"""What the report says around one indicator's verdict, beyond the engine's explanation.

- a verdict on an outdated figure reads with its period and in the outdated colour;
- where a revision changed the target in force, the verdict against the original target;
- the change since the previous *published* report (what was printed then → now);
- the next figure the reporting calendar expects, late when past due;
- the forecast, where the engine gives one.

Nothing is recomputed: statuses, the calendar and the forecast come from the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.core.periods import period as parse
from kpitrack.i18n import local_text
from kpitrack.i18n.verdicts import (
    ForecastFacts,
    Shown,
    dated_verdict,
    forecast_text,
    next_figure,
    since_previous,
    target_verdicts,
)
from kpitrack.progress.forecast import MAX_POINTS
from kpitrack.report.figures import status_of, with_unit
from kpitrack.report.model import StatusLabel
from kpitrack.report.texts import STATUS_COLOURS, STATUS_ICONS

if TYPE_CHECKING:
    from kpitrack.definitions.models import Indicator, Programme
    from kpitrack.progress.model import IndicatorProgress, SeriesPoint


@dataclass(frozen=True, slots=True)
class FigureThen:
    """An indicator as the previous published report showed it."""

    status: str
    period: str | None
    value: float | None


@dataclass(frozen=True, slots=True)
class PreviousFigures:
    """The previous published report: its as-of date and, when recorded, its figures."""

    as_of: date
    figures: Mapping[str, FigureThen] | None
    """Per indicator id; None when the record holds no figures (written by an older version)."""


@dataclass(frozen=True, slots=True)
class VerdictTexts:
    """The texts of :class:`~kpitrack.report.model.IndicatorSection` this module fills."""

    status: StatusLabel
    stale: bool
    target_verdicts: str
    since_previous: str
    next_expected: str
    next_late: bool
    forecast: str


def verdict_texts(
    indicator: Indicator,
    progress: IndicatorProgress,
    programme: Programme,
    lang: str,
    fmt: Callable[[float], str],
    as_of: date,
    previous: PreviousFigures | None,
) -> VerdictTexts:
    """The verdict and its surroundings for one indicator in ``lang``."""
    unit = local_text(indicator.unit, lang)

    def quantity(value: float) -> str:
        return with_unit(fmt(value), indicator.measure, unit, lang)

    def trend_quantity(value: float) -> str:
        # A trend value is an estimate: no more decimals than the figures have (whole counts).
        decimals = indicator.decimals
        if decimals is None:
            decimals = 0 if indicator.measure == "count" else 1
        return with_unit(i18n.format_number(value, lang, decimals), indicator.measure, unit, lang)

    stale = "stale" in progress.flags and progress.latest is not None
    status = status_of(progress.status, lang)
    if stale and progress.latest is not None:
        # An outdated verdict: its period in the words, and never the colour of a current one.
        status = StatusLabel(
            code=status.code,
            label=dated_verdict(progress.status, progress.latest.period, lang),
            icon=STATUS_ICONS.get(status.code, "•"),
            colour=STATUS_COLOURS["stale"],
        )
    both = ""
    if (
        progress.original_target is not None
        and progress.original_status is not None
        and progress.target is not None
    ):
        both = target_verdicts(
            status.label,
            quantity(progress.target.value),
            quantity(progress.original_target.value),
            progress.original_status,
            lang,
        )
    upcoming = progress.next_expected
    late = upcoming is not None and upcoming.late(as_of)
    return VerdictTexts(
        status=status,
        stale=stale,
        target_verdicts=both,
        since_previous=_since_previous(indicator, progress, lang, quantity, previous),
        next_expected=next_figure(
            upcoming.period if upcoming else None, upcoming.due if upcoming else None, late, lang
        ),
        next_late=late,
        forecast=_forecast(progress, programme, lang, quantity, trend_quantity, indicator.measure),
    )


def series_break_between(
    series: tuple[SeriesPoint, ...], after: str | None, upto: str | None
) -> str | None:
    """The period of the last break in series (``B``) after ``after`` up to ``upto``.

    A change between two figures with a break between them compares two methods or sources.
    """
    if after is None or upto is None:
        return None
    start, end = parse(after).end, parse(upto).end
    breaks = [p.period for p in series if p.obs_status == "B" and start < p.end <= end]
    return breaks[-1] if breaks else None


def _since_previous(
    indicator: Indicator,
    progress: IndicatorProgress,
    lang: str,
    quantity: Callable[[float], str],
    previous: PreviousFigures | None,
) -> str:
    if previous is None or previous.figures is None:
        return ""
    then = previous.figures.get(indicator.id)
    latest = progress.latest
    now = Shown(quantity(latest.value), latest.period, progress.status) if latest else None
    if then is None:
        return since_previous(previous.as_of, None, now, lang, new_indicator=True)
    shown_then = (
        Shown(quantity(then.value), then.period, then.status)
        if then.value is not None and then.period is not None
        else None
    )
    if shown_then is None:  # no figure then: its status was "no data"
        return since_previous(previous.as_of, None, now, lang)
    return since_previous(
        previous.as_of,
        shown_then,
        now,
        lang,
        series_break=series_break_between(
            progress.series, then.period, latest.period if latest else None
        ),
    )


def _forecast(
    progress: IndicatorProgress,
    programme: Programme,
    lang: str,
    quantity: Callable[[float], str],
    estimate: Callable[[float], str],
    measure: str,
) -> str:
    found = progress.forecast
    target = progress.target
    if found is None or target is None or progress.status == "achieved":
        return ""  # a target met needs no forecast of when it will be
    timing, years = "on_time", 0
    if found.reaches_target is not None:
        reach_end = parse(found.reaches_target).end
        if reach_end > programme.period.end:
            timing, years = "after_programme", reach_end.year - programme.period.end.year
        elif reach_end > parse(target.period).end:
            timing = "late"
    last = progress.latest.period if progress.latest else found.first_period
    return forecast_text(
        ForecastFacts(
            target=quantity(target.value),
            target_period=target.period,
            reaches=found.reaches_target,
            reach_timing=timing,
            years_after_programme=years,
            value_at_target=estimate(found.value_at_target_period),
            points=found.points,
            first_period=found.first_period,
            last_period=last,
            lower=estimate(_bounded(found.lower, measure)),
            upper=estimate(_bounded(found.upper, measure)),
            few=found.points < MAX_POINTS,
        ),
        lang,
    )


def _bounded(value: float, measure: str) -> float:
    """A trend bound within what the measure can be: no negative count, no share above 100."""
    if measure in ("count", "amount", "percentage") and value < 0:
        return 0.0
    if measure == "percentage" and value > 100:
        return 100.0
    return value
