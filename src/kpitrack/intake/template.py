"""``kpitrack template``: a partner's submission template, XLSX or CSV (design §4, §7).

Rows: for each of the partner's indicators and each period to fill, a total row (blank
dimension cells) plus one row per code of each of the indicator's dimensions.

Period to fill: ``--period P`` gives the periods of each indicator's frequency that overlap P
(``--period 2021`` gives four quarters for a quarterly indicator, the year 2021 for a yearly
one). Without it: the latest period of the indicator's frequency that ended before today, and
never one after the programme's end (after the end: the programme's last period).

A partner owning actions or milestones also gets an actions template beside the measurements
one, named ``<stem>_actions.<ext>`` (columns ``action, date, status, note``; one row per action
and milestone). Partners owning only actions get just that file.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kpitrack.core.dates import check_year
from kpitrack.core.errors import UsageError, ValidationFailed
from kpitrack.core.files import unusable_output, write_files
from kpitrack.core.layout import refuse_output_inside
from kpitrack.core.periods import PERIOD_FORMS, Period, parse_period, periods_between
from kpitrack.core.problems import Problem
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.i18n.instructions import template_instructions
from kpitrack.measurements.columns import (
    ACTION_FIXED,
    ACTION_OPTIONAL,
    MEASUREMENT_FIXED,
    MEASUREMENT_OPTIONAL,
)
from kpitrack.measurements.model import OBS_STATUSES, SUBMITTABLE_ACTION_STATES
from kpitrack.workspace import load_workspace


def write_template(
    root: Path, partner: str, fmt: str, *, period: str | None = None, out: Path | None = None
) -> Path:
    """Write the partner's template and return its path (see the module docstring)."""
    return write_templates(root, partner, fmt, period=period, out=out)[0]


def write_templates(
    root: Path, partner: str, fmt: str, *, period: str | None = None, out: Path | None = None
) -> list[Path]:
    """Write the measurements template and, for action owners, the actions template."""
    from kpitrack.measurements.actions import action_owners

    if fmt not in ("xlsx", "csv"):
        raise UsageError(f"--format takes xlsx or csv; got {fmt!r}")
    workspace = load_workspace(root, measurements=False)
    programme, indicators = workspace.programme, workspace.indicators
    partners = sorted(p.id for p in programme.partners)
    if partner not in partners:
        raise ValidationFailed(
            [
                Problem(
                    "unknown-partner",
                    f"unknown partner {partner!r}; partners: {', '.join(partners)}",
                )
            ]
        )
    chosen: Period | None = None
    if period is not None:
        try:
            chosen = parse_period(period)
        except ValueError:
            raise UsageError(f"--period takes {PERIOD_FORMS}; got {period!r}") from None
        check_year(chosen.start.year, "--period", period)
    mine = [i for i in indicators.values() if i.owner == partner]
    actions = sorted(a for a, owner in action_owners(programme).items() if owner == partner)
    if not mine and not actions:
        raise ValidationFailed(
            [Problem("nothing-to-submit", f"partner {partner} owns no indicator and no action")]
        )
    path = out or Path(f"{programme.id}_{partner}_template.{fmt}")
    action_path = path.with_name(f"{path.stem}_actions{path.suffix}") if mine else path
    # Both names are checked before anything is made: --out /dev/stdout is refused, never
    # followed by a /dev/stdout_actions.
    for target in ([path] if mine else []) + ([action_path] if actions else []):
        _check_output(Path(root), target, given=out)
    files: list[tuple[Path, bytes]] = []
    if mine:
        header, rows = measurement_rows(programme, mine, chosen, date.today())
        files.append((path, _content(fmt, header, rows, programme, partner, mine)))
    if actions:
        rows = [[a, "", "", ""] for a in actions]
        header = [*ACTION_FIXED, *ACTION_OPTIONAL]
        files.append((action_path, _content(fmt, header, rows, programme, partner, [])))
    return write_files(files)


def _check_output(root: Path, target: Path, *, given: Path | None) -> None:
    """Refuse an output that would land on a definition, in the store, or on a non-file."""
    option = "--out" if given is not None else "the template"
    refuse_output_inside(root, target, option)
    reason = unusable_output(target)
    if reason is not None:
        hint = "give a file name" if target.is_dir() else "give the name of a regular file"
        raise UsageError(f"{option} {target} {reason}; {hint}")


def measurement_rows(
    programme: Programme, indicators: list[Indicator], period: Period | None, today: date
) -> tuple[list[str], list[list[str]]]:
    """Header and rows to fill for these indicators."""
    dims = sorted({d for i in indicators for d in i.dimensions if d in programme.codelists})
    header = [*MEASUREMENT_FIXED, *dims, *MEASUREMENT_OPTIONAL]
    rows: list[list[str]] = []
    for indicator in sorted(indicators, key=lambda i: i.id):
        for label in periods_to_fill(programme, indicator, period, today):
            blank = dict.fromkeys(header, "")
            rows.append(_row(header, blank, indicator.id, label))
            for dim in indicator.dimensions:
                for code in programme.codelists[dim].codes if dim in programme.codelists else ():
                    rows.append(_row(header, {**blank, dim: code}, indicator.id, label))
    return header, rows


def periods_to_fill(
    programme: Programme, indicator: Indicator, period: Period | None, today: date
) -> list[str]:
    """Labels of the periods of the indicator's frequency to put in the template."""
    if period is not None:
        return [p.label for p in periods_between(indicator.frequency, period.start, period.end)]
    last_day = min(today, programme.period.end + timedelta(days=1)) - timedelta(days=1)
    current = periods_between(indicator.frequency, last_day, last_day)[0]
    if current.end > last_day:  # not yet ended: take the one before
        current = periods_between(indicator.frequency, current.start - timedelta(days=1),
                                  current.start - timedelta(days=1))[0]  # fmt: skip
    return [current.label]


def _row(header: list[str], cells: dict[str, str], indicator: str, period: str) -> list[str]:
    cells = {**cells, "indicator": indicator, "period": period}
    return [cells[name] for name in header]


def _content(
    fmt: str,
    header: list[str],
    rows: list[list[str]],
    programme: Programme,
    partner: str,
    indicators: list[Indicator],
) -> bytes:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        # UTF-8 with BOM: Excel opens it with the right encoding.
        return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
    return _xlsx_bytes(header, rows, programme, partner, indicators)


def _xlsx_bytes(
    header: list[str],
    rows: list[list[str]],
    programme: Programme,
    partner: str,
    indicators: list[Indicator],
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    data = book.active
    data.title = "data"
    for column, name in enumerate(header, start=1):
        _text(data, 1, column, name).font = Font(bold=True)
        data.column_dimensions[get_column_letter(column)].width = max(12, len(name) + 4)
        # Text format: Excel must not turn 2019-05 into a date or an id into a number.
        if name not in ("value", "lower", "upper"):
            for r in range(2, len(rows) + 200):
                data.cell(r, column).number_format = "@"
    for r, cells in enumerate(rows, start=2):
        for column, value in enumerate(cells, start=1):
            if value:
                _text(data, r, column, value)
    data.freeze_panes = "A2"
    codes = book.create_sheet("codes")
    lists: dict[str, list[str]] = {name: list(programme.codelists[name].codes)
                                   for name in header if name in programme.codelists}  # fmt: skip
    lists["obs_status"] = list(OBS_STATUSES)
    lists["status"] = list(SUBMITTABLE_ACTION_STATES)
    last = len(rows) + 200
    for column, (name, values) in enumerate(sorted(lists.items()), start=1):
        _text(codes, 1, column, name)
        for r, value in enumerate(values, start=2):
            _text(codes, r, column, value)
        if name in header:
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
    for lang in programme.languages:
        _instructions(book, lang, programme, partner, indicators)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(
    book: Any, lang: str, programme: Programme, partner: str, indicators: list[Indicator]
) -> None:
    words = template_instructions(lang, partner)
    sheet = book.create_sheet(words.title)
    lines = [
        programme.title.get(lang, next(iter(programme.title.values()))),
        *words.lines,
        "",
    ]
    for r, line in enumerate(lines, start=1):
        _text(sheet, r, 1, line)
    if not indicators:
        return
    base = len(lines) + 1
    for column, name in enumerate(words.headers, start=1):
        _text(sheet, base, column, name)
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


def _text(sheet: Any, row: int, column: int, value: str) -> Any:
    """A string cell, also when the text starts with '=' (openpyxl would store a formula)."""
    cell = sheet.cell(row, column)
    cell.value = value
    cell.data_type = "s"
    return cell
