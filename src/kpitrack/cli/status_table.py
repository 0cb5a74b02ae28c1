"""`kpitrack status` as a table for the terminal (the JSON is :mod:`kpitrack.progress.document`).

Only layout here: every number and word comes from the progress report or kpitrack.i18n.
"""

from __future__ import annotations

import json
import sys

from kpitrack.i18n import STATUS_ICONS
from kpitrack.progress.document import status_document
from kpitrack.progress.model import PeriodValue, ProgressReport

_PIPED_WIDTH = 1000

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


def print_table(progress: ProgressReport) -> None:
    """Print the status per indicator, the roll-up per action line and the overdue actions."""
    from rich.console import Console
    from rich.table import Table

    from kpitrack.i18n import format_number

    # Piped into a file or another program, the table takes the width it needs: nothing is cut.
    console = Console() if sys.stdout.isatty() else Console(width=_PIPED_WIDTH)
    table = Table(
        title=f"{progress.programme} {progress.version} — status as of {progress.as_of}",
        title_justify="left",
    )
    for column in ("action line", "indicator", "status", "latest", "target", "ratio", "flags"):
        table.add_column(
            column,
            justify="right" if column == "ratio" else "left",
            no_wrap=column == "status",
            overflow="fold",  # a narrow terminal wraps ids, never cuts them
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

    late = [a for a in progress.actions if a.state in ("overdue", "not_reported")]
    if late:
        table = Table(title="Actions and milestones past their due date", title_justify="left")
        for column in ("id", "kind", "owner", "due", "state", "last update"):
            table.add_column(column)
        for action in late:
            update = f"{action.update_date}: {action.update_note}" if action.update_date else ""
            table.add_row(
                action.id, action.kind, action.owner, action.due.isoformat(), action.state, update
            )
        console.print(table)
    else:
        console.print("No actions or milestones past their due date.")


def status_text(status: str) -> str:
    """Icon and name of a status, e.g. "▲ at_risk"."""
    return f"{STATUS_ICONS.get(status, '?')} {status}"


def _pair(pair: PeriodValue | None) -> str:
    if pair is None:
        return "—"
    from kpitrack.i18n import format_number

    return f"{format_number(pair.value, 'en')} ({pair.period})"


def status_json(progress: ProgressReport) -> str:
    """The ``status --format json`` document of design §7 (stable key order, ratio to 4 places)."""
    return json.dumps(status_document(progress), ensure_ascii=False, indent=2)
