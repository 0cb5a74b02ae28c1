"""The XLSX form of a submission template (:mod:`kpitrack.intake.template`).

Sheets: ``data`` (the rows to fill), ``codes`` (hidden: the drop-down lists) and the
instructions in the template's language. The data sheet is protected without a password: the
read-only columns (an indicator's name and unit, an action's title) are locked so that they
are not changed by accident, every other column stays open, and rows may still be inserted,
deleted, sorted and filtered. It is a guard against slips, not a security measure: intake
never trusts those columns (it ignores them).

Cells hold values only; a text starting with ``=`` is stored as text, never as a formula.
"""

from __future__ import annotations

import io
from typing import Any

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.i18n.instructions import action_instructions, template_instructions
from kpitrack.measurements.columns import (
    ACTION_READ_ONLY,
    MEASUREMENT_READ_ONLY,
    action_state_words,
    column_names,
    obs_status_words,
)

Sheet = tuple[list[str], list[list[str]]]

SPARE_ROWS = 200
"""Empty rows below the prefilled ones that carry the columns' formats and drop-downs."""

_NUMBER_COLUMNS = frozenset({"value", "lower", "upper"})
_READ_ONLY = frozenset({*MEASUREMENT_READ_ONLY, *ACTION_READ_ONLY})


def workbook_bytes(
    sheet: Sheet, programme: Programme, partner: str, indicators: list[Indicator], lang: str
) -> bytes:
    """The template as an XLSX file: a measurements template when ``indicators`` are given,
    else an actions template."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    header, rows = sheet
    book = Workbook()
    data = book.active
    data.title = "data"
    last = len(rows) + SPARE_ROWS
    names = column_names(lang, tuple(header))
    open_cell = Protection(locked=False)
    grey = PatternFill("solid", fgColor="F2F2F2")
    for column, (key, name) in enumerate(zip(header, names, strict=True), start=1):
        _text(data, 1, column, name).font = Font(bold=True)
        letter = get_column_letter(column)
        dimension = data.column_dimensions[letter]
        dimension.width = max(12, len(name) + 4, *(len(r[column - 1]) + 2 for r in rows[:50]))
        locked = key in _READ_ONLY
        if not locked:
            # The whole column open, also the rows a partner adds below the spare ones.
            dimension.protection = open_cell
        for r in range(2, last + 1):
            cell = data.cell(r, column)
            if key not in _NUMBER_COLUMNS:
                # Text format: Excel must not turn 2019-05 into a date or an id into a number.
                cell.number_format = "@"
            if locked:
                cell.fill = grey
            else:
                cell.protection = open_cell
    for r, cells in enumerate(rows, start=2):
        for column, value in enumerate(cells, start=1):
            if value:
                _text(data, r, column, value)
    data.freeze_panes = "B2"
    _protect(data)
    _drop_downs(book, data, header, programme, lang, last)
    if indicators:
        _instructions(book, template_instructions(lang, partner), programme, lang, indicators)
    else:
        _action_instructions(book, programme, partner, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _protect(data: Any) -> None:
    """Lock the locked cells (no password); leave rows and filters to the partner."""
    protection = data.protection
    protection.sheet = True
    # In OOXML these flags say what protection forbids: False allows it.
    for allowed in (
        "insertRows",
        "deleteRows",
        "formatColumns",
        "formatRows",
        "sort",
        "autoFilter",
    ):
        setattr(protection, allowed, False)


def _drop_downs(
    book: Any, data: Any, header: list[str], programme: Programme, lang: str, last: int
) -> None:
    """A hidden ``codes`` sheet with the lists, and a list validation on each coded column."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    codes = book.create_sheet("codes")
    lists = {name: list(programme.codelists[name].codes)
             for name in header if name in programme.codelists}  # fmt: skip
    if "obs_status" in header:
        lists["obs_status"] = obs_status_words(lang)
    if "status" in header:
        lists["status"] = action_state_words(lang)
    for column, (name, values) in enumerate(sorted(lists.items()), start=1):
        _text(codes, 1, column, name)
        for r, value in enumerate(values, start=2):
            _text(codes, r, column, value)
        letter = get_column_letter(column)
        target = get_column_letter(header.index(name) + 1)
        rule = DataValidation(
            type="list",
            formula1=f"codes!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
        )
        data.add_data_validation(rule)
        rule.add(f"{target}2:{target}{last}")
    codes.sheet_state = "hidden"


def _instruction_sheet(book: Any, words: Any, programme: Programme, lang: str) -> tuple[Any, int]:
    """A sheet of instructions: the programme's title, the lines, then the table's headers; the
    sheet and the row of the headers."""
    sheet = book.create_sheet(words.title)
    lines = [programme.title.get(lang, next(iter(programme.title.values()))), *words.lines, ""]
    for r, line in enumerate(lines, start=1):
        _text(sheet, r, 1, line)
    base = len(lines) + 1
    for column, name in enumerate(words.headers, start=1):
        _text(sheet, base, column, name)
    return sheet, base


def _instructions(
    book: Any, words: Any, programme: Programme, lang: str, indicators: list[Indicator]
) -> None:
    sheet, base = _instruction_sheet(book, words, programme, lang)
    for r, indicator in enumerate(indicators, start=base + 1):
        unit = indicator.unit.get(lang, "") if indicator.unit else ""
        values = (
            indicator.id,
            indicator.name.get(lang, ""),
            indicator.definition.get(lang, ""),
            unit,
            indicator.source.get(lang, ""),
            indicator.frequency,
            indicator.measure,
        )
        for column, value in enumerate(values, start=1):
            _text(sheet, r, column, value)


def _action_instructions(book: Any, programme: Programme, partner: str, lang: str) -> None:
    words = action_instructions(lang, partner)
    sheet, base = _instruction_sheet(book, words, programme, lang)
    r = base
    for action_line in programme.action_lines:
        for action in action_line.actions:
            items = [(action.id, action.title, action.due, action.owner)]
            items += [(m.id, m.title, m.due, m.owner or action.owner) for m in action.milestones]
            for item, title, due, owner in items:
                if owner != partner:
                    continue
                r += 1
                for column, value in enumerate(
                    (item, title.get(lang, ""), due.isoformat()), start=1
                ):
                    _text(sheet, r, column, value)


def _text(sheet: Any, row: int, column: int, value: str) -> Any:
    """A string cell, also when the text starts with '=' (openpyxl would store a formula)."""
    cell = sheet.cell(row, column)
    cell.value = value
    cell.data_type = "s"
    return cell
