"""The full check of one measurement row: the reference every faster path agrees with.

:class:`RowChecker` holds what one submission accepts (the :mod:`rules` of the partner's
indicators, cached verdicts on periods and breakdowns) and checks a row exactly as design §4 says,
adding each problem with its row and column in a fixed order. :mod:`rows` sends every row it
cannot prove plain through here.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any

from kpitrack.core.numbers import plain_number
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.columns import DUTCH_OBS_STATUS
from kpitrack.measurements.model import OBS_STATUSES
from kpitrack.measurements.rules import (
    Rule,
    Verdict,
    breakdown_verdict,
    period_verdict,
    unknown_indicator,
)
from kpitrack.measurements.validate import (
    MAX_NOTE_CHARS,
    MAX_SOURCE_CHARS,
    Add,
    ErrorSink,
    check_note,
    csv_field,
    escape_text,
    parse_number,
    strip_percent,
    wrong_width,
)

LONGEST_PLAIN_NUMBER = 15
"""A number of at most 15 characters is below 10^15, the bound (:mod:`kpitrack.core.numbers`):
longer numbers take the full check, which refuses those beyond it."""

Evidence = tuple[list[int], list[int], list[int]]
"""Decimal evidence: numbers seen per kind, and the row and column of the first of each."""

_STATUS_WORDS = ", ".join(f"{word} ({letter})" for word, letter in DUTCH_OBS_STATUS.items())


class RowChecker:
    """Checks rows of one measurement table and collects counts, evidence, keys and lines."""

    def __init__(
        self,
        table_delimiter: str | None,
        width: int,
        columns: dict[str, int],
        dims: list[str],
        programme: Programme,
        indicators: dict[str, Indicator],
        partner: str,
        sink: ErrorSink,
        first: date,
        *,
        keep: bool,
    ) -> None:
        # Indicators with the same dimensions share the breakdowns known valid (the fast path's
        # lookup); each keeps its own verdicts, whose messages name the indicator.
        shared: dict[tuple[str, ...], dict[object, str]] = {}
        self.rules = {
            i.id: Rule(i, programme, {}, shared.setdefault(tuple(i.dimensions), {}))
            for i in indicators.values()
            if i.owner == partner
        }
        self.indicators = indicators
        self.partner = partner
        self.first = first
        self.end = programme.period.end
        self.delimiter = table_delimiter
        self.width = width
        self.ci, self.pi, self.vi = columns["indicator"], columns["period"], columns["value"]
        self.si, self.li, self.ui, self.ni, self.bi = (
            columns.get(c, -1) for c in ("obs_status", "lower", "upper", "note", "source")
        )
        self.dim_columns = [(d, columns[d]) for d in dims if d in columns]
        # itemgetter picks the dimension cells in C; its result keys the breakdown caches.
        self.pick_dims: Any = (
            itemgetter(*(i for _, i in self.dim_columns)) if self.dim_columns else None
        )
        if self.pick_dims is None:
            # No dimension column: every row is a total (``Rule.plain`` is keyed by picked cells).
            for rule in self.rules.values():
                rule.plain[None] = ""
        self.has_bounds = self.li >= 0 or self.ui >= 0
        self.statuses = frozenset(OBS_STATUSES)
        self.sink = sink
        self.add: Add = sink.add
        self.keep = keep
        self.count = 0
        # Keys given so far, "indicator\x1fperiod\x1f" → breakdown → row: the breakdown texts
        # are shared by every row with the same cells, and rows of one period sit together.
        self.groups: dict[str, dict[str, int]] = {}
        # The value cell of each key, in the order of its group's keys, for the plausibility
        # checks once the file is valid (read as numbers only then); a key given again keeps
        # its first value.
        self.values: dict[str, list[str]] = {}
        self.lines: list[str] = []
        self.evidence = [0, 0, 0, 0, 0]  # rows seen per decimal evidence kind
        self.first_row = [0, 0, 0, 0, 0]  # row of the first number of each kind
        self.first_column = [0, 0, 0, 0, 0]  # and its column (from 1)
        # Verdicts per (indicator, period text): a few thousand at most for real files; capped
        # so a garbage file cannot grow them without bound.
        self.periods: dict[tuple[str, str], tuple[Rule, str, str]] = {}

    def period(self, ind: str, text: str) -> tuple[Rule, str, str] | None:
        """(rule, period label, problem) of an indicator's period; None: not the partner's."""
        try:
            return self.periods[ind, text]
        except KeyError:
            pass
        rule = self.rules.get(ind)
        if rule is None:
            return None
        label, problem = period_verdict(text, rule.indicator, self.first, self.end)
        if len(self.periods) < 100_000:
            self.periods[ind, text] = (rule, label, problem)
        return rule, label, problem

    def breakdown(self, rule: Rule, cells: list[str]) -> Verdict:
        """Stored breakdown text and problems of a row's dimension cells (cached)."""
        picked = self.pick_dims(cells)
        try:
            return rule.breakdowns[picked]
        except KeyError:
            found = breakdown_verdict(rule, self.dim_columns, cells)
            if len(rule.breakdowns) < 10_000:
                rule.breakdowns[picked] = found
                if not found[1]:
                    rule.plain[picked] = found[0]
            return found

    def duplicate(self, ind: str, label: str, breakdown: str, first: int, row: int) -> None:
        """The key of this row was given before, in row ``first``."""
        where = f" ({breakdown})" if breakdown else " (total)"
        self.add(
            "duplicate",
            f"{ind} {label}{where} is already given in row {first}; one row "
            "per indicator, period and breakdown",
            row,
            "indicator",
            self.ci + 1,
        )

    def check(self, row: int, cells: list[str]) -> None:
        """Check one row fully, adding every problem in order; keep its key (and line)."""
        width = self.width
        add = self.add
        if len(cells) != width:
            if not any(cells):
                return  # blank rows (often trailing) carry nothing
            if len(cells) > width and not any(cells[width:]):
                cells = cells[:width]
            else:
                wrong_width(cells, width, self.delimiter, row, add)
                return
        self.count += 1
        ci, pi, vi, si, li, ui, ni = self.ci, self.pi, self.vi, self.si, self.li, self.ui, self.ni
        ind = cells[ci]
        found = self.period(ind, cells[pi])
        if found is None:
            unknown_indicator(ind, self.indicators, self.rules, self.partner, row, ci, add)
            return
        rule, label, problem = found
        if problem:
            add("period", problem, row, "period", pi + 1)
        if self.pick_dims is None:
            breakdown = ""
        else:
            breakdown, dim_problems = self.breakdown(rule, cells)
            for code, message, dim, index in dim_problems:
                add(code, message, row, dim, index + 1)
        status = cells[si] if si >= 0 else ""
        if not status:
            status = "A"
        elif status not in self.statuses:
            word = DUTCH_OBS_STATUS.get(status.strip().lower())
            if word is None:
                add(
                    "obs-status",
                    f"obs_status {status!r} is not one of A (normal, the default when "
                    "empty), P (provisional), E (estimated), B (break in series), M (missing); "
                    f"in Dutch: {_STATUS_WORDS}",
                    row,
                    "obs_status",
                    si + 1,
                )
            else:
                status = word
        raw = cells[vi]
        value: float | None = None
        evidence, first_row, first_column = self.evidence, self.first_row, self.first_column
        if raw:
            if raw.isdigit() and raw.isascii() and len(raw) <= LONGEST_PLAIN_NUMBER:
                value = float(raw)  # whole, >= 0 and below the bound: a valid count as it stands
                if rule.percentage and value > 100:
                    _check_measure(value, rule.indicator, row, vi, add)
            else:
                value = _number(
                    raw, rule, row, "value", vi, add, (evidence, first_row, first_column)
                )
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
        source = cells[self.bi] if self.bi >= 0 else ""
        if len(source) > MAX_SOURCE_CHARS:
            add(
                "source-too-long",
                f"source has {len(source):,} characters; at most {MAX_SOURCE_CHARS:,}: name "
                "the publication, not its contents",
                row,
                "source",
                self.bi + 1,
            )
        bounds = ","
        if self.has_bounds and ((li >= 0 and cells[li]) or (ui >= 0 and cells[ui])):
            bounds = _bounds(
                cells, li, ui, vi, value, rule, row, add, (evidence, first_row, first_column)
            )
        prefix = f"{ind}\x1f{label}\x1f"
        given = self.groups.setdefault(prefix, {})
        if breakdown in given:
            self.duplicate(ind, label, breakdown, given[breakdown], row)
        else:
            given[breakdown] = row
            self.values.setdefault(prefix, []).append(raw)
        if self.keep:
            shown = (
                raw
                if raw.isdigit() and raw.isascii() and raw[0] != "0"
                else ("" if value is None else plain_number(value))
            )
            self.lines.append(
                f"{row},{ind},{label},{breakdown},{shown},{status},{bounds},"
                f"{csv_field(escape_text(note))},{csv_field(escape_text(source))}\n"
            )


def _number(
    text: str,
    rule: Rule,
    row: int,
    name: str,
    index: int,
    add: Add,
    seen: Evidence,
) -> float | None:
    """A number cell (``value``, ``lower``, ``upper``): its value, or None with the problem
    added; its decimal evidence is counted in ``seen``. A percentage may carry its sign
    (``60%``, ``60 %``, ``60,5%``)."""
    body: str | None = text
    if "%" in text:
        body = strip_percent(text)
        if body is not None and not rule.percentage:
            add(
                "value",
                f"{text[:40]!r}: {rule.indicator.id} is not a percentage "
                f"({rule.indicator.measure}); write the number without % (in a spreadsheet: "
                "format the cell as a number, not as a percentage)",
                row,
                name,
                index + 1,
            )
            return None
    number, kind, message = parse_number(text if body is None else body)
    if message:
        add("value", message, row, name, index + 1)
        return None
    evidence, first_row, first_column = seen
    evidence[kind] += 1
    if not first_row[kind]:
        first_row[kind] = row
        first_column[kind] = index + 1
    return number


def _check_measure(value: float, indicator: Indicator, row: int, index: int, add: Add) -> None:
    if indicator.measure == "count":
        if value < 0 or not value.is_integer():
            add(
                "count",
                f"{plain_number(value)} is not a count: {indicator.id} counts whole numbers ≥ 0",
                row,
                "value",
                index + 1,
            )
    elif indicator.measure == "percentage" and not 0 <= value <= 100:
        add(
            "percentage",
            f"{plain_number(value)} is not a percentage: {indicator.id} takes 0 to 100",
            row,
            "value",
            index + 1,
        )


def _bounds(
    cells: list[str],
    li: int,
    ui: int,
    vi: int,
    value: float | None,
    rule: Rule,
    row: int,
    add: Add,
    seen: Evidence,
) -> str:
    """Check lower/upper; return their stored text ``lower,upper``."""
    found: list[float | None] = []
    for index, name in ((li, "lower"), (ui, "upper")):
        text = cells[index] if index >= 0 else ""
        number: float | None = None
        if text:
            number = _number(text, rule, row, name, index, add, seen)
        found.append(number)
    lower, upper = found
    if lower is not None and upper is not None and lower > upper:
        add(
            "interval",
            f"lower {plain_number(lower)} is above upper {plain_number(upper)}",
            row,
            "lower",
            li + 1,
        )
    elif value is not None and lower is not None and value < lower:
        add(
            "interval",
            f"value {plain_number(value)} is below lower {plain_number(lower)}",
            row,
            "value",
            vi + 1,
        )
    elif value is not None and upper is not None and value > upper:
        add(
            "interval",
            f"value {plain_number(value)} is above upper {plain_number(upper)}",
            row,
            "value",
            vi + 1,
        )
    if lower is None and upper is None:
        return ","
    return ",".join("" if n is None else plain_number(n) for n in found)
