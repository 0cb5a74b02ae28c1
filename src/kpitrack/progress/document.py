"""The status document of design §7: what ``kpitrack status --format json`` prints, as data."""

from __future__ import annotations

from typing import Any

from kpitrack.progress.calendar import ExpectedFigure
from kpitrack.progress.forecast import Forecast
from kpitrack.progress.model import (
    ActionLineProgress,
    ActionProgress,
    IndicatorProgress,
    PeriodValue,
    ProgressReport,
)


def status_document(progress: ProgressReport) -> dict[str, Any]:
    """The §7 shape as plain data."""
    return {
        "programme": progress.programme,
        "version": progress.version,
        "as_of": progress.as_of.isoformat(),
        "indicators": [_indicator(i) for i in progress.indicators],
        "action_lines": [_action_line(line) for line in progress.action_lines],
        "actions": [_action(a) for a in progress.actions],
    }


def _indicator(item: IndicatorProgress) -> dict[str, Any]:
    return {
        "id": item.id,
        "action_line": item.action_line,
        "status": item.status,
        "flags": list(item.flags),
        "ratio": None if item.ratio is None else round(item.ratio, 4),
        "baseline": _value(item.baseline),
        "latest": _value(item.latest),
        "target": _value(item.target),
        "explanation": dict(item.explanation),
        "baseline_from_observation": item.baseline_from_observation,
        "progress_achieved": _rounded(item.progress_achieved),
        "progress_expected": _rounded(item.progress_expected),
        "incomplete_periods": list(item.incomplete_periods),
        "original_target": _value(item.original_target),
        "original_status": item.original_status,
        "next_expected": _expected(item.next_expected),
        "forecast": _forecast(item.forecast),
    }


def _action_line(line: ActionLineProgress) -> dict[str, Any]:
    return {
        "id": line.id,
        "counts": dict(line.counts),
        "actions": dict(line.actions),
        "milestones": dict(line.milestones),
    }


def _action(action: ActionProgress) -> dict[str, Any]:
    update = (
        {"date": action.update_date, "note": action.update_note}
        if action.update_date is not None
        else None
    )
    return {
        "id": action.id,
        "action_line": action.action_line,
        "kind": action.kind,
        "owner": action.owner,
        "due": action.due.isoformat(),
        "state": action.state,
        "update": update,
        "parent": action.parent,
        "late_milestones": action.late_milestones,
    }


def _value(pair: PeriodValue | None) -> dict[str, Any] | None:
    if pair is None:
        return None
    return {"period": pair.period, "value": _number(pair.value)}


def _number(value: float) -> float | int:
    # 196.0 reads as a measured fraction; whole figures are written as whole numbers.
    return int(value) if float(value).is_integer() else value


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _expected(figure: ExpectedFigure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {"period": figure.period, "due": figure.due.isoformat()}


def _forecast(found: Forecast | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "method": found.method,
        "points": found.points,
        "first_period": found.first_period,
        "reaches_target": found.reaches_target,
        "value_at_target_period": round(found.value_at_target_period, 4),
        "interval": [round(found.lower, 4), round(found.upper, 4)],
    }
