"""Validation of measurement rows against the definitions (design §4).

One pass over the rows: every check a partner can fix is reported with its row, column and what
would be valid. The loop is the hot path of a million-row submission. Most rows of a real file
are plain: a known (indicator, period) and breakdown already judged valid, a digit string or
simple decimal, no interval, no missing value. Such a row is proven plain by a few lookups and
string tests; every other row, and every row that would yield a problem other than a duplicate
key, goes through :meth:`RowChecker.check`, the full check. Both add problems in row order, so
the listed errors, the error cap and the decimal evidence are the same as checking every row
fully (tests compare the two on random tables). A large CSV is checked this way in two
processes, half each, with the same outcome (:mod:`parallel`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from kpitrack.core.numbers import plain_number
from kpitrack.core.periods import parse_period
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.columns import (
    DUTCH_OBS_STATUS,
    IGNORED_MEASUREMENT_COLUMNS,
    MEASUREMENT_FIXED,
    MEASUREMENT_OPTIONAL,
    measurement_aliases,
)
from kpitrack.measurements.parallel import check_in_two
from kpitrack.measurements.readers import Row, Table, row_batches
from kpitrack.measurements.rowcheck import LONGEST_PLAIN_NUMBER, RowChecker
from kpitrack.measurements.rules import Rule
from kpitrack.measurements.validate import (
    COMMA,
    COMMA3,
    MAX_COUNTED_ERRORS,
    MAX_NOTE_CHARS,
    MAX_SOURCE_CHARS,
    NONE,
    POINT,
    POINT3,
    ErrorSink,
    check_header,
    csv_field,
    decide_decimal,
    escape_text,
)

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
    "source",
)
"""Column order of a stored data file (``breakdown`` is ``dim=code;dim=code``); see
:mod:`kpitrack.measurements.store` for the formats a store may hold."""

STORED_COLUMNS_WITHOUT_SOURCE = STORED_COLUMNS[:-1]
"""The columns of data files stored before the ``source`` column existed (still read)."""

# Obs status cells a plain row may hold (letters, Dutch words in lower case; M takes the full
# check), and what is stored for them.
_PLAIN_STATUSES = {"": "A", **{s: s for s in "APEB"}}
_PLAIN_STATUSES.update((word, s) for word, s in DUTCH_OBS_STATUS.items() if s != "M")


@dataclass
class Checked:
    """The outcome of validating a table: counts, detected decimal mark, normalised rows."""

    rows: int = 0
    decimal: str = "point"
    lines: list[str] = field(default_factory=list)  # stored CSV text in row order, when kept
    keys: dict[str, int] = field(default_factory=dict)  # key → row (action updates)
    # Measurement keys: "indicator\x1fperiod\x1f" → breakdown → row.
    groups: dict[str, dict[str, int]] = field(default_factory=dict)
    # The value cell of each key, in the order of ``groups[prefix]`` (for plausibility).
    values: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, int] = field(default_factory=dict)  # column → position in the header

    def keys_among(self, stored: set[str]) -> int:
        """How many keys of this table are in ``stored`` (``indicator\x1fperiod\x1fbreakdown``)."""
        if not self.groups:
            return len(stored.intersection(self.keys))
        found = 0
        for key in stored:
            prefix, _, breakdown = key.rpartition("\x1f")
            given = self.groups.get(prefix + "\x1f")
            if given is not None and breakdown in given:
                found += 1
        return found


def earliest_period_start(programme: Programme, indicators: dict[str, Indicator]) -> date:
    """Start of the earliest baseline period of any indicator, else the programme start."""
    starts = [parse_period(i.baseline.period).start for i in indicators.values() if i.baseline]
    return min(starts) if starts else programme.period.start


def validate_measurements(
    table: Table,
    programme: Programme,
    indicators: dict[str, Indicator],
    partner: str,
    sink: ErrorSink,
    *,
    keep: bool,
    plain_path: bool = True,
) -> Checked:
    """Check every row of a measurement table; with ``keep`` also return the stored lines.

    ``plain_path=False`` sends every row through the full check (the reference for tests).
    """
    dims = sorted(programme.codelists)
    columns = check_header(
        table.header,
        MEASUREMENT_FIXED,
        (*dims, *MEASUREMENT_OPTIONAL),
        sink,
        table.header_row,
        aliases=measurement_aliases(programme),
        ignored=IGNORED_MEASUREMENT_COLUMNS,
    )
    result = Checked()
    if columns is None:
        return result
    result.columns = columns
    first = earliest_period_start(programme, indicators)

    def make_checker(sink: ErrorSink) -> RowChecker:
        return RowChecker(
            table.delimiter,
            len(table.header),
            columns,
            dims,
            programme,
            indicators,
            partner,
            sink,
            first,
            keep=keep,
        )

    checker = make_checker(sink)
    # Rows are read a list at a time while the key map grows to a million entries: the cyclic
    # collector would walk that map again and again for garbage this loop never creates.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if not plain_path:
            _check_each(checker, row_batches(table))
        elif not check_in_two(table, checker, make_checker, _check_plain_first):
            _check_plain_first(checker, row_batches(table))
    finally:
        if collecting:
            gc.enable()
    result.rows = checker.count
    result.groups = checker.groups
    result.values = checker.values
    result.lines = checker.lines
    result.decimal = decide_decimal(
        checker.evidence,
        checker.first_row,
        checker.first_column,
        {at + 1: column for column, at in columns.items()},
        table.delimiter,
        sink,
    )
    return result


def _check_each(checker: RowChecker, batches: Iterator[list[Row]]) -> None:
    sink = checker.sink
    for batch in batches:
        for row, cells in batch:
            if sink.total >= MAX_COUNTED_ERRORS and sink.gave_up(row):
                return
            checker.check(row, cells)


def _check_plain_first(checker: RowChecker, batches: Iterator[list[Row]]) -> bool:
    """Prove each row plain with a few lookups; send any other row through the full check.

    Nothing of a row is recorded until it is proven plain, so a row sent on is counted once.
    Problems are added only by the full check and the duplicate-key test, both in row order:
    the error cap is tested before the row after any row that added one. True when checking
    stopped at the cap; rows read on later continue where these ended.
    """
    sink = checker.sink
    check = checker.check
    width = checker.width
    pick = _cell_picker(checker)
    has_source = checker.bi >= 0
    known = checker.periods
    groups = checker.groups
    values = checker.values
    lines = checker.lines
    keep = checker.keep
    evidence, first_row, first_column = checker.evidence, checker.first_row, checker.first_column
    value_column, lower_column, upper_column = checker.vi + 1, checker.li + 1, checker.ui + 1
    # indicator → period text → (rule, period label, keys of that period, their values,
    # breakdowns of plain dimension cells), for valid periods only: no more than the verdicts
    # the checker keeps.
    plain_periods: dict[
        str, dict[str, tuple[Rule, str, dict[str, int], list[str], dict[object, str]]]
    ] = {}
    statuses = _PLAIN_STATUSES
    longest = LONGEST_PLAIN_NUMBER
    count = 0
    # Rows of one indicator and period usually follow each other: look up only when they change.
    last_ind: str | None = None
    last_text: str | None = None
    stop = sink.total >= MAX_COUNTED_ERRORS
    try:
        for batch in batches:
            for row, cells in batch:
                if stop and sink.gave_up(row):
                    return True
                if len(cells) != width:
                    check(row, cells)
                    stop = sink.total >= MAX_COUNTED_ERRORS
                    continue
                # Without a source column ``source`` is a copy of another cell: never used.
                ind, text, raw, status, lower, upper, note, source, dims = pick(cells)
                if text != last_text or ind != last_ind:
                    try:
                        rule, label, given, given_values, plain = plain_periods[ind][text]
                    except KeyError:
                        found = known.get((ind, text))
                        if found is None or found[2]:
                            check(row, cells)  # first sight of this period, or a wrong one
                            stop = sink.total >= MAX_COUNTED_ERRORS
                            continue
                        rule, label = found[0], found[1]
                        prefix = f"{ind}\x1f{label}\x1f"
                        given = groups.setdefault(prefix, {})
                        given_values = values.setdefault(prefix, [])
                        plain = rule.plain
                        found_plain = (rule, label, given, given_values, plain)
                        plain_periods.setdefault(ind, {})[text] = found_plain
                    last_ind, last_text = ind, text
                    whole, percentage = rule.whole, rule.percentage
                breakdown = plain.get(dims)
                stored_status = statuses.get(status)
                if (
                    breakdown is None
                    or stored_status is None
                    or (note and len(note) > MAX_NOTE_CHARS)
                    or (has_source and len(source) > MAX_SOURCE_CHARS)
                    or len(raw) > longest
                    or not raw.isascii()
                ):
                    check(row, cells)
                    stop = sink.total >= MAX_COUNTED_ERRORS
                    continue
                value: float | None = None  # computed when needed
                if raw.isdigit():
                    kind = -1
                    if percentage:
                        value = float(raw)
                        if value > 100:
                            check(row, cells)
                            stop = sink.total >= MAX_COUNTED_ERRORS
                            continue
                else:
                    # A plain decimal: digits, one point or comma, digits (as parse_number).
                    digits, mark, fraction = raw.partition(".")
                    if mark:
                        if not (digits.isdigit() and fraction.isdigit()):
                            check(row, cells)
                            stop = sink.total >= MAX_COUNTED_ERRORS
                            continue
                        kind = POINT3 if len(digits) <= 3 and len(fraction) == 3 else POINT
                    else:
                        digits, mark, fraction = raw.partition(",")
                        if not (mark and digits.isdigit() and fraction.isdigit()):
                            check(row, cells)
                            stop = sink.total >= MAX_COUNTED_ERRORS
                            continue
                        kind = COMMA3 if len(digits) <= 3 and len(fraction) == 3 else COMMA
                    if whole or percentage or keep:
                        value = float(raw if kind < COMMA else raw.replace(",", "."))
                        if (whole and not value.is_integer()) or (percentage and value > 100):
                            check(row, cells)
                            stop = sink.total >= MAX_COUNTED_ERRORS
                            continue
                bounds = ","
                if lower or upper:
                    if value is None:
                        value = float(raw if kind < COMMA else raw.replace(",", "."))
                    interval = _plain_interval(value, lower, upper, keep)
                    if interval is None:
                        check(row, cells)
                        stop = sink.total >= MAX_COUNTED_ERRORS
                        continue
                    bounds, lower_kind, upper_kind = interval
                else:
                    lower_kind = upper_kind = -1
                # Proven plain: record it as the full check would (the value's number first).
                count += 1
                if kind >= 0:
                    evidence[kind] += 1
                    if not first_row[kind]:
                        first_row[kind] = row
                        first_column[kind] = value_column
                if lower_kind >= 0 or upper_kind >= 0:
                    for bound_kind, column in (
                        (lower_kind, lower_column),
                        (upper_kind, upper_column),
                    ):
                        if bound_kind >= 0:
                            evidence[bound_kind] += 1
                            if not first_row[bound_kind]:
                                first_row[bound_kind] = row
                                first_column[bound_kind] = column
                first = given.setdefault(breakdown, row)
                if first != row:
                    checker.duplicate(ind, label, breakdown, first, row)
                    stop = sink.total >= MAX_COUNTED_ERRORS
                else:
                    given_values.append(raw)
                if keep:
                    if kind >= 0:
                        assert value is not None  # decimals are converted when kept
                        shown = plain_number(value)
                    else:
                        shown = raw if raw[0] != "0" else plain_number(float(raw))
                    stored_note = csv_field(escape_text(note)) if note else ""
                    stored_source = csv_field(escape_text(source)) if has_source and source else ""
                    lines.append(
                        f"{row},{ind},{label},{breakdown},{shown},{stored_status},{bounds},"
                        f"{stored_note},{stored_source}\n"
                    )
    finally:
        checker.count += count
    return False


def _plain_interval(
    value: float, lower: str, upper: str, keep: bool
) -> tuple[str, int, int] | None:
    """Stored ``lower,upper`` (when kept) and their evidence kinds (-1: empty), when plain and
    in order; None otherwise."""
    low = _plain_number(lower, NONE) if lower else None
    high = _plain_number(upper, NONE) if upper else None
    if (lower and low is None) or (upper and high is None):
        return None
    if low is not None and (value < low[0] or (high is not None and low[0] > high[0])):
        return None
    if high is not None and value > high[0]:
        return None
    text = ","
    if keep:
        text = (
            f"{'' if low is None else plain_number(low[0])},"
            f"{'' if high is None else plain_number(high[0])}"
        )
    return text, -1 if low is None else low[1], -1 if high is None else high[1]


def _plain_number(text: str, whole: int) -> tuple[float, int] | None:
    """A plain number (digits, or digits, point or comma, digits) and its evidence kind."""
    if len(text) > LONGEST_PLAIN_NUMBER or not text.isascii():
        return None
    if text.isdigit():
        return float(text), whole
    mark = text.find(".")
    if mark < 0:
        mark = text.find(",")
    if not (0 < mark < len(text) - 1 and text[:mark].isdigit() and text[mark + 1 :].isdigit()):
        return None
    thousands_like = mark <= 3 and len(text) - mark == 4
    if text[mark] == ".":
        return float(text), POINT3 if thousands_like else POINT
    return float(text.replace(",", ".")), COMMA3 if thousands_like else COMMA


def _cell_picker(checker: RowChecker) -> Callable[[list[str]], tuple[Any, ...]]:
    """Cells (indicator, period, value, obs_status, lower, upper, note, source; "" for absent
    columns) and the dimension cells as :attr:`RowChecker.pick_dims` picks them (None without
    any). Without a source column the value cell stands in for it (the caller knows)."""
    source = checker.bi if checker.bi >= 0 else checker.vi
    slots = (
        checker.ci,
        checker.pi,
        checker.vi,
        checker.si,
        checker.li,
        checker.ui,
        checker.ni,
        source,
    )
    if min(slots) >= 0 and len(checker.dim_columns) == 1:
        return itemgetter(*slots, checker.dim_columns[0][1])  # the usual table, all in C
    present = [i for i in slots if i >= 0]
    get = itemgetter(*present)
    # Absent columns read the "" appended after the present ones.
    order = itemgetter(*(present.index(i) if i >= 0 else len(present) for i in slots))
    dims = checker.pick_dims
    if dims is None:
        return lambda cells: (*order((*get(cells), "")), None)
    return lambda cells: (*order((*get(cells), "")), dims(cells))
