"""What is still expected, as files: JSON, CSV for a mail merge, iCalendar for calendars.

``kpitrack due --format json|csv|ics`` writes these, and the portal offers a partner its own
list as CSV and iCalendar. Same data and as-of date → byte-identical output.

The iCalendar file follows RFC 5545: ``VCALENDAR`` with one all-day ``VEVENT`` per outstanding
item (``DTSTART;VALUE=DATE`` the due day), a ``UID`` made from the programme, partner, item and
period (a calendar that imports the file again updates its events instead of doubling them),
``DTSTAMP`` the as-of date, text escaped, lines folded at 75 octets, CRLF line endings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kpitrack.i18n import local_text
from kpitrack.progress.due import DueList
from kpitrack.workspace import Workspace

CSV_COLUMNS = (
    "partner_id",
    "partner_name",
    "contact",
    "kind",
    "id",
    "what",
    "period",
    "due",
    "state",
)
"""Columns of ``kpitrack due --format csv`` (kind: figure, action or milestone)."""
PRODID = "-//kpitrack//due//EN"


@dataclass(frozen=True, slots=True)
class DueRow:
    """One outstanding item, flat: what a line of text, CSV or a calendar event shows."""

    partner: str
    partner_name: str
    kind: str  # "figure" | "action" | "milestone"
    id: str
    what: str  # the indicator's name or the action's title, in the chosen language
    period: str  # "" for actions and milestones
    due: date
    state: str  # "late" | "upcoming"


def due_rows(due: DueList, workspace: Workspace, lang: str | None = None) -> Iterator[DueRow]:
    """Every outstanding item, partner by partner (figures, then actions), names in ``lang``."""
    lang = lang or workspace.languages[0]
    titles: dict[str, object] = {a.id: a.title for _, a in workspace.actions()}
    titles.update({m.id: m.title for _, _, m in workspace.milestones()})
    for partner in due.partners:
        name = local_text(workspace.partner(partner.partner).name, lang)
        for figure in partner.figures:
            indicator = workspace.indicators[figure.indicator]
            yield DueRow(
                partner.partner,
                name,
                "figure",
                figure.indicator,
                local_text(indicator.name, lang),
                figure.period,
                figure.due,
                figure.state,
            )
        for action in partner.actions:
            yield DueRow(
                partner.partner,
                name,
                action.kind,
                action.id,
                local_text(titles.get(action.id, action.id), lang),
                "",
                action.due,
                action.state,
            )


def due_document(
    due: DueList, workspace: Workspace, contacts: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``kpitrack due --format json``: every partner with what it still owes."""
    lang = workspace.languages[0]
    rows = list(due_rows(due, workspace, lang))
    contacts = contacts or {}
    return {
        "programme": due.programme,
        "as_of": due.as_of.isoformat(),
        "until": due.until.isoformat(),
        "partners": [
            {
                "id": p.partner,
                "name": local_text(workspace.partner(p.partner).name, lang),
                "contact": contacts.get(p.partner) or None,
                "figures": [
                    {
                        "indicator": r.id,
                        "name": r.what,
                        "period": r.period,
                        "due": r.due.isoformat(),
                        "state": r.state,
                    }
                    for r in rows
                    if r.partner == p.partner and r.kind == "figure"
                ],
                "actions": [
                    {
                        "id": r.id,
                        "kind": r.kind,
                        "title": r.what,
                        "due": r.due.isoformat(),
                        "state": r.state,
                    }
                    for r in rows
                    if r.partner == p.partner and r.kind != "figure"
                ],
            }
            for p in due.partners
        ],
    }


def due_csv(
    due: DueList,
    workspace: Workspace,
    contacts: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> str:
    """One row per outstanding item, for a mail merge (columns :data:`CSV_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    contacts = contacts or {}
    for row in due_rows(due, workspace, lang):
        writer.writerow(
            [
                row.partner,
                _cell(row.partner_name),
                _cell(contacts.get(row.partner, "")),
                row.kind,
                row.id,
                _cell(row.what),
                row.period,
                row.due.isoformat(),
                row.state,
            ]
        )
    return out.getvalue()


def due_ics(due: DueList, workspace: Workspace, lang: str | None = None) -> str:
    """An iCalendar (RFC 5545) with one all-day event per outstanding item on its due day."""
    stamp = f"{due.as_of:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(due.programme)}",
    ]
    for row in due_rows(due, workspace, lang):
        label = f"{row.what} {row.period}".strip()
        uid_part = row.period or "due"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{due.programme}.{row.partner}.{row.kind}.{row.id}.{uid_part}@kpitrack",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{row.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{row.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_text(f'{row.partner_name}: {label} ({row.id})')}",
            f"DESCRIPTION:{_text(_description(row))}",
            f"CATEGORIES:{row.state.upper()}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _description(row: DueRow) -> str:
    what = {"figure": "figure", "action": "action", "milestone": "milestone"}[row.kind]
    when = "late: was due" if row.state == "late" else "due"
    period = f" for {row.period}" if row.period else ""
    return f"{row.partner_name}: {what} {row.id}{period}, {when} {row.due.isoformat()}."


def _text(value: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str, limit: int = 75) -> str:
    """A content line folded into parts of at most ``limit`` octets (RFC 5545 3.1).

    Each continuation starts with a space (counted in its octets); a multi-byte character is
    never split.
    """
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        room = limit if not parts else limit - 1
        if size + width > room:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
