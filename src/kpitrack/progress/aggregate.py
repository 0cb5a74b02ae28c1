"""Aggregation: accepted observations → one figure per period of the indicator (design §5).

Three steps, in this order:

1. revisions: per key (indicator, period, breakdown) the newest submission wins;
2. time: sub-periods roll up into the indicator's period by its ``aggregation``. A partial set of
   sub-periods is never rolled up: the period is reported as incomplete. For ``last`` the final
   sub-period must be present (the value at the end of the period), else it is incomplete too;
3. breakdown: an explicit total row (breakdown ``()``) wins; else counts and amounts are summed
   over the cells of one breakdown (flagged ``partial`` when codes are missing); percentages,
   ratios and indices are never summed, so without a total row they have no total.

An observation with status ``M`` (missing) carries no value. Only periods that end on or before
the as-of date take part.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from kpitrack.core.periods import Frequency, Period, months_in, period, period_end
from kpitrack.definitions.models import Indicator
from kpitrack.measurements.model import Breakdown, Observation, ObsStatus
from kpitrack.progress.model import SeriesPoint

SUMMABLE_MEASURES = frozenset({"count", "amount"})
# The status a combined figure carries: a total with a provisional part is provisional, etc.
_STATUS_WEIGHT: dict[str, int] = {"A": 0, "B": 1, "E": 2, "P": 3, "M": 4}


@dataclass(frozen=True, slots=True)
class Aggregated:
    """The figures of one indicator at an as-of date."""

    series: tuple[SeriesPoint, ...]  # totals, ascending by period end
    breakdowns: tuple[SeriesPoint, ...]  # cells, ascending by period end then breakdown
    incomplete_periods: tuple[str, ...]  # periods without a total because sub-periods miss


def aggregate(
    indicator: Indicator,
    observations: Iterable[Observation],
    codes: Mapping[str, Collection[str]],
    as_of: date,
) -> Aggregated:
    """Aggregate one indicator's observations (any order; submission number decides revisions)."""
    size = months_in(indicator.frequency)
    resolved = _newest_per_key(observations, size, as_of)

    groups: dict[tuple[str, Breakdown], list[tuple[Period, Observation, bool]]] = {}
    for (label, breakdown), (obs, revised) in resolved.items():
        own = period(label)
        parent = own if own.months == size else own.parent(indicator.frequency)
        groups.setdefault((parent.label, breakdown), []).append((own, obs, revised))

    cells: dict[str, dict[Breakdown, SeriesPoint]] = {}
    incomplete: set[str] = set()
    for (parent_label, breakdown), items in groups.items():
        point = _over_time(period(parent_label), breakdown, items, indicator.aggregation)
        if point is None:
            incomplete.add(parent_label)
        else:
            cells.setdefault(parent_label, {})[breakdown] = point

    series: list[SeriesPoint] = []
    breakdown_cells: list[SeriesPoint] = []
    summable = indicator.measure in SUMMABLE_MEASURES
    for parent_label, by_breakdown in cells.items():
        total = _total(by_breakdown, summable, codes)
        if total is not None:
            series.append(total)
            incomplete.discard(parent_label)
        breakdown_cells.extend(p for b, p in by_breakdown.items() if b != ())
    has_total = {p.period for p in series if p.value is not None}
    series.sort(key=lambda p: p.end)
    breakdown_cells.sort(key=lambda p: (p.end, p.breakdown))
    return Aggregated(
        series=tuple(series),
        breakdowns=tuple(breakdown_cells),
        incomplete_periods=tuple(sorted(incomplete - has_total, key=lambda lab: period(lab).end)),
    )


def _newest_per_key(
    observations: Iterable[Observation], size: int, as_of: date
) -> dict[tuple[str, Breakdown], tuple[Observation, bool]]:
    """Newest observation per (period, breakdown) and whether it replaced an earlier value."""
    ordered = sorted(observations, key=lambda o: o.provenance.submission)
    newest: dict[tuple[str, Breakdown], tuple[Observation, bool]] = {}
    for obs in ordered:
        own = period(obs.period)
        # Periods longer than the indicator's are not its figures (submit rejects them anyway).
        if own.months > size or period_end(own.label) > as_of:
            continue
        key = (obs.period, obs.breakdown)
        earlier = newest.get(key)
        replaced = earlier is not None and (
            earlier[0].value != obs.value or earlier[0].obs_status != obs.obs_status
        )
        revised = obs.revised or replaced or (earlier is not None and earlier[1])
        newest[key] = (obs, revised)
    return newest


def _over_time(
    parent: Period,
    breakdown: Breakdown,
    items: list[tuple[Period, Observation, bool]],
    aggregation: str,
) -> SeriesPoint | None:
    """The figure for ``parent`` from its own row or its sub-periods; None when incomplete."""
    for own, obs, revised in items:
        if own.label == parent.label:
            return _point(parent, breakdown, obs, revised)
    present = [(own, obs, rev) for own, obs, rev in items if obs.value is not None]
    for months in sorted({own.months for own, _, _ in present}, reverse=True):
        by_label = {own.label: (obs, rev) for own, obs, rev in present if own.months == months}
        children = parent.children(_frequency(months))
        if aggregation == "last":
            final = by_label.get(children[-1].label)
            if final is not None:
                return _point(parent, breakdown, final[0], final[1])
            continue
        if all(child.label in by_label for child in children):
            parts = [_point(child, breakdown, *by_label[child.label]) for child in children]
            combined = _combine(parent, breakdown, parts)
            if aggregation == "mean":
                return _divided(combined, len(parts))
            return combined
    return None


def _total(
    by_breakdown: dict[Breakdown, SeriesPoint],
    summable: bool,
    codes: Mapping[str, Collection[str]],
) -> SeriesPoint | None:
    explicit = by_breakdown.get(())
    if explicit is not None and explicit.value is not None:
        return explicit
    if summable:
        summed = _sum_over_breakdown(by_breakdown, codes)
        if summed is not None:
            return summed
    return explicit  # a total row marked missing (M), or nothing


def _sum_over_breakdown(
    by_breakdown: dict[Breakdown, SeriesPoint], codes: Mapping[str, Collection[str]]
) -> SeriesPoint | None:
    """Sum the cells of one breakdown; rows of different dimension sets would double count."""
    by_dims: dict[tuple[str, ...], list[SeriesPoint]] = {}
    for breakdown, point in by_breakdown.items():
        if breakdown and point.value is not None:
            by_dims.setdefault(tuple(d for d, _ in breakdown), []).append(point)
    if not by_dims:
        return None

    def expected(dims: tuple[str, ...]) -> int | None:
        total = 1
        for dim in dims:
            if dim not in codes:
                return None
            total *= len(codes[dim])
        return total

    def rank(dims: tuple[str, ...]) -> tuple[bool, int, float, tuple[str, ...]]:
        want = expected(dims)
        have = len(by_dims[dims])
        complete = want is None or have >= want
        return (not complete, len(dims), -(have / want if want else 1.0), dims)

    dims = min(by_dims, key=rank)
    want = expected(dims)
    parts = sorted(by_dims[dims], key=lambda p: p.breakdown)
    first = parts[0]
    summed = _combine(period(first.period), (), parts)
    partial = want is not None and len(parts) < want
    return replace(summed, partial=partial)


def _point(own: Period, breakdown: Breakdown, obs: Observation, revised: bool) -> SeriesPoint:
    return SeriesPoint(
        period=own.label,
        end=period_end(own.label),
        value=obs.value,
        obs_status=obs.obs_status,
        lower=obs.lower,
        upper=obs.upper,
        note=obs.note,
        breakdown=breakdown,
        revised=revised,
        revised_from=obs.revised_from if revised else None,
        sources=(obs.provenance.submission,),
        approved=obs.approved,
        source=obs.source,
    )


def _combine(target: Period, breakdown: Breakdown, parts: list[SeriesPoint]) -> SeriesPoint:
    """Sum of parts, with the weakest status, summed bounds (when all have them) and sources."""
    value = sum(p.value for p in parts if p.value is not None)
    lowers = [p.lower for p in parts]
    uppers = [p.upper for p in parts]
    status: ObsStatus = max((p.obs_status for p in parts), key=_STATUS_WEIGHT.__getitem__)
    notes = list(dict.fromkeys(p.note for p in parts if p.note))
    sources = list(dict.fromkeys(p.source for p in parts if p.source))
    return SeriesPoint(
        period=target.label,
        end=period_end(target.label),
        value=value,
        obs_status=status,
        lower=sum(x for x in lowers if x is not None) if None not in lowers else None,
        upper=sum(x for x in uppers if x is not None) if None not in uppers else None,
        note="; ".join(notes),
        breakdown=breakdown,
        partial=any(p.partial for p in parts),
        revised=any(p.revised for p in parts),
        sources=tuple(sorted({s for p in parts for s in p.sources})),
        approved=combined_approval(p.approved for p in parts),
        source="; ".join(sources),
    )


def combined_approval(parts: Iterable[bool | None]) -> bool | None:
    """A figure made of parts awaits approval when any part does; approved when all are."""
    seen = list(parts)
    if False in seen:
        return False
    return True if seen and all(seen) else None


def _divided(point: SeriesPoint, count: int) -> SeriesPoint:
    def mean(x: float | None) -> float | None:
        return None if x is None else x / count

    return replace(point, value=mean(point.value), lower=mean(point.lower), upper=mean(point.upper))


_FREQUENCY_OF: dict[int, Frequency] = {12: "year", 6: "half-year", 3: "quarter", 1: "month"}


def _frequency(months: int) -> Frequency:
    return _FREQUENCY_OF[months]
