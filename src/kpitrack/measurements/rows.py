"""Validation of measurement rows against the definitions (design §4).

One pass over the rows: every check a partner can fix is reported with its row, column and what
would be valid. The loop is the hot path of a million-row submission, so per-indicator facts
(allowed dimensions, period verdicts) are computed once and looked up per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import OBS_STATUSES
from kpitrack.measurements.readers import Table
from kpitrack.measurements.validate import (
    MAX_COUNTED_ERRORS,
    MAX_NOTE_CHARS,
    Add,
    ErrorSink,
    check_header,
    check_note,
    csv_field,
    decide_decimal,
    escape_text,
    format_number,
    listing,
    parse_number,
    wrong_width,
)
from kpitrack.progress.periods import PERIOD_FORMS, parse_period

MEASUREMENT_FIXED = ("indicator", "period", "value")
MEASUREMENT_OPTIONAL = ("obs_status", "lower", "upper", "note")
STORED_COLUMNS = (
    "row",
    "indicator",
    "period",
    "breakdown",
    "value",
    "obs_status",
    "lower",
    "upper",
    "note",
)
"""Column order of a stored data file (never changes; ``breakdown`` is ``dim=code;dim=code``)."""

_EXAMPLE_PERIOD = {"year": "2019", "half-year": "2019-H1", "quarter": "2019-Q3", "month": "2019-05"}


@dataclass
class Checked:
    """The outcome of validating a table: counts, detected decimal mark, normalised rows."""

    rows: int = 0
    decimal: str = "point"
    lines: list[str] = field(default_factory=list)  # stored CSV lines, when kept
    keys: dict[str, int] = field(default_factory=dict)  # key → row


def earliest_period_start(programme: Programme, indicators: dict[str, Indicator]) -> date:
    """Start of the earliest baseline period of any indicator, else the programme start."""
    starts = [parse_period(i.baseline.period).start for i in indicators.values() if i.baseline]
    return min(starts) if starts else programme.period.start


class _Rule:
    """What one indicator accepts, computed once per submission."""

    __slots__ = ("breakdowns", "codes", "dimensions", "indicator", "percentage")

    def __init__(
        self,
        indicator: Indicator,
        programme: Programme,
        breakdowns: dict[object, tuple[str, list[tuple[str, str, str, int]]]],
    ) -> None:
        self.indicator = indicator
        self.dimensions = frozenset(indicator.dimensions)
        self.codes = {
            dim: frozenset(programme.codelists[dim].codes)
            if dim in programme.codelists
            else frozenset()
            for dim in indicator.dimensions
        }
        self.percentage = indicator.measure == "percentage"
        # Verdicts on dimension cells, shared by indicators with the same dimensions.
        self.breakdowns = breakdowns


def validate_measurements(
    table: Table,
    programme: Programme,
    indicators: dict[str, Indicator],
    partner: str,
    sink: ErrorSink,
    *,
    keep: bool,
) -> Checked:
    """Check every row of a measurement table; with ``keep`` also return the stored lines."""
    dims = sorted(programme.codelists)
    columns = check_header(
        table.header, MEASUREMENT_FIXED, (*dims, *MEASUREMENT_OPTIONAL), sink, table.header_row
    )
    result = Checked()
    if columns is None:
        return result
    shared: dict[tuple[str, ...], dict[object, tuple[str, list[tuple[str, str, str, int]]]]] = {}
    rules = {
        i.id: _Rule(i, programme, shared.setdefault(tuple(i.dimensions), {}))
        for i in indicators.values()
        if i.owner == partner
    }
    first = earliest_period_start(programme, indicators)
    end = programme.period.end
    width = len(table.header)
    ci, pi, vi = columns["indicator"], columns["period"], columns["value"]
    si, li, ui, ni = (columns.get(c, -1) for c in ("obs_status", "lower", "upper", "note"))
    dim_columns = [(d, columns[d]) for d in dims if d in columns]
    # itemgetter picks the dimension cells in C; its result keys the breakdown cache.
    pick_dims = itemgetter(*(i for _, i in dim_columns)) if dim_columns else None
    has_bounds = li >= 0 or ui >= 0
    statuses = frozenset(OBS_STATUSES)
    keys = result.keys
    lines = result.lines
    evidence = [0, 0, 0, 0, 0]  # rows seen per decimal evidence kind
    first_row = [0, 0, 0, 0, 0]
    # Verdicts per (indicator, period text) and per (dimensions, cells): a few thousand at most
    # for real files; capped so a garbage file cannot grow them without bound.
    periods: dict[tuple[str, str], tuple[_Rule, str, str]] = {}
    add = sink.add
    count = 0
    for row, cells in table.rows:
        if sink.total >= MAX_COUNTED_ERRORS and sink.gave_up(row):
            break
        if len(cells) != width:
            if not any(cells):
                continue  # blank rows (often trailing) carry nothing
            if len(cells) > width and not any(cells[width:]):
                cells = cells[:width]
            else:
                wrong_width(cells, width, table.delimiter, row, add)
                continue
        count += 1
        ind = cells[ci]
        text = cells[pi]
        try:
            rule, label, problem = periods[ind, text]
        except KeyError:
            found = rules.get(ind)
            if found is None:
                _unknown_indicator(ind, indicators, rules, partner, row, ci, add)
                continue
            rule = found
            label, problem = _period_verdict(text, rule.indicator, first, end)
            if len(periods) < 100_000:
                periods[ind, text] = (rule, label, problem)
        if problem:
            add("period", problem, row, "period", pi + 1)
        if pick_dims is None:
            breakdown = ""
        else:
            picked = pick_dims(cells)
            try:
                breakdown, dim_problems = rule.breakdowns[picked]
            except KeyError:
                breakdown, dim_problems = _breakdown(rule, dim_columns, cells)
                if len(rule.breakdowns) < 10_000:
                    rule.breakdowns[picked] = (breakdown, dim_problems)
            for code, message, dim, index in dim_problems:
                add(code, message, row, dim, index + 1)
        status = cells[si] if si >= 0 else ""
        if not status:
            status = "A"
        elif status not in statuses:
            add(
                "obs-status",
                f"obs_status {status!r} is not one of A (normal, the default when "
                "empty), P (provisional), E (estimated), B (break in series), M (missing)",
                row,
                "obs_status",
                si + 1,
            )
        raw = cells[vi]
        value: float | None = None
        if raw:
            if raw.isdigit() and raw.isascii():
                value = float(raw)  # whole and >= 0: a valid count as it stands
                if rule.percentage and value > 100:
                    _check_measure(value, rule.indicator, row, vi, add)
            else:
                value, kind, message = parse_number(raw)
                if message:
                    add("value", message, row, "value", vi + 1)
                else:
                    evidence[kind] += 1
                    if not first_row[kind]:
                        first_row[kind] = row
                if value is not None:
                    _check_measure(value, rule.indicator, row, vi, add)
            if status == "M":
                add(
                    "missing-value",
                    "obs_status M (missing) needs an empty value; remove the "
                    "value or change obs_status",
                    row,
                    "value",
                    vi + 1,
                )
        elif status != "M":
            add(
                "value",
                "value is empty: fill in a number, or set obs_status M (missing) and "
                "explain in note",
                row,
                "value",
                vi + 1,
            )
        note = cells[ni] if ni >= 0 else ""
        if len(note) > MAX_NOTE_CHARS:
            check_note(note, row, ni, add)
        if status == "M" and not note.strip():
            add(
                "note",
                "obs_status M (missing) needs a note saying why the figure is missing",
                row,
                "note",
                (ni + 1) if ni >= 0 else None,
            )
        bounds = ","
        if has_bounds and ((li >= 0 and cells[li]) or (ui >= 0 and cells[ui])):
            bounds = _bounds(cells, li, ui, value, row, add, evidence, first_row)
        key = f"{ind}\x1f{label}\x1f{breakdown}"
        if key in keys:
            where = f" ({breakdown})" if breakdown else " (total)"
            add(
                "duplicate",
                f"{ind} {label}{where} is already given in row {keys[key]}; one row "
                "per indicator, period and breakdown",
                row,
                "indicator",
                ci + 1,
            )
        else:
            keys[key] = row
        if keep:
            shown = (
                raw
                if raw.isdigit() and raw.isascii() and raw[0] != "0"
                else ("" if value is None else format_number(value))
            )
            lines.append(
                f"{row},{ind},{label},{breakdown},{shown},{status},{bounds},"
                f"{csv_field(escape_text(note))}\n"
            )
    result.rows = count
    result.decimal = decide_decimal(evidence, first_row, table.delimiter, sink)
    return result


def _check_measure(value: float, indicator: Indicator, row: int, index: int, add: Add) -> None:
    if indicator.measure == "count":
        if value < 0 or not value.is_integer():
            add(
                "count",
                f"{format_number(value)} is not a count: {indicator.id} counts whole numbers ≥ 0",
                row,
                "value",
                index + 1,
            )
    elif indicator.measure == "percentage" and not 0 <= value <= 100:
        add(
            "percentage",
            f"{format_number(value)} is not a percentage: {indicator.id} takes 0 to 100",
            row,
            "value",
            index + 1,
        )


def _bounds(
    cells: list[str],
    li: int,
    ui: int,
    value: float | None,
    row: int,
    add: Add,
    evidence: list[int],
    first_row: list[int],
) -> str:
    """Check lower/upper; return their stored text ``lower,upper``."""
    found: list[float | None] = []
    for index, name in ((li, "lower"), (ui, "upper")):
        text = cells[index] if index >= 0 else ""
        number: float | None = None
        if text:
            number, kind, message = parse_number(text)
            if message:
                add("value", message, row, name, index + 1)
            else:
                evidence[kind] += 1
                first_row[kind] = first_row[kind] or row
        found.append(number)
    lower, upper = found
    if lower is not None and upper is not None and lower > upper:
        add(
            "interval",
            f"lower {format_number(lower)} is above upper {format_number(upper)}",
            row,
            "lower",
            li + 1,
        )
    elif value is not None and lower is not None and value < lower:
        add(
            "interval",
            f"value {format_number(value)} is below lower {format_number(lower)}",
            row,
            "value",
            li + 1,
        )
    elif value is not None and upper is not None and value > upper:
        add(
            "interval",
            f"value {format_number(value)} is above upper {format_number(upper)}",
            row,
            "value",
            ui + 1,
        )
    if lower is None and upper is None:
        return ","
    return ",".join("" if n is None else format_number(n) for n in found)


def _breakdown(
    rule: _Rule, dim_columns: list[tuple[str, int]], cells: list[str]
) -> tuple[str, list[tuple[str, str, str, int]]]:
    """The stored breakdown text (``dim=code;dim=code``) and the problems of its cells."""
    parts: list[str] = []
    problems: list[tuple[str, str, str, int]] = []
    for dim, index in dim_columns:
        code = cells[index]
        if not code:
            continue
        parts.append(f"{dim}={code}")
        if dim not in rule.dimensions:
            allowed = ", ".join(rule.indicator.dimensions) or "none (totals only)"
            problems.append(
                (
                    "dimension",
                    f"indicator {rule.indicator.id} has no breakdown by {dim}; its dimensions: "
                    f"{allowed}; leave this cell empty",
                    dim,
                    index,
                )
            )
        elif code not in rule.codes[dim]:
            problems.append(
                (
                    "code",
                    f"{code!r} is not a code of {dim}; valid codes: {listing(rule.codes[dim])}",
                    dim,
                    index,
                )
            )
    return ";".join(parts), problems


def _period_verdict(text: str, indicator: Indicator, first: date, end: date) -> tuple[str, str]:
    example = _EXAMPLE_PERIOD[indicator.frequency]
    try:
        period = parse_period(text)
    except ValueError:
        return text, f"{text!r} is not a period; use {PERIOD_FORMS}"
    if period.frequency != indicator.frequency:
        return text, (
            f"{indicator.id} is reported per {indicator.frequency}: write a period "
            f"like {example}, not {text!r}"
        )
    if period.end < first:
        return text, (
            f"{period.label} lies before the earliest baseline period of the "
            f"programme (starting {first.isoformat()})"
        )
    if period.start > end:
        return text, f"{period.label} lies after the programme end ({end.isoformat()})"
    return period.label, ""


def _unknown_indicator(
    ind: str,
    indicators: dict[str, Indicator],
    rules: dict[str, _Rule],
    partner: str,
    row: int,
    index: int,
    add: Add,
) -> None:
    mine = listing(rules) if rules else f"none: partner {partner} owns no indicator"
    if ind in indicators:
        owner = indicators[ind].owner
        add(
            "not-owner",
            f"indicator {ind} is submitted by {owner}, not by {partner}; your indicators: {mine}",
            row,
            "indicator",
            index + 1,
        )
    else:
        add(
            "unknown-indicator",
            f"unknown indicator {ind!r}; your indicators: {mine}",
            row,
            "indicator",
            index + 1,
        )
