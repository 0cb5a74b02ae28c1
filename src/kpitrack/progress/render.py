"""`kpitrack status` output: the JSON of design §7 and a table for the terminal.

Only layout here: every number and word comes from the progress report or kpitrack.i18n.
"""

from __future__ import annotations

import json
from typing import Any

from kpitrack.i18n import STATUS_ICONS
from kpitrack.progress.model import (
    ActionLineProgress,
    ActionProgress,
    IndicatorProgress,
    PeriodValue,
    ProgressReport,
)

# Status is shown by an icon and a word, never by colour alone.
_STATUS_STYLES: dict[str, str] = {
    "achieved": "green",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "deteriorating": "red bold",
    "monitoring": "cyan",
    "no_data": "dim",
}


def status_json(progress: ProgressReport) -> str:
    """The ``status --format json`` document of design §7 (stable key order, ratio to 4 places)."""
    return json.dumps(status_document(progress), ensure_ascii=False, indent=2)


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


def print_table(progress: ProgressReport) -> None:
    """Print the status per indicator, the roll-up per action line and the overdue actions."""
    from rich.console import Console
    from rich.table import Table

    from kpitrack.i18n import format_number

    console = Console()
    table = Table(
        title=f"{progress.programme} {progress.version} — status as of {progress.as_of}",
        title_justify="left",
    )
    for column in ("action line", "indicator", "status", "latest", "target", "ratio", "flags"):
        table.add_column(
            column, justify="right" if column == "ratio" else "left", no_wrap=column == "status"
        )
    for item in progress.indicators:
        table.add_row(
            item.action_line,
            item.id,
            f"[{_STATUS_STYLES[item.status]}]{status_text(item.status)}[/]",
            _pair(item.latest),
            _pair(item.target),
            "" if item.ratio is None else format_number(item.ratio, "en", 2),
            ", ".join(item.flags),
        )
    console.print(table)

    legend = "  ".join(status_text(status) for status in STATUS_ICONS)
    lines = Table(title="Per action line", title_justify="left", caption=legend)
    lines.add_column("action line")
    for icon in STATUS_ICONS.values():
        lines.add_column(icon, justify="right")
    lines.add_column("actions", justify="left")
    for line in progress.action_lines:
        actions = ", ".join(f"{state} {n}" for state, n in line.actions.items() if n)
        lines.add_row(line.id, *(str(line.counts.get(s, 0)) for s in STATUS_ICONS), actions)
    console.print(lines)

    overdue = [a for a in progress.actions if a.state == "overdue"]
    if overdue:
        late = Table(title="Overdue actions and milestones", title_justify="left")
        for column in ("id", "kind", "owner", "due", "last update"):
            late.add_column(column)
        for action in overdue:
            update = f"{action.update_date}: {action.update_note}" if action.update_date else ""
            late.add_row(action.id, action.kind, action.owner, action.due.isoformat(), update)
        console.print(late)
    else:
        console.print("No overdue actions or milestones.")


def status_text(status: str) -> str:
    """Icon and name of a status, e.g. "▲ at_risk"."""
    return f"{STATUS_ICONS.get(status, '?')} {status}"


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


def _pair(pair: PeriodValue | None) -> str:
    if pair is None:
        return "—"
    from kpitrack.i18n import format_number

    return f"{format_number(pair.value, 'en')} ({pair.period})"
