"""Cells of a submitted table: numbers, decimal marks, text escaping, headers, error collection.

Shared by measurement rows (:mod:`rows`) and action updates (:mod:`actions`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from kpitrack.core.problems import Problem

MAX_LISTED_ERRORS = 1000
"""Errors listed in full; the rest are counted (a garbage file must not drown the terminal)."""

MAX_COLUMNS = 200
"""More header cells than this are refused at once (far more than any programme has codelists)."""

MAX_NOTE_CHARS = 2_000
"""A note is a caveat shown with the figure, not a document: longer notes are errors."""

MAX_MESSAGE_CHARS = 500
"""Messages quote the offending cell; a huge cell is cut so the report stays readable."""

MAX_COUNTED_ERRORS = 100_000
"""Validation stops after this many errors (with a warning): garbage is rejected in seconds."""

FORMULA_START = frozenset("=+-@\t\r'")
_STRICT_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")

Add = Callable[..., None]

# Decimal evidence of one number: none, a point, a comma; "3" variants look like thousands.
NONE, POINT, POINT3, COMMA, COMMA3 = 0, 1, 2, 3, 4


class ErrorSink:
    """Collects located problems; lists the first 1,000 errors in full and counts the rest."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []
        self.total = 0

    def add(
        self,
        code: str,
        message: str,
        row: int | None = None,
        column: str | None = None,
        index: int | None = None,
    ) -> None:
        self.total += 1
        if self.total <= MAX_LISTED_ERRORS:
            if len(message) > MAX_MESSAGE_CHARS:
                message = message[: MAX_MESSAGE_CHARS - 1] + "…"
            self.items.append(Problem(code, message, self.file, row, index, column))

    def extend(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.total += 1
            if self.total <= MAX_LISTED_ERRORS:
                self.items.append(problem)

    def warn(self, code: str, message: str, row: int | None = None) -> None:
        self.warnings.append(Problem(code, message, self.file, row, severity="warning"))

    def gave_up(self, row: int) -> bool:
        """True (once warned) when so many errors are found that checking the rest is pointless."""
        if self.total < MAX_COUNTED_ERRORS:
            return False
        self.warn(
            "too-many-errors",
            f"checking stopped at row {row} after {MAX_COUNTED_ERRORS:,} errors; the rest of "
            "the file was not checked",
            row,
        )
        return True


def check_header(
    header: list[str],
    fixed: tuple[str, ...],
    optional: tuple[str, ...],
    sink: ErrorSink,
    row: int = 1,
) -> dict[str, int] | None:
    """Map column names to positions; unknown, duplicate or missing columns are errors."""
    valid = [*fixed, *optional]
    width = len(header)
    while width and header[width - 1] == "":
        width -= 1
    if width > MAX_COLUMNS:
        sink.add(
            "too-many-columns",
            f"the header has {width:,} columns; a submission has at most {MAX_COLUMNS} "
            f"({', '.join(valid)})",
            row,
        )
        return None
    positions: dict[str, int] = {}
    ok = True
    for index, name in enumerate(header):
        if name == "" and all(cell == "" for cell in header[index:]):
            break  # trailing empty header cells (spreadsheets leave them)
        if name not in valid:
            hint = (
                f" (did you mean {name.strip().lower()!r}?)"
                if name.strip().lower() in valid
                else ""
            )
            sink.add(
                "unknown-column",
                f"unknown column {name!r}{hint}; valid columns: {', '.join(valid)}",
                row,
                name,
                index + 1,
            )
            ok = False
        elif name in positions:
            sink.add("duplicate-column", f"column {name!r} appears twice", row, name, index + 1)
            ok = False
        else:
            positions[name] = index
    missing = [name for name in fixed if name not in positions]
    if missing:
        sink.add(
            "missing-column",
            f"missing column(s) {', '.join(missing)}; a submission needs {', '.join(fixed)}",
            row,
        )
        ok = False
    return positions if ok else None


def escape_text(text: str) -> str:
    """Prefix text a spreadsheet would evaluate with ``'``; :func:`unescape_text` undoes it."""
    return "'" + text if text and text[0] in FORMULA_START else text


def unescape_text(text: str) -> str:
    """Exact inverse of :func:`escape_text`."""
    return text[1:] if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START else text


def csv_field(text: str) -> str:
    """One CSV field (comma-delimited), quoted only when needed."""
    if any(ch in text for ch in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def parse_number(text: str) -> tuple[float | None, int, str]:
    """A finite number with a decimal point or comma: (value, evidence kind, error or "")."""
    # Fast path for the common plain decimal (12.5 / -12,5): no regex, one float().
    body = text[1:] if text[:1] in "+-" else text
    mark = body.find(".")
    if mark < 0:
        mark = body.find(",")
    if mark > 0 and body.isascii() and body[:mark].isdigit() and body[mark + 1 :].isdigit():
        thousands_like = mark <= 3 and len(body) - mark == 4
        if body[mark] == ".":
            return float(text), POINT3 if thousands_like else POINT, ""
        return float(text.replace(",", ".")), COMMA3 if thousands_like else COMMA, ""
    stripped = text.strip()
    if not _STRICT_NUMBER.match(stripped):
        if "." in stripped and "," in stripped:
            return (
                None,
                NONE,
                (f"{text!r}: thousands separators are not allowed; write 1234.5 or 1234,5"),
            )
        return None, NONE, f"{text!r} is not a number; write digits like 1234 or 12.5 or 12,5"
    ambiguous = _AMBIGUOUS.match(stripped) is not None
    if "," in stripped:
        kind = COMMA3 if ambiguous else COMMA
        stripped = stripped.replace(",", ".")
    elif "." in stripped:
        kind = POINT3 if ambiguous else POINT
    else:
        kind = NONE
    value = float(stripped)
    if not math.isfinite(value):
        return None, NONE, f"{text!r} is too large to be a number"
    return value, kind, ""


def check_note(note: str, row: int, index: int, add: Add) -> None:
    """A note longer than :data:`MAX_NOTE_CHARS` is an error located at its cell."""
    if len(note) > MAX_NOTE_CHARS:
        add(
            "note-too-long",
            f"note has {len(note):,} characters; at most {MAX_NOTE_CHARS:,}",
            row,
            "note",
            index + 1,
        )


def wrong_width(cells: list[str], width: int, delimiter: str | None, row: int, add: Add) -> None:
    message = f"row has {len(cells)} fields, the header has {width}"
    other = {",": ";", ";": ","}.get(delimiter or "")
    if other and len(cells) < width and other in "".join(cells):
        message += (
            f"; the header uses {delimiter!r} but this row seems to use {other!r}: "
            "use one delimiter for the whole file"
        )
    add("row-width", message, row)


def decide_decimal(
    evidence: list[int], first_row: list[int], delimiter: str | None, sink: ErrorSink
) -> str:
    """Decimal point or comma, from every number in the file; mixed or ambiguous is an error."""
    points = evidence[POINT] + evidence[POINT3]
    commas = evidence[COMMA] + evidence[COMMA3]
    if points and commas:
        rows = sorted(
            r
            for r in (
                first_row[POINT] or first_row[POINT3],
                first_row[COMMA] or first_row[COMMA3],
            )
        )
        sink.add(
            "decimal-mixed",
            f"the file mixes decimal points and decimal commas (e.g. rows "
            f"{rows[0]} and {rows[1]}); use one decimal mark",
            rows[1],
        )
        return "point"
    if commas:
        if not evidence[COMMA] and delimiter == ",":
            sink.add(
                "decimal-ambiguous", ambiguous_message(",", first_row[COMMA3]), first_row[COMMA3]
            )
        return "comma"
    if evidence[POINT3] and not evidence[POINT] and delimiter == ";":
        sink.add("decimal-ambiguous", ambiguous_message(".", first_row[POINT3]), first_row[POINT3])
    return "point"


def ambiguous_message(mark: str, row: int) -> str:
    return (
        f"numbers like 1{mark}234 (first in row {row}) could be a decimal or a thousands "
        "separator and no other number settles it; write whole numbers without separators "
        "(1234) or give the decimals unambiguously (1234.5 / 1234,5)"
    )


def listing(values: Iterable[str], limit: int = 20) -> str:
    items = sorted(values)
    shown = ", ".join(items[:limit])
    return shown + (f", … ({len(items)} in all)" if len(items) > limit else "")
