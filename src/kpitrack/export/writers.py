"""Tables as bytes: RFC 4180 CSV and XLSX, both byte-identical for the same table.

Text that a spreadsheet would evaluate (starting with ``= + - @``, a tab or a carriage return)
never becomes a formula: in CSV it carries a leading apostrophe, as in the store; in XLSX it is
a string cell with Excel's quote prefix, shown as written and kept as text when edited.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from typing import Any

from kpitrack.core.numbers import plain_number
from kpitrack.export.table import Cell, Table
from kpitrack.measurements.validate import FORMULA_START, escape_text

# Zip entries carry this time, so the same table gives the same bytes (as the Word report).
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def csv_text(cell: Cell) -> str:
    """One cell as CSV text: empty for None, true/false, shortest exact number, escaped text."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return plain_number(cell)
    return escape_text(cell)


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 (no byte order mark), comma-separated, CRLF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def table_csv(table: Table) -> bytes:
    """A table as CSV: a header of column names, then one line per row."""
    return csv_bytes(
        [column.name for column in table.columns],
        [[csv_text(cell) for cell in row] for row in table.rows],
    )


def table_xlsx(table: Table, when: datetime) -> bytes:
    """A table as a workbook: the data sheet (frozen header, filters) and a sheet of columns."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name
    bold = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        _text_cell(sheet.cell(1, index), column.name).font = bold
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            _value_cell(sheet.cell(r, c), value)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column.name) + 2)

    about = workbook.create_sheet("columns")
    for c, heading in enumerate(("column", "type", "description"), start=1):
        _text_cell(about.cell(1, c), heading).font = bold
    for r, column in enumerate(table.columns, start=2):
        for c, text in enumerate((column.name, column.type, column.description), start=1):
            _text_cell(about.cell(r, c), text)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["C"].width = 100
    return _stable_xlsx(workbook, when)


def _value_cell(cell: Any, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, str):
        _text_cell(cell, value)
    else:
        cell.value = value


def _text_cell(cell: Any, text: str) -> Any:
    # openpyxl stores a string starting with "=" as a formula unless the type is set to text.
    cell.value = text
    cell.data_type = "s"
    if text and text[0] in FORMULA_START:
        cell.quotePrefix = True
    return cell


def _stable_xlsx(workbook: Any, when: datetime) -> bytes:
    """The workbook's bytes with fixed document dates and zip entry times."""
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = "kpitrack"
    workbook.properties.created = when
    workbook.properties.modified = when
    raw = io.BytesIO()
    # ExcelWriter, not save_workbook: that one stamps the current time as "modified".
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    stable = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info))
    return stable.getvalue()
