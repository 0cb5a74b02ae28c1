"""Cells of a submitted table: numbers, decimal marks, text escaping, headers, error collection.

Shared by measurement rows (:mod:`rows`) and action updates (:mod:`actions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from kpitrack.core.numbers import MAX_MAGNITUDE
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

MAX_SOURCE_CHARS = 500
"""A source names a publication; longer sources are errors."""

MAX_WARNINGS_PER_CODE = 100
"""Warnings of one kind listed in full; the rest are counted in one last warning."""

TOO_LARGE = "numbers are at most 10^15 (1,000,000,000,000,000) in magnitude"

FORMULA_START = frozenset("=+-@\t\r'")
_STRICT_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")
_AMBIGUOUS = re.compile(r"^[+-]?\d{1,3}[.,]\d{3}$")
# Digits grouped by three with one mark and decimals after the other (1.234,5 / 1,234.5), or
# grouped more than once (1.234.567): which mark is the decimal one cannot be in doubt.
_GROUPED_COMMA = re.compile(r"^([+-]?\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$")
_GROUPED_POINT = re.compile(r"^([+-]?\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$")

Add = Callable[..., None]

# Decimal evidence of one number: none, a point, a comma; "3" variants look like thousands.
NONE, POINT, POINT3, COMMA, COMMA3 = 0, 1, 2, 3, 4


class ErrorSink:
    """Collects located problems; lists the first 1,000 errors in full and counts the rest.

    Warnings are listed up to :data:`MAX_WARNINGS_PER_CODE` per code and all counted
    (``warning_total``); :meth:`close` adds one line per code saying how many were not listed.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.warnings: list[Problem] = []
        self.total = 0
        self.warning_total = 0
        self._per_code: dict[str, int] = {}
        # Columns as the file names them, where that is another name (``value`` → ``waarde``):
        # problems name the column the partner sees.
        self.names: dict[str, str] = {}

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
            if column is not None and self.names:
                column = self.names.get(column, column)
            self.items.append(Problem(code, message, self.file, row, index, column))

    def extend(self, problems: list[Problem]) -> None:
        """Add problems found elsewhere: errors count as errors, warnings as warnings."""
        for problem in problems:
            if problem.severity == "warning":
                self._listed(problem)
                continue
            self.total += 1
            if self.total <= MAX_LISTED_ERRORS:
                self.items.append(problem)

    def warn(
        self,
        code: str,
        message: str,
        row: int | None = None,
        column: str | None = None,
        index: int | None = None,
    ) -> None:
        """A warning, located like an error (row, column name, column number)."""
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        if column is not None and self.names:
            column = self.names.get(column, column)
        self._listed(Problem(code, message, self.file, row, index, column, severity="warning"))

    def _listed(self, problem: Problem) -> None:
        self.warning_total += 1
        seen = self._per_code.get(problem.code, 0) + 1
        self._per_code[problem.code] = seen
        if seen <= MAX_WARNINGS_PER_CODE:
            self.warnings.append(problem)

    def listed(self, code: str, *, error: bool) -> bool:
        """Whether the next problem of ``code`` would be listed in full, not only counted."""
        if error:
            return self.total < MAX_LISTED_ERRORS
        return self._per_code.get(code, 0) < MAX_WARNINGS_PER_CODE

    def count(self, code: str, *, error: bool, times: int = 1) -> None:
        """Count problems that would not be listed, without making their messages."""
        if error:
            self.total += times
        else:
            self.count_unlisted({code: times})

    def count_unlisted(self, unlisted: dict[str, int]) -> None:
        """Count warnings found elsewhere and not kept (such as a reader's), per code."""
        for code, more in unlisted.items():
            self.warning_total += more
            self._per_code[code] = self._per_code.get(code, 0) + more

    def close(self) -> None:
        """Add one line per code whose warnings were not all listed (once)."""
        for code, seen in self._per_code.items():
            if seen > MAX_WARNINGS_PER_CODE:
                self.warnings.append(
                    Problem(
                        code,
                        f"… and {seen - MAX_WARNINGS_PER_CODE:,} more like these ({seen:,} in all)",
                        self.file,
                        severity="warning",
                    )
                )
        self._per_code = {}

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
    *,
    aliases: Mapping[str, str] | None = None,
    ignored: frozenset[str] = frozenset(),
) -> dict[str, int] | None:
    """Map columns to positions; unknown, duplicate or missing columns are errors.

    ``aliases`` maps other accepted names (Dutch ones, a dimension's label) to a column;
    columns named in ``ignored`` (a template's read-only columns) are recognised and skipped.
    """
    valid = [*fixed, *optional]
    names = dict(zip(valid, valid, strict=True))
    names.update(aliases or {})
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
    for index, name in enumerate(header[:width]):
        column = names.get(name)
        if column is None:
            if name in ignored:
                continue
            folded = name.strip().lower()
            hint = f" (did you mean {folded!r}?)" if folded in names or folded in ignored else ""
            sink.add(
                "unknown-column",
                f"unknown column {name!r}{hint}; valid columns: {', '.join(valid)}"
                f"{_dutch_names(valid, aliases)}",
                row,
                name,
                index + 1,
            )
            ok = False
        elif column in positions:
            again = f"column {name!r} appears twice"
            if header[positions[column]] != name:
                again = f"column {name!r} is column {header[positions[column]]!r} again"
            sink.add("duplicate-column", again, row, name, index + 1)
            ok = False
        else:
            positions[column] = index
    sink.names = {column: header[at] for column, at in positions.items() if header[at] != column}
    missing = [name for name in fixed if name not in positions]
    if missing:
        sink.add(
            "missing-column",
            f"missing column(s) {', '.join(missing)}; a submission needs {', '.join(fixed)}"
            f"{_dutch_names(fixed, aliases)}",
            row,
        )
        ok = False
    return positions if ok else None


def _dutch_names(columns: Iterable[str], aliases: Mapping[str, str] | None) -> str:
    """`` (in Dutch: periode, waarde)`` for the columns that have another name, or ""."""
    other = {column: name for name, column in (aliases or {}).items() if name.isascii()}
    words = [other.get(column, column) for column in columns]
    return f" (or: {', '.join(words)})" if other and words != list(columns) else ""


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
    """A number with a decimal point or comma, finite and at most 10^15 in magnitude
    (:data:`~kpitrack.core.numbers.MAX_MAGNITUDE`): (value, evidence kind, error or "")."""
    # Fast path for the common plain decimal (12.5 / -12,5): no regex, one float().
    body = text[1:] if text[:1] in "+-" else text
    mark = body.find(".")
    if mark < 0:
        mark = body.find(",")
    if mark > 0 and body.isascii() and body[:mark].isdigit() and body[mark + 1 :].isdigit():
        thousands_like = mark <= 3 and len(body) - mark == 4
        if body[mark] == ".":
            value, kind = float(text), POINT3 if thousands_like else POINT
        else:
            value, kind = float(text.replace(",", ".")), COMMA3 if thousands_like else COMMA
    else:
        stripped = text.strip()
        if not _STRICT_NUMBER.match(stripped):
            grouped = _grouped(stripped)
            if grouped is not None:
                return grouped
            if "." in stripped and "," in stripped:
                return (
                    None,
                    NONE,
                    f"{text[:40]!r} is not a number: thousands separators must group three "
                    "digits (1.234,5 or 1,234.5), or leave them out (1234,5)",
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
    # Not finite (1e309 is inf) or beyond the bound: refused, never stored.
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        return None, NONE, f"{text[:40]!r} is too large: {TOO_LARGE}"
    return value, kind, ""


def _grouped(text: str) -> tuple[float | None, int, str] | None:
    """A number with thousands separators whose decimal mark is beyond doubt (``1.234,5``,
    ``1.234.567``, ``1,234.5``), as :func:`parse_number` gives it; None for any other text."""
    for pattern, separator, kind in ((_GROUPED_COMMA, ".", COMMA), (_GROUPED_POINT, ",", POINT)):
        found = pattern.match(text)
        if found is None:
            continue
        whole, decimals = found[1], found[2]
        if decimals is None and whole.count(separator) < 2:
            return None  # 1.234 alone: a decimal or a thousand (decided over the whole file)
        value = float(whole.replace(separator, "") + ("." + decimals if decimals else ""))
        if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            return None, NONE, f"{text[:40]!r} is too large: {TOO_LARGE}"
        return value, kind, ""
    return None


def strip_percent(text: str) -> str | None:
    """The number of a percentage written with its sign (``60%``, ``60 %``, ``60,5%``), or None
    when the text does not end in ``%``."""
    text = text.strip()
    if not text.endswith("%"):
        return None
    body = text[:-1]
    # Excel and Word put a (narrow) no-break space before the sign in Dutch.
    return body[:-1] if body.endswith((" ", "\u00a0", "\u202f")) else body


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
    """A row whose cells do not match the header: located at the first cell beyond the header
    that holds something, or at the first cell the row lacks."""
    message = f"row has {len(cells)} fields, the header has {width}"
    if len(cells) > width:
        # Empty cells beyond the header are accepted (callers trim them): one holds something.
        index = next((i for i in range(width, len(cells)) if cells[i]), width)
        message += (
            f"; column {index + 1} holds {cells[index][:40]!r} but the header has no column "
            "there: remove it, or name its column in the header"
        )
        add("row-width", message, row, None, index + 1)
        return
    other = {",": ";", ";": ","}.get(delimiter or "")
    if other and other in "".join(cells):
        message += (
            f"; the header uses {delimiter!r} but this row seems to use {other!r}: "
            "use one delimiter for the whole file"
        )
    add("row-width", message, row, None, len(cells) + 1)


def decide_decimal(
    evidence: list[int],
    first_row: list[int],
    first_column: list[int],
    names: Mapping[int, str],
    delimiter: str | None,
    sink: ErrorSink,
) -> str:
    """Decimal point or comma, from every number in the file; mixed or ambiguous is an error.

    ``first_row``/``first_column`` locate the first number of each evidence kind (column
    numbers from 1); ``names`` gives the column (``value``, ``lower``, ``upper``) at a number.
    """
    points = evidence[POINT] + evidence[POINT3]
    commas = evidence[COMMA] + evidence[COMMA3]

    def first(kind: int, other: int) -> tuple[int, int]:
        found = kind if first_row[kind] else other
        return first_row[found], first_column[found]

    if points and commas:
        # Located at the later of the two first numbers (its row, then its column).
        earlier, later = sorted((first(POINT, POINT3), first(COMMA, COMMA3)))
        sink.add(
            "decimal-mixed",
            f"the file mixes decimal points and decimal commas (e.g. rows "
            f"{earlier[0]} and {later[0]}); use one decimal mark",
            later[0],
            names.get(later[1]),
            later[1],
        )
        return "point"
    if commas:
        if not evidence[COMMA] and delimiter == ",":
            row, column = first_row[COMMA3], first_column[COMMA3]
            sink.add(
                "decimal-ambiguous",
                ambiguous_message(",", row),
                row,
                names.get(column),
                column,
            )
        return "comma"
    if evidence[POINT3] and not evidence[POINT] and delimiter == ";":
        row, column = first_row[POINT3], first_column[POINT3]
        sink.add("decimal-ambiguous", ambiguous_message(".", row), row, names.get(column), column)
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
