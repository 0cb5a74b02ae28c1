"""Readers of submitted tables: CSV (comma or semicolon, UTF-8 with or without BOM) and XLSX.

A reader turns the bytes as received into a header and a stream of ``(row, cells)`` with every
cell a string, so validation is the same for both formats. Row numbers are what a partner sees:
the CSV line where the record starts (header = row 1) or the sheet row. Problems found while
reading (bad encoding, a formula cell, a broken record) are collected in ``problems``; reading
stops at the first problem that makes the rest of the file unreadable.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain, count, islice, repeat
from pathlib import Path
from typing import Any

from kpitrack.core.problems import Problem

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Submissions above 200 MiB are refused before reading: split them per year or indicator."""

MAX_XLSX_UNPACKED = 256 * 1024 * 1024
"""A workbook whose parts unpack to more than 256 MiB is refused unopened (zip bombs)."""

BOM = b"\xef\xbb\xbf"
Row = tuple[int, list[str]]

BATCH_ROWS = 256
"""Rows per list from :func:`row_batches`: generator overhead per list, not per row; small lists
stay in the CPU cache."""


@dataclass
class Table:
    """A submitted table: header cells, rows as strings, and what the reader detected."""

    file: str
    header: list[str]
    rows: Iterator[Row]
    delimiter: str | None  # None for XLSX
    header_row: int = 1
    problems: list[Problem] = field(default_factory=list)
    # The same rows in lists, when the reader can produce them cheaply; read one or the other.
    batches: Iterator[list[Row]] | None = None
    # CSV whose header is one plain line: the bytes read and where the row after the header
    # starts, so that parts of the rows can be read apart (:func:`csv_part`).
    source: bytes | None = None
    body_start: int = 0


def row_batches(table: Table) -> Iterator[list[Row]]:
    """The table's rows in lists of up to :data:`BATCH_ROWS` (a single pass, like ``rows``)."""
    if table.batches is not None:
        return table.batches
    return _batched(table.rows)


def _batched(rows: Iterator[Row]) -> Iterator[list[Row]]:
    while batch := list(islice(rows, BATCH_ROWS)):
        yield batch


def read_table(name: str, data: bytes) -> Table:
    """Open a submission by its extension (.csv, .xlsx); an empty header means it is unusable."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        return _unusable(
            name,
            "file-too-large",
            f"file is {len(data) / 1048576:.0f} MiB; the limit is "
            f"{MAX_FILE_BYTES // 1048576} MiB: split it (per year or per indicator)",
        )
    if suffix == ".xlsx":
        return read_xlsx(name, data)
    if suffix in (".csv", ".txt"):
        return read_csv(name, data)
    if suffix in (".xls", ".xlsm", ".ods"):
        return _unusable(name, "file-format", f"{suffix} is not supported: save as .xlsx or .csv")
    return _unusable(name, "file-format", f"unknown file type {suffix!r}: submit .csv or .xlsx")


def read_csv(name: str, data: bytes) -> Table:
    """Read CSV bytes: UTF-8 (BOM optional), delimiter ',' or ';' taken from the header line."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        if not data.isascii():  # ASCII is UTF-8: no need to decode it twice
            data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return _unusable(
            name,
            "encoding",
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as 'CSV UTF-8' "
            "(other encodings such as Windows-1252 are not accepted)",
            line=line,
            column=column,
        )
    line_end = data.find(b"\n")
    first_line = data[: line_end if line_end >= 0 else len(data)].decode("utf-8")
    if not first_line.strip():
        return _unusable(name, "empty-header", "the first line must be the header", line=1)
    has_comma, has_semicolon = "," in first_line, ";" in first_line
    if has_comma and has_semicolon:
        return _unusable(
            name,
            "mixed-delimiters",
            "the header mixes ',' and ';': use one delimiter for the whole file",
            line=1,
        )
    if not has_comma and not has_semicolon and "\t" in first_line:
        return _unusable(
            name, "delimiter", "tab-separated files are not accepted: use ',' or ';'", line=1
        )
    delimiter = ";" if has_semicolon else ","
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    table = Table(file=name, header=[], rows=iter(()), delimiter=delimiter)
    try:
        table.header = next(reader)
    except (csv.Error, StopIteration) as exc:
        table.problems.append(Problem("csv-syntax", f"header: {exc}", file=name, line=1))
        return table
    header_end = line_end + 1
    if header_end and b'"' not in data[:header_end] and b"\r" not in data[: header_end - 2]:
        # The header is the first line as it stands: the rows start right after it, on row 2.
        table.source, table.body_start = data, header_end
        _read_rows(table, data, header_end, len(data), 2)
    else:
        table.batches = _csv_batches(reader, table, reader.line_num + 1)
        table.rows = chain.from_iterable(table.batches)
    return table


def csv_part(table: Table, start: int, end: int, first_row: int) -> Table:
    """The records in ``table.source[start:end]``, numbered from ``first_row``.

    ``start`` must be where a record begins (:func:`record_boundary`, :func:`line_start`); a
    record that does not end by ``end`` is a ``csv-syntax`` problem of the part.
    """
    if table.source is None:
        raise ValueError("the table has no CSV source to read parts of")
    part = Table(file=table.file, header=table.header, rows=iter(()), delimiter=table.delimiter)
    _read_rows(part, table.source, start, end, first_row)
    return part


def _read_rows(table: Table, data: bytes, start: int, end: int, first_row: int) -> None:
    """Give ``table`` the records of ``data[start:end]`` (which starts a record) as its rows."""
    table.batches = _body_batches(table, data, start, end, first_row)
    table.rows = chain.from_iterable(table.batches)


def _body_batches(table: Table, data: bytes, start: int, end: int, row: int) -> Iterator[list[Row]]:
    """Records read when first asked for, in lists.

    Without quotes, blank lines or carriage returns other than in line ends, a record is a line
    and its cells are the line split at the delimiter, exactly as the csv module reads it: such
    text is split in C, a good deal faster, a chunk of lines at a time. From the first chunk
    that holds anything else (or a line longer than a csv cell may be) the csv module reads on.
    """
    delimiter = table.delimiter or ","
    limit = csv.field_size_limit()
    position = start
    while position < end:
        stop = data.find(b"\n", min(position + _CHUNK_BYTES, end), end) + 1 or end
        chunk = data[position:stop]
        if b"\r" in chunk:
            chunk = chunk.replace(b"\r\n", b"\n")
        if b'"' in chunk or b"\r" in chunk or chunk.startswith(b"\n") or b"\n\n" in chunk:
            break
        lines = chunk.decode("utf-8").split("\n")
        if not lines[-1]:
            lines.pop()
        if max(map(len, lines)) > limit:
            break
        for index in range(0, len(lines), BATCH_ROWS):
            cells = map(str.split, lines[index : index + BATCH_ROWS], repeat(delimiter))
            yield list(zip(count(row + index), cells))
        row += len(lines)
        position = stop
    if position < end:
        text = io.TextIOWrapper(io.BytesIO(data[position:end]), encoding="utf-8", newline="")
        yield from _csv_batches(csv.reader(text, delimiter=delimiter, strict=True), table, row)


_CHUNK_BYTES = 1 << 20


def record_boundary(table: Table, share: float) -> int | None:
    """Offset of a line start after about ``share`` of the rows' bytes, outside quotes; or None.

    A line break after an even number of quote characters ends a record in any well-formed file;
    in a file with a stray quote inside an unquoted cell it may not, which :func:`csv_part`
    reports as a ``csv-syntax`` problem at the record cut in two.
    """
    source, start = table.source, table.body_start
    if source is None:
        return None
    cut = source.find(b"\n", start + int((len(source) - start) * share))
    quotes = source.count(b'"', start, cut)
    for _ in range(10_000):
        if cut < 0 or cut + 1 >= len(source):
            return None
        if quotes % 2 == 0:
            return cut + 1
        following = source.find(b"\n", cut + 1)
        quotes += source.count(b'"', cut, following)
        cut = following
    return None


def row_at(table: Table, offset: int) -> int:
    """The row (line) number of the line starting at ``offset`` of the table's source."""
    source = table.source or b""
    start = table.body_start
    # Lines end as the text reader splits them: at "\r\n", "\r" or "\n".
    breaks = (
        source.count(b"\n", start, offset)
        + source.count(b"\r", start, offset)
        - source.count(b"\r\n", start, offset)
    )
    return 2 + breaks


def line_start(table: Table, row: int) -> int:
    """Offset in the table's source where line ``row`` (header: 1) starts."""
    source = table.source or b""
    position = table.body_start
    if row > 2:
        breaks = _LINE_BREAK.finditer(source, table.body_start)
        position = next(islice(breaks, row - 3, None)).end()
    return position


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def _csv_batches(reader: Any, table: Table, first_row: int) -> Iterator[list[Row]]:
    """Records numbered by the line they start on, read a list at a time (in C, not per row)."""
    next_row = first_row
    # Lines before the reader's first line that the numbering counts (the header, or a part).
    before = first_row - 1 - reader.line_num
    while True:
        batch: list[Row] = []
        broken: csv.Error | None = None
        try:
            # On an error extend keeps the records read before the broken one.
            batch.extend(zip(count(next_row), islice(reader, BATCH_ROWS)))
        except csv.Error as exc:
            broken = exc
        if broken is not None or before + reader.line_num - next_row + 1 != len(batch):
            # A quoted field spans lines (or a record broke): number each record by hand.
            batch, next_row = _renumbered(batch, next_row)
        else:
            next_row += len(batch)
        if batch:
            yield batch
        if broken is not None:
            table.problems.append(
                Problem(
                    "csv-syntax",
                    f"{broken}; the rest of the file was not read",
                    file=table.file,
                    line=next_row,
                )
            )
            return
        if len(batch) < BATCH_ROWS:
            return


def _renumbered(batch: list[Row], first: int) -> tuple[list[Row], int]:
    """Number records by the line each starts on; also the line after the last record."""
    numbered: list[Row] = []
    row = first
    for _, cells in batch:
        numbered.append((row, cells))
        # Line breaks inside quoted fields, counted as the text reader splits lines.
        row += 1 + sum(
            c.count("\n") + c.count("\r") - c.count("\r\n") for c in cells if "\n" in c or "\r" in c
        )
    return numbered, row


def read_xlsx(name: str, data: bytes) -> Table:
    """Read the sheet ``data`` (or the only sheet) of a workbook; formula cells are errors."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Declared sizes bind: zipfile stops (CRC error) at a part that unpacks to more.
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            return _unusable(
                name,
                "xlsx-too-large",
                f"the workbook unpacks to {unpacked / 1048576:,.0f} MiB; the limit is "
                f"{MAX_XLSX_UNPACKED // 1048576} MiB: split it (per year or per indicator)",
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except _BROKEN_PART as exc:
        return _unusable(name, "xlsx-unreadable", f"not a readable .xlsx workbook ({exc})")
    names = book.sheetnames
    if "data" in names:
        sheet = book["data"]
    elif len(names) == 1:
        sheet = book[names[0]]
    else:
        return _unusable(
            name,
            "xlsx-sheet",
            f"the workbook has sheets {', '.join(names)}: put the figures on a sheet named 'data'",
        )
    table = Table(file=name, header=[], rows=iter(()), delimiter=None)
    rows = _xlsx_rows(sheet.iter_rows(), table)
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


def _xlsx_rows(sheet_rows: Iterator[tuple[object, ...]], table: Table) -> Iterator[Row]:
    try:
        yield from _xlsx_cells(sheet_rows, table)
    except _BROKEN_PART as exc:
        # A part that lies about its size or holds broken XML is found only while reading.
        table.problems.append(
            Problem(
                "xlsx-unreadable",
                f"the workbook is damaged ({type(exc).__name__}); the rest was not read",
                file=table.file,
            )
        )


def _xlsx_cells(sheet_rows: Iterator[tuple[object, ...]], table: Table) -> Iterator[Row]:
    from openpyxl.utils import get_column_letter

    for index, cells in enumerate(sheet_rows, start=1):
        values: list[str] = []
        row_number = index
        for position, cell in enumerate(cells, start=1):
            row_number = getattr(cell, "row", None) or row_number
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                table.problems.append(
                    Problem(
                        "xlsx-formula",
                        f"cell {get_column_letter(position)}{row_number} holds a formula "
                        f"({str(value)[:60]}); enter the value itself",
                        file=table.file,
                        line=row_number,
                        column=position,
                    )
                )
                values.append("")
                continue
            values.append(_cell_text(value))
        while values and values[-1] == "":
            values.pop()
        yield row_number, values


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


def _unusable(
    name: str, code: str, message: str, *, line: int | None = None, column: int | None = None
) -> Table:
    problem = Problem(code, message, file=name, line=line, column=column)
    return Table(file=name, header=[], rows=iter(()), delimiter=None, problems=[problem])
