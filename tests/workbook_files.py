"""Workbooks written for tests: a sheet named "data" with the given rows, then any change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Change = Callable[[Any, Any], None]
"""Called with the workbook and its data sheet before saving (hide, format, add a sheet)."""


def write_workbook(path: Path, rows: list[list[object]], change: Change | None = None) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "data"
    for row in rows:
        sheet.append(row)
    if change is not None:
        change(book, sheet)
    book.save(path)
    return path
