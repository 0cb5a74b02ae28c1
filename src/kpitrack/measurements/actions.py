"""Validation of action updates: a table with columns ``action, date, status, note`` (design §5).

``action`` names an action or a milestone; only its owner may submit (a milestone's owner
defaults to its action's). ``overdue`` is derived from the due date and never submitted. The
columns may carry their Dutch names (``actie, datum, status, toelichting``) and the states
their Dutch words (``gereed, in uitvoering, gepland, vervallen``); a date is ``2024-12-15`` or,
as Dutch spreadsheets write it, ``15-12-2024``. An update dated after the day it is received is
a warning.
"""

from __future__ import annotations

import re
from datetime import date

from kpitrack.definitions.models import Programme
from kpitrack.measurements.columns import (
    ACTION_FIXED,
    ACTION_OPTIONAL,
    DUTCH_ACTION_COLUMNS,
    DUTCH_ACTION_STATES,
    IGNORED_ACTION_COLUMNS,
)
from kpitrack.measurements.model import SUBMITTABLE_ACTION_STATES
from kpitrack.measurements.readers import Table
from kpitrack.measurements.rows import Checked
from kpitrack.measurements.validate import (
    MAX_COUNTED_ERRORS,
    ErrorSink,
    check_header,
    check_note,
    csv_field,
    escape_text,
    listing,
    wrong_width,
)

__all__ = ["ACTION_FIXED", "ACTION_OPTIONAL", "STORED_ACTION_COLUMNS", "validate_actions"]

STORED_ACTION_COLUMNS = ("row", "action", "date", "status", "note")
"""Column order of a stored action-update file."""


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def is_action_table(header: list[str]) -> bool:
    """An action-update submission names an ``action`` (``actie``) column and no ``indicator``
    column."""
    return ("action" in header or "actie" in header) and "indicator" not in header


def parse_day(text: str) -> date | None:
    """A date as ``2024-12-15`` or ``15-12-2024`` (day-month-year, as Dutch spreadsheets
    write it; ``5-1-2024`` too), or None."""
    try:
        if len(text) == 10 and text[4] == "-":
            return date.fromisoformat(text)
        found = _DAY_MONTH_YEAR.match(text)
        if found is not None:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        return None
    return None


def action_owners(programme: Programme) -> dict[str, str]:
    """Owner of every action and milestone id."""
    owners: dict[str, str] = {}
    for line in programme.action_lines:
        for action in line.actions:
            owners[action.id] = action.owner
            for milestone in action.milestones:
                owners[milestone.id] = milestone.owner or action.owner
    return owners


def validate_actions(
    table: Table,
    programme: Programme,
    partner: str,
    sink: ErrorSink,
    *,
    keep: bool,
    today: date | None = None,
) -> Checked:
    """Check every row of an action-update table; with ``keep`` also return the stored lines.

    An update dated after ``today`` (the day the file is received) is a warning.
    """
    result = Checked()
    columns = check_header(
        table.header,
        ACTION_FIXED,
        ACTION_OPTIONAL,
        sink,
        table.header_row,
        aliases=DUTCH_ACTION_COLUMNS,
        ignored=IGNORED_ACTION_COLUMNS,
    )
    if columns is None:
        return result
    owners = action_owners(programme)
    mine = sorted(a for a, owner in owners.items() if owner == partner)
    states = ", ".join(SUBMITTABLE_ACTION_STATES)
    states += f" (in Dutch: {', '.join(DUTCH_ACTION_STATES)})"
    width = len(table.header)
    ai, di, si = columns["action"], columns["date"], columns["status"]
    ni = columns.get("note", -1)
    for row, cells in table.rows:
        if sink.total >= MAX_COUNTED_ERRORS and sink.gave_up(row):
            break
        if len(cells) != width:
            if not any(cells):
                continue
            if len(cells) > width and not any(cells[width:]):
                cells = cells[:width]
            else:
                wrong_width(cells, width, table.delimiter, row, sink.add)
                continue
        result.rows += 1
        action, text, status = cells[ai], cells[di], cells[si]
        note = cells[ni] if ni >= 0 else ""
        check_note(note, row, ni, sink.add)
        owner = owners.get(action)
        yours = listing(mine) if mine else f"none: partner {partner} owns no action"
        if owner is None:
            sink.add(
                "unknown-action",
                f"unknown action or milestone {action!r}; yours: {yours}",
                row,
                "action",
                ai + 1,
            )
        elif owner != partner:
            sink.add(
                "not-owner",
                f"{action} is updated by {owner}, not by {partner}; yours: {yours}",
                row,
                "action",
                ai + 1,
            )
        day = parse_day(text)
        if day is None:
            sink.add(
                "date",
                f"{text!r} is not a date; write YYYY-MM-DD (e.g. 2020-06-30) or DD-MM-YYYY "
                "(30-06-2020)",
                row,
                "date",
                di + 1,
            )
        else:
            text = day.isoformat()
            if today is not None and day > today:
                sink.warn(
                    "date-future",
                    f"{action} is updated on {text}, after the day it is received "
                    f"({today.isoformat()}): report what has happened, not what is planned",
                    row,
                    "date",
                    di + 1,
                )
        status = DUTCH_ACTION_STATES.get(status.strip().lower(), status)
        if status == "overdue":
            sink.add(
                "status",
                f"'overdue' is derived from the due date and cannot be submitted; use {states}",
                row,
                "status",
                si + 1,
            )
        elif status not in SUBMITTABLE_ACTION_STATES:
            sink.add("status", f"status {status!r} is not one of {states}", row, "status", si + 1)
        key = f"{action}\x1f{text}"
        previous = result.keys.get(key)
        if previous is not None:
            sink.add(
                "duplicate",
                f"{action} on {text} is already updated in row {previous}",
                row,
                "action",
                ai + 1,
            )
        else:
            result.keys[key] = row
        if keep:
            result.lines.append(f"{row},{action},{text},{status},{csv_field(escape_text(note))}\n")
    result.decimal = "point"
    return result
