"""Reading a submitted workbook: the sheet ``data`` (or the only sheet) as a table of strings.

Problems name cells as Excel does (``C7``; ``'Blad 2'!B3`` on another sheet than the data
sheet). A formula cell is an error: kpitrack reads values only, and the message says how to
paste values over formulas. What a partner cannot see when checking the workbook is a warning
naming the cell, never an error:

- the data sheet hidden, or another hidden (or very hidden) sheet holding values, which are not
  read (the template's hidden ``codes`` sheet of drop-down lists excepted);
- values in hidden rows or hidden columns of the data sheet (read as submitted);
- a number whose format shows another number (``0`` on 12.6 shows 13; ``0%`` on 0.605 shows
  61%): the value held is read (:mod:`numformat`).

A number in a cell formatted as a percentage is read as the percentage it shows (0.6 under
``0%`` as ``60%``), as the partner typed it; the row check then takes it for a percentage
indicator and refuses it for any other.

The sheet is read once, as openpyxl's read-only mode reads it, with the row and column
attributes (hidden) and the cell styles (number formats) kept.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from kpitrack.core.problems import Problem
from kpitrack.measurements.numformat import NumberFormat, parse_format
from kpitrack.measurements.readers import MAX_XLSX_UNPACKED, Row, Table, unusable

TEMPLATE_CODES_SHEET = "codes"
"""The template's hidden sheet of drop-down lists: hidden on purpose, never warned about."""

PASTE_VALUES = (
    "kpitrack reads values only: select the cells, copy them and paste them back as values "
    "(Paste Special → Values; in Dutch Excel: Plakken speciaal → Waarden)"
)

_BROKEN_PART = (
    zipfile.BadZipFile,
    EOFError,
    KeyError,
    OSError,
    RuntimeError,  # zipfile: encrypted part, unsupported version or compression
    SyntaxError,
    TypeError,
    ValueError,
    zlib.error,
)
_MAX_COLUMN = 16_384  # XFD, the last column of a sheet


def column_letter(index: int) -> str:
    """``A`` for 1, ``Z`` for 26, ``AA`` for 27 (Excel's column names)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int, sheet: str | None = None) -> str:
    """``C7``, or ``'Blad 2'!C7`` on a named sheet (quoted as Excel quotes it)."""
    name = f"{column_letter(column)}{row}"
    if sheet is None:
        return name
    plain = sheet.replace("_", "").isalnum()
    return f"{sheet}!{name}" if plain else "'" + sheet.replace("'", "''") + f"'!{name}"


def read_xlsx(name: str, data: bytes) -> Table:
    """Read the sheet ``data`` (or the only sheet) of a workbook; formula cells are errors."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Declared sizes bind: zipfile stops (CRC error) at a part that unpacks to more.
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            return unusable(
                name,
                "xlsx-too-large",
                f"the workbook unpacks to {unpacked / 1048576:,.0f} MiB; the limit is "
                f"{MAX_XLSX_UNPACKED // 1048576} MiB: split it (per year or per indicator)",
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _BROKEN_PART as exc:
        return unusable(name, "xlsx-unreadable", f"not a readable .xlsx workbook ({exc})")
    names = book.sheetnames
    if "data" in names:
        sheet = book["data"]
    elif len(names) == 1:
        sheet = book[names[0]]
    else:
        return unusable(
            name,
            "xlsx-sheet",
            f"the workbook has sheets {', '.join(names)}: put the figures on a sheet named 'data'",
        )
    table = Table(file=name, header=[], rows=iter(()), delimiter=None, sheet=sheet.title)
    _hidden_sheets(book, sheet, table)
    rows = _SheetReader(book, sheet, table).rows()
    for row_number, cells in rows:
        if any(cells):
            table.header = cells
            table.header_row = row_number
            break
    width = len(table.header)
    # A sheet stores no trailing empty cells: pad each row to the header's width.
    # Blank rows (formatted but empty cells) are skipped.
    table.rows = ((n, c + [""] * (width - len(c)) if len(c) < width else c) for n, c in rows if c)
    return table


def _hidden_sheets(book: Any, data_sheet: Any, table: Table) -> None:
    """Warn about a hidden data sheet and about values on other hidden sheets."""
    for sheet in book.worksheets:
        state = getattr(sheet, "sheet_state", "visible")
        if state == "visible":
            continue
        how = "very hidden (only the VBA editor shows it)" if state == "veryHidden" else "hidden"
        if sheet is data_sheet:
            table.warn(
                _warning(
                    table,
                    "xlsx-hidden-sheet",
                    f"the sheet {sheet.title!r} is {how}: its values are read as submitted; "
                    "unhide it to check them",
                )
            )
            continue
        if sheet.title == TEMPLATE_CODES_SHEET and state == "hidden":
            continue
        first = _first_value(sheet)
        if first is not None:
            table.warn(
                _warning(
                    table,
                    "xlsx-hidden-sheet",
                    f"the sheet {sheet.title!r} is {how} and holds values (the first in "
                    f"{cell_name(*first, sheet.title)}); only the sheet "
                    f"{data_sheet.title!r} is read: move figures there, or delete the sheet",
                )
            )


def _first_value(sheet: Any) -> tuple[int, int] | None:
    """Row and column of the first cell holding something, or None (a damaged part: None)."""
    try:
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) not in (None, ""):
                    return cell.row, cell.column
    except _BROKEN_PART:
        return None
    return None


def _warning(
    table: Table, code: str, message: str, row: int | None = None, column: int | None = None
) -> Problem:
    return Problem(code, message, table.file, row, column, severity="warning")


class _SheetReader:
    """One pass over the data sheet: cells as text, formulas refused, what is hidden noted."""

    def __init__(self, book: Any, sheet: Any, table: Table) -> None:
        self.book = book
        self.sheet = sheet
        self.table = table
        self.formats: dict[int, NumberFormat | None] = {}
        self.hidden_columns: set[int] | None = None  # known once the first row is read
        self.warned_columns: set[int] = set()

    def rows(self) -> Iterator[Row]:
        from openpyxl.worksheet._reader import WorkSheetParser

        book, table = self.book, self.table
        try:
            with self.sheet._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    self.sheet._shared_strings,
                    data_only=False,
                    epoch=book.epoch,
                    date_formats=book._date_formats,
                    timedelta_formats=book._timedelta_formats,
                )
                for row_number, cells in parser.parse():
                    if self.hidden_columns is None:
                        self.hidden_columns = _hidden_columns(parser.column_dimensions)
                    hidden_row = _is_hidden(parser.row_dimensions.get(str(row_number)))
                    yield row_number, self._values(row_number, cells, hidden_row)
        except _BROKEN_PART as exc:
            # A part that lies about its size or holds broken XML is found only while reading.
            table.problems.append(
                Problem(
                    "xlsx-unreadable",
                    f"the workbook is damaged ({type(exc).__name__}); the rest was not read",
                    file=table.file,
                )
            )

    def _values(self, row: int, cells: list[dict[str, Any]], hidden_row: bool) -> list[str]:
        values: list[str] = []
        first_value = 0
        for cell in cells:
            column = cell["column"]
            if not 0 < column <= _MAX_COLUMN or column <= len(values):
                continue  # out of the sheet, or a cell given twice: the first one counts
            values.extend([""] * (column - 1 - len(values)))
            value = cell["value"]
            if cell["data_type"] == "f":
                header = self.table.header  # known once the header row has been read
                self.table.problems.append(
                    Problem(
                        "xlsx-formula",
                        f"cell {cell_name(row, column)} holds a formula ({str(value)[:60]}); "
                        + PASTE_VALUES,
                        self.table.file,
                        row,
                        column,
                        header[column - 1] or None if column <= len(header) else None,
                    )
                )
                values.append("")
                continue
            text = _cell_text(value)
            if text and isinstance(value, (int, float)) and not isinstance(value, bool):
                text = self._number(row, column, value, text, cell["style_id"])
            values.append(text)
            if not text:
                continue
            first_value = first_value or column
            if self.hidden_columns and column in self.hidden_columns and self.table.header:
                self._hidden_column(row, column)  # a value below the header, not the header
        if hidden_row and first_value:
            self.table.warn(
                _warning(
                    self.table,
                    "xlsx-hidden-row",
                    f"row {row} is hidden and holds values (the first in "
                    f"{cell_name(row, first_value)}); they are read as submitted: unhide the "
                    "row to check them",
                    row,
                    first_value,
                )
            )
        while values and values[-1] == "":
            values.pop()
        return values

    def _number(self, row: int, column: int, value: float, text: str, style: int) -> str:
        """The text read for a number cell: as typed (``60%`` in a percentage cell), with a
        warning when its number format shows another number."""
        try:
            form = self.formats[style]
        except KeyError:
            form = self.formats[style] = parse_format(_format_code(self.book, style))
        if form is None:
            return text
        number = float(value)
        text = form.percent_text(number) or text
        shown = form.shown(number)
        if shown is not None:
            self.table.warn(
                _warning(
                    self.table,
                    "xlsx-number-format",
                    f"cell {cell_name(row, column)} shows {shown} but holds {text} (number "
                    f"format {_format_code(self.book, style)!r}); {text} is read: check that it "
                    "is the figure you mean, or show more decimals",
                    row,
                    column,
                )
            )
        return text

    def _hidden_column(self, row: int, column: int) -> None:
        if column in self.warned_columns:
            return
        self.warned_columns.add(column)
        self.table.warn(
            _warning(
                self.table,
                "xlsx-hidden-column",
                f"column {column_letter(column)} is hidden and holds values (the first in "
                f"{cell_name(row, column)}); they are read as submitted: unhide the column to "
                "check them",
                row,
                column,
            )
        )


def _is_hidden(attributes: dict[str, str] | None) -> bool:
    return attributes is not None and attributes.get("hidden") in ("1", "true")


def _hidden_columns(dimensions: dict[str, dict[str, str]]) -> set[int]:
    hidden: set[int] = set()
    for attributes in dimensions.values():
        if not _is_hidden(attributes):
            continue
        try:
            low, high = int(attributes["min"]), int(attributes["max"])
        except (KeyError, ValueError):
            continue
        hidden.update(range(max(low, 1), min(high, _MAX_COLUMN) + 1))
    return hidden


def _format_code(book: Any, style: int) -> str:
    """The number format of a cell style (openpyxl's read-only cells look it up the same way)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        number = book._cell_styles[style].numFmtId
        if number < BUILTIN_FORMATS_MAX_SIZE:
            return str(BUILTIN_FORMATS.get(number, "General"))
        return str(book._number_formats[number - BUILTIN_FORMATS_MAX_SIZE])
    except (IndexError, AttributeError, TypeError):
        return "General"  # a damaged style table: nothing to compare with


def _cell_text(value: object) -> str:
    """A cell as the text a partner would have typed (numbers without float noise)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
