"""Baseline and the target in force at an as-of date (design §5).

Decisions beyond the contract's words:

- a target entry set after the as-of date was not known at that date: it takes no part at all,
  not in choosing the target period nor in the history. So "the nearest target period at or after
  the as-of date (else the last one)" is chosen among the periods that have an entry set by then.
  When the contract's reading gives a target this gives the same one; when no entry at all is
  known at the as-of date, there is no target and the indicator is ``monitoring``.
- a target period is "at or after" the as-of date when it ends on or after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kpitrack.core.periods import period
from kpitrack.definitions.models import Indicator, Target
from kpitrack.progress.model import SeriesPoint, TargetEntry


@dataclass(frozen=True, slots=True)
class ResolvedBaseline:
    period: str
    end: date
    value: float
    from_observation: bool  # no declared baseline: the earliest observation serves


@dataclass(frozen=True, slots=True)
class TargetsAt:
    """The targets known at an as-of date."""

    history: tuple[TargetEntry, ...]  # entries set on or before as-of, in file order
    in_force: Target | None
    replaced: Target | None  # the entry the one in force superseded (same period, set earlier)
    entries: tuple[Target, ...] = ()  # the entries known at as-of

    @property
    def revised(self) -> bool:
        return self.replaced is not None

    @property
    def original(self) -> Target | None:
        """The first entry for the period in force, when a revision changed its value."""
        if self.in_force is None or self.replaced is None:
            return None
        first = min(
            (t for t in self.entries if t.period == self.in_force.period), key=lambda t: t.set
        )
        return first if first.value != self.in_force.value else None


def resolve_baseline(
    indicator: Indicator, series: Sequence[SeriesPoint]
) -> ResolvedBaseline | None:
    """The declared baseline, else the earliest total with a value, else None."""
    if indicator.baseline is not None:
        declared = period(indicator.baseline.period)
        return ResolvedBaseline(
            declared.label, declared.end, indicator.baseline.value, from_observation=False
        )
    for point in series:
        if point.value is not None:
            return ResolvedBaseline(point.period, point.end, point.value, from_observation=True)
    return None


def targets_at(targets: Sequence[Target], as_of: date) -> TargetsAt:
    """The target in force at ``as_of``, the entry it replaced and the history known then."""
    known = [t for t in targets if t.set <= as_of]
    in_force: Target | None = None
    replaced: Target | None = None
    if known:
        ends = {t.period: period(t.period).end for t in known}
        ahead = [p for p in ends if ends[p] >= as_of]
        chosen = min(ahead, key=ends.__getitem__) if ahead else max(ends, key=ends.__getitem__)
        entries = sorted((t for t in known if t.period == chosen), key=lambda t: t.set)
        in_force = entries[-1]
        replaced = entries[-2] if len(entries) > 1 else None

    history = tuple(
        TargetEntry(
            period=t.period,
            value=t.value,
            set=t.set,
            reason=dict(t.reason) if t.reason else None,
            in_force=t is in_force,
            superseded=any(o.period == t.period and o.set > t.set for o in known),
        )
        for t in known
    )
    return TargetsAt(history=history, in_force=in_force, replaced=replaced, entries=tuple(known))
