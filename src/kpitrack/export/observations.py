"""Accepted observations as exported: every stored row, or the current value per key.

The small-cell rule (:mod:`kpitrack.progress.disclosure`) decides which cells are withheld;
a withheld row keeps its key, status and provenance and loses everything that would give the
count away: the value, the interval, the note and the value it replaced. A cell is withheld in
every row of its history (see :func:`~kpitrack.progress.disclosure.withheld_in_history`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kpitrack.core.periods import period, period_end
from kpitrack.measurements.model import Observation
from kpitrack.progress.disclosure import Key, Withheld, applies, withheld_in_history
from kpitrack.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ExportedObservation:
    """A stored observation with what the export may show of it."""

    observation: Observation
    withheld: Withheld | None  # why the value is not shown, None when it is
    current: bool  # the newest submission for its key

    @property
    def value(self) -> float | None:
        return None if self.withheld else self.observation.value

    @property
    def lower(self) -> float | None:
        return None if self.withheld else self.observation.lower

    @property
    def upper(self) -> float | None:
        return None if self.withheld else self.observation.upper

    @property
    def note(self) -> str:
        return "" if self.withheld else self.observation.note

    @property
    def revised_from(self) -> float | None:
        # Withholding is per key, so the value replaced (same key) is withheld with this one.
        return None if self.withheld else self.observation.revised_from


def history(workspace: Workspace, as_of: date) -> list[ExportedObservation]:
    """Every stored observation of a period ending on or before ``as_of``, in submission order."""
    observations = [o for o in workspace.observations() if period_end(o.period) <= as_of]
    withheld = _withheld(workspace, observations)
    newest: dict[Key, int] = {}
    for obs in observations:
        newest[obs.key] = max(newest.get(obs.key, 0), obs.provenance.submission)
    return [
        ExportedObservation(
            observation=obs,
            withheld=withheld.get(obs.key),
            current=newest[obs.key] == obs.provenance.submission,
        )
        for obs in observations
    ]


def current(workspace: Workspace, as_of: date) -> list[ExportedObservation]:
    """The current value per (indicator, period, breakdown), ordered as series: indicator,
    breakdown, then time."""
    rows = [row for row in history(workspace, as_of) if row.current]
    return sorted(rows, key=_series_order)


def _withheld(workspace: Workspace, observations: list[Observation]) -> dict[Key, Withheld]:
    min_count = workspace.programme.disclosure.min_count
    counted = {
        indicator.id
        for indicator in workspace.indicators.values()
        if applies(indicator.measure, min_count)
    }
    return withheld_in_history((o for o in observations if o.indicator in counted), min_count)


def _series_order(row: ExportedObservation) -> tuple[str, tuple[tuple[str, str], ...], object]:
    obs = row.observation
    return (obs.indicator, obs.breakdown, period(obs.period))
