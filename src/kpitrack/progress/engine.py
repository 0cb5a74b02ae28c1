"""compute_progress: a workspace at an as-of date → the status of everything (design §5).

Pure and deterministic: no I/O, no clock; the same workspace and date give the same report.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date

from kpitrack.core.periods import end_after_months, months_in, period
from kpitrack.definitions.models import Indicator, Programme, Target, Thresholds
from kpitrack.i18n.explanations import Explanations
from kpitrack.measurements.model import Observation
from kpitrack.progress.action_states import action_progress, roll_up
from kpitrack.progress.aggregate import aggregate
from kpitrack.progress.calendar import next_expected, reporting_calendar
from kpitrack.progress.explain import explanation_data
from kpitrack.progress.forecast import Forecast, TrendPoint, forecast
from kpitrack.progress.model import (
    Flag,
    IndicatorProgress,
    PeriodValue,
    ProgressReport,
    SeriesPoint,
)
from kpitrack.progress.status import Assessment, Point, assess
from kpitrack.progress.targets import ResolvedBaseline, resolve_baseline, targets_at
from kpitrack.workspace import Workspace


def compute_progress(workspace: Workspace, as_of: date) -> ProgressReport:
    """Status of every indicator, action and milestone, and the roll-up per action line."""
    programme = workspace.programme
    codes: dict[str, Collection[str]] = {
        dim: frozenset(codelist.codes) for dim, codelist in programme.codelists.items()
    }
    by_indicator: dict[str, list[Observation]] = {}
    for obs in workspace.observations():
        by_indicator.setdefault(obs.indicator, []).append(obs)

    line_order = {line.id: index for index, line in enumerate(programme.action_lines)}
    ordered = sorted(
        workspace.indicators.values(),
        key=lambda i: (line_order.get(i.action_line, len(line_order)), i.id),
    )
    calendar = reporting_calendar(programme, workspace.indicators, workspace.observations())
    indicators = tuple(
        replace(
            indicator_progress(programme, i, by_indicator.get(i.id, []), codes, as_of),
            next_expected=next_expected(calendar[i.id]),
        )
        for i in ordered
    )
    actions = action_progress(programme, workspace.action_updates(), as_of)
    lines = roll_up(programme, [(i.action_line, i.status) for i in indicators], actions)
    return ProgressReport(
        programme=programme.id,
        version=programme.version,
        as_of=as_of,
        indicators=indicators,
        action_lines=lines,
        actions=actions,
    )


def indicator_progress(
    programme: Programme,
    indicator: Indicator,
    observations: Sequence[Observation],
    codes: Mapping[str, Collection[str]],
    as_of: date,
) -> IndicatorProgress:
    """The full progress of one indicator at ``as_of``."""
    figures = aggregate(indicator, observations, codes, as_of)
    valued = [p for p in figures.series if p.value is not None]
    baseline = resolve_baseline(indicator, valued)
    targets = targets_at(indicator.targets, as_of)
    target = targets.in_force
    latest = valued[-1] if valued else None
    thresholds: Thresholds = indicator.status or programme.status

    def judged(against: Target | None) -> Assessment:
        return assess(
            indicator.direction,
            Point(baseline.end, baseline.value) if baseline else None,
            Point(latest.end, latest.value) if latest and latest.value is not None else None,
            Point(period(against.period).end, against.value) if against else None,
            thresholds.on_track,
            thresholds.at_risk,
            context_figure=not indicator.targets,
        )

    assessment = judged(target)
    # A revision that changed the target in force: the verdict against the first entry too, so
    # that moving the goalposts cannot turn a verdict silently.
    original = targets.original
    original_status = judged(original).status if original is not None else None
    baseline_value = PeriodValue(baseline.period, baseline.value) if baseline else None
    latest_value = _period_value(latest)
    target_value = PeriodValue(target.period, target.value) if target else None
    flags = _flags(programme, latest, targets.revised, as_of)
    first = _first_value(baseline_value, valued)
    explained = explanation_data(
        assessment,
        indicator,
        thresholds,
        as_of,
        baseline=baseline_value,
        baseline_from_observation=baseline.from_observation if baseline else False,
        latest=latest_value,
        first=first,
        target=target,
        replaced=targets.replaced,
        stale="stale" in flags,
        series_break=series_break(first, valued),
    )
    return IndicatorProgress(
        id=indicator.id,
        action_line=indicator.action_line,
        status=assessment.status,
        flags=flags,
        ratio=assessment.ratio,
        progress_achieved=assessment.achieved,
        progress_expected=assessment.expected,
        baseline=baseline_value,
        baseline_from_observation=baseline.from_observation if baseline else False,
        latest=latest_value,
        target=target_value,
        targets=targets.history,
        explanation=Explanations(explained, programme.languages),
        series=figures.series,
        breakdowns=figures.breakdowns,
        incomplete_periods=figures.incomplete_periods,
        forecast=_forecast(indicator, valued, baseline, target),
        original_target=PeriodValue(original.period, original.value) if original else None,
        original_status=original_status,
    )


def _forecast(
    indicator: Indicator,
    valued: list[SeriesPoint],
    baseline: ResolvedBaseline | None,
    target: Target | None,
) -> Forecast | None:
    if target is None or not indicator.targets:
        return None
    points = [
        TrendPoint(p.period, p.end, p.value, p.obs_status == "B")
        for p in valued
        if p.value is not None
    ]
    return forecast(
        indicator.direction,
        points,
        baseline.end if baseline else None,
        target.period,
        target.value,
    )


def _flags(
    programme: Programme, latest: SeriesPoint | None, target_revised: bool, as_of: date
) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    if latest is not None:
        if latest.obs_status == "P":
            flags.append("provisional")
        if latest.obs_status == "E":
            flags.append("estimated")
        reporting = months_in(programme.reporting.frequency)
        if as_of > end_after_months(latest.end, 2 * reporting):
            flags.append("stale")
        if latest.revised:
            flags.append("revised")
    if target_revised:
        flags.append("target_revised")
    if latest is not None and latest.partial:
        flags.append("partial")
    if latest is not None and latest.approved is False:
        flags.append("unreviewed")
    return tuple(flags)


def _first_value(baseline: PeriodValue | None, valued: list[SeriesPoint]) -> PeriodValue | None:
    """Where the trend of a context figure starts: the baseline or the first value, the earlier."""
    first = _period_value(valued[0]) if valued else None
    if baseline is None or (first is not None and valued[0].end < period(baseline.period).end):
        return first
    return baseline


def series_break(start: PeriodValue | None, valued: Sequence[SeriesPoint]) -> str | None:
    """The period of the last break in series (``B``) after ``start``, up to the latest value.

    A change from ``start`` to the latest value would compare two methods or sources: none is
    computed across it (design §5).
    """
    if start is None:
        return None
    begin = period(start.period).end
    breaks = [p.period for p in valued if p.obs_status == "B" and p.end > begin]
    return breaks[-1] if breaks else None


def _period_value(point: SeriesPoint | None) -> PeriodValue | None:
    if point is None or point.value is None:
        return None
    return PeriodValue(point.period, point.value)
