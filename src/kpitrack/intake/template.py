"""``kpitrack template``: a partner's submission template, XLSX or CSV (design §4, §7).

Rows: for each of the partner's indicators and each period to fill, a total row (blank
dimension cells) plus one row per code of each of the indicator's dimensions. Beside the ids
stand read-only columns (the indicator's name and unit; an action's title) that intake
recognises and ignores; in the XLSX file they are locked (:mod:`template_sheet`).

Language (``--lang``, default the programme's first language): the column names, the codes of
the drop-down lists and the instructions sheet. A Dutch template names its columns in Dutch
(``indicator, naam, periode, waarde, eenheid, …, status, onder, boven, toelichting, bron``);
intake accepts both languages in every file.

Period to fill: ``--period P`` gives the periods of each indicator's frequency that lie within
P (``--period 2021`` gives four quarters for a quarterly indicator, the year 2021 for a yearly
one); an indicator with no period within P (a yearly one for ``--period 2021-Q1``) is left out,
and a P that fits none of the partner's indicators is a usage error. Without it: the latest
period of the indicator's frequency that ended before today, and never one after the
programme's end (after the end: the programme's last period).

A partner owning actions or milestones also gets an actions template beside the measurements
one, named ``<stem>_actions.<ext>`` (columns ``action, title, date, status, note``; one row per
action and milestone; instructions of its own). Partners owning only actions get just that
file.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from kpitrack.core.dates import check_year
from kpitrack.core.errors import UsageError, ValidationFailed
from kpitrack.core.files import unusable_output, write_files
from kpitrack.core.layout import refuse_output_inside
from kpitrack.core.periods import PERIOD_FORMS, Period, parse_period, periods_between
from kpitrack.core.problems import Problem
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.columns import (
    ACTION_FIXED,
    ACTION_OPTIONAL,
    ACTION_READ_ONLY,
    MEASUREMENT_OPTIONAL,
    MEASUREMENT_READ_ONLY,
    column_names,
)
from kpitrack.workspace import load_workspace

Sheet = tuple[list[str], list[list[str]]]
"""A table to write: its columns (the file format's own ids) and rows of cells."""


def write_template(
    root: Path,
    partner: str,
    fmt: str,
    *,
    period: str | None = None,
    out: Path | None = None,
    lang: str | None = None,
) -> Path:
    """Write the partner's template and return its path (see the module docstring)."""
    return write_templates(root, partner, fmt, period=period, out=out, lang=lang)[0]


def write_templates(
    root: Path,
    partner: str,
    fmt: str,
    *,
    period: str | None = None,
    out: Path | None = None,
    lang: str | None = None,
) -> list[Path]:
    """Write the measurements template and, for action owners, the actions template."""
    from kpitrack.measurements.actions import action_owners

    if fmt not in ("xlsx", "csv"):
        raise UsageError(f"--format takes xlsx or csv; got {fmt!r}")
    workspace = load_workspace(root, measurements=False)
    programme, indicators = workspace.programme, workspace.indicators
    if lang is None:
        lang = programme.languages[0]
    elif lang not in programme.languages:
        raise UsageError(
            f"--lang takes a language of the programme ({', '.join(programme.languages)}); "
            f"got {lang!r}"
        )
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
    mine = sorted((i for i in indicators.values() if i.owner == partner), key=lambda i: i.id)
    actions = sorted(a for a, owner in action_owners(programme).items() if owner == partner)
    if not mine and not actions:
        raise ValidationFailed(
            [Problem("nothing-to-submit", f"partner {partner} owns no indicator and no action")]
        )
    if chosen is not None and mine:
        _check_fit(chosen, mine, partner)
    path = out or Path(f"{programme.id}_{partner}_template.{fmt}")
    action_path = path.with_name(f"{path.stem}_actions{path.suffix}") if mine else path
    # Both names are checked before anything is made: --out /dev/stdout is refused, never
    # followed by a /dev/stdout_actions.
    for target in ([path] if mine else []) + ([action_path] if actions else []):
        _check_output(Path(root), target, given=out)
    files: list[tuple[Path, bytes]] = []
    if mine:
        sheet = measurement_rows(programme, mine, chosen, date.today(), lang)
        files.append((path, _content(fmt, sheet, programme, partner, mine, lang)))
    if actions:
        sheet = action_rows(programme, actions, lang)
        files.append((action_path, _content(fmt, sheet, programme, partner, [], lang)))
    return write_files(files)


def _check_fit(period: Period, indicators: list[Indicator], partner: str) -> None:
    """A ``--period`` within which no indicator of the partner has a period is a usage error."""
    if any(_within(period, indicator) for indicator in indicators):
        return
    frequencies = ", ".join(f"{i.id} per {i.frequency}" for i in indicators)
    raise UsageError(
        f"--period {period.label} is shorter than the periods of {partner}'s indicators "
        f"({frequencies}); give a period that holds at least one of them (e.g. "
        f"{period.start.year})"
    )


def _within(period: Period, indicator: Indicator) -> list[Period]:
    """The periods of the indicator's frequency that lie wholly within ``period``."""
    found = periods_between(indicator.frequency, period.start, period.end)
    return [p for p in found if period.contains(p)]


def _check_output(root: Path, target: Path, *, given: Path | None) -> None:
    """Refuse an output that would land on a definition, in the store, or on a non-file."""
    option = "--out" if given is not None else "the template"
    refuse_output_inside(root, target, option)
    reason = unusable_output(target)
    if reason is not None:
        hint = "give a file name" if target.is_dir() else "give the name of a regular file"
        raise UsageError(f"{option} {target} {reason}; {hint}")


def measurement_rows(
    programme: Programme,
    indicators: list[Indicator],
    period: Period | None,
    today: date,
    lang: str | None = None,
) -> Sheet:
    """Columns and rows to fill for these indicators (names and units in ``lang``)."""
    lang = lang or programme.languages[0]
    dims = sorted({d for i in indicators for d in i.dimensions if d in programme.codelists})
    # The name beside the id, the unit beside the value (not when a codelist takes the name).
    name, unit = (c if c not in programme.codelists else None for c in MEASUREMENT_READ_ONLY)
    fixed = ["indicator", name, "period", "value", unit]
    header = [*(c for c in fixed if c), *dims, *MEASUREMENT_OPTIONAL]
    rows: list[list[str]] = []
    for indicator in sorted(indicators, key=lambda i: i.id):
        unit = indicator.unit.get(lang, "") if indicator.unit else ""
        shown = {"name": indicator.name.get(lang, ""), "unit": unit}
        for label in periods_to_fill(programme, indicator, period, today):
            blank = {**dict.fromkeys(header, ""), **shown, "indicator": indicator.id}
            rows.append(_row(header, {**blank, "period": label}))
            for dim in indicator.dimensions:
                for code in programme.codelists[dim].codes if dim in programme.codelists else ():
                    rows.append(_row(header, {**blank, "period": label, dim: code}))
    return header, rows


def action_rows(programme: Programme, actions: list[str], lang: str | None = None) -> Sheet:
    """Columns and rows of an actions template: one row per action and milestone."""
    lang = lang or programme.languages[0]
    titles: dict[str, str] = {}
    for line in programme.action_lines:
        for action in line.actions:
            titles[action.id] = action.title.get(lang, "")
            for milestone in action.milestones:
                titles[milestone.id] = milestone.title.get(lang, "")
    header = [ACTION_FIXED[0], *ACTION_READ_ONLY, *ACTION_FIXED[1:], *ACTION_OPTIONAL]
    blank = dict.fromkeys(header, "")
    rows = [_row(header, {**blank, "action": a, "title": titles.get(a, "")}) for a in actions]
    return header, rows


def periods_to_fill(
    programme: Programme, indicator: Indicator, period: Period | None, today: date
) -> list[str]:
    """Labels of the periods of the indicator's frequency to put in the template."""
    if period is not None:
        return [p.label for p in _within(period, indicator)]
    last_day = min(today, programme.period.end + timedelta(days=1)) - timedelta(days=1)
    current = periods_between(indicator.frequency, last_day, last_day)[0]
    if current.end > last_day:  # not yet ended: take the one before
        current = periods_between(indicator.frequency, current.start - timedelta(days=1),
                                  current.start - timedelta(days=1))[0]  # fmt: skip
    return [current.label]


def _row(header: list[str], cells: dict[str, str]) -> list[str]:
    return [cells[name] for name in header]


def _content(
    fmt: str,
    sheet: Sheet,
    programme: Programme,
    partner: str,
    indicators: list[Indicator],
    lang: str,
) -> bytes:
    header, rows = sheet
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(column_names(lang, tuple(header)))
        writer.writerows(rows)
        # UTF-8 with BOM: Excel opens it with the right encoding.
        return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
    from kpitrack.intake.template_sheet import workbook_bytes

    return workbook_bytes(sheet, programme, partner, indicators, lang)
