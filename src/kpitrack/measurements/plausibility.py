"""Plausibility of the figures of a valid measurement file (design §4, issue "figures that make
sense"): warnings by default, errors for an indicator with ``plausibility: {errors: true}``.

Checked once the rows are valid, on the figures the file gives with the store's current
figures beside them (the file's own win):

- ``breakdown-total``: the cells of a complete breakdown of a count or an amount (every code of
  a dimension, none withdrawn) do not add up to the total of the same period;
- ``jump``: a value more than ``jump_factor`` (default 3) times above or below the previous
  value of its series: the same indicator and breakdown in the latest earlier period the file
  or the store has figures of the indicator for; a change from or to 0 is no factor and is not
  judged;
- ``percentage-fraction``: a percentage between 0 and 1 where the previous value of its series
  was above 1 (0.6 meant as 60%) or, for the first value of a series, where the indicator's
  baseline or a target is; or the reverse, a percentage above 1 after a previous value between
  0 and 1;
- ``period-not-ended``: a period that has not ended on the day the file is received (dates in
  Europe/Amsterdam), once per indicator and period.

Each is located at its row and column (the value, or the period). The checks read the value
cells the row check kept (:attr:`Checked.values`), a list per indicator and period, as numbers
with C-level passes over them: a million valid rows cost a fraction of their row check.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import ge, gt, mul
from typing import TYPE_CHECKING

from kpitrack.core.numbers import plain_number
from kpitrack.core.periods import Period, parse_period
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.halves import check_in_halves
from kpitrack.measurements.validate import ErrorSink, parse_number, strip_percent

if TYPE_CHECKING:
    from kpitrack.measurements.rows import Checked

DEFAULT_JUMP_FACTOR = 3.0
PARALLEL_MIN_FIGURES = 200_000
"""Files with fewer figures are checked in one process: a fork costs more than it saves."""
SUMMABLE = frozenset({"count", "amount"})
NAN = math.nan


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored current figure: its value (NaN when withdrawn or unusable) and submission."""

    value: float
    submission: int


StoredGroups = dict[str, dict[str, Stored]]
"""``indicator\\x1fperiod\\x1f`` → breakdown → the stored current figure."""


def check_plausibility(
    checked: Checked,
    programme: Programme,
    indicators: Mapping[str, Indicator],
    stored: StoredGroups,
    today: date,
    sink: ErrorSink,
) -> None:
    """Add the plausibility problems of a valid file's figures (see the module docstring)."""
    comma = checked.decimal == "comma"
    by_indicator: dict[str, list[Period]] = {}
    for prefix in checked.groups:
        ind, label, _ = prefix.split("\x1f")
        by_indicator.setdefault(ind, []).append(parse_period(label))
    stored_labels: dict[str, list[str]] = {}
    for prefix in stored:
        ind, label, _ = prefix.split("\x1f")
        if ind in by_indicator:
            stored_labels.setdefault(ind, []).append(label)
    work = list(by_indicator.items())

    def check(part: Sequence[tuple[str, list[Period]]], into: ErrorSink) -> None:
        for ind, periods in part:
            series = _Series(indicators[ind], programme, checked, stored, into, comma)
            series.check(periods, stored_labels.get(ind, []), today)

    # A large file's indicators are checked in two processes (measurements/halves.py).
    sizes = [_figures(checked, ind, periods) for ind, periods in work]
    if sum(sizes) < PARALLEL_MIN_FIGURES or not check_in_halves(work, sizes, sink, check):
        check(work, sink)


def _figures(checked: Checked, ind: str, periods: list[Period]) -> int:
    """How many figures the file gives of the indicator."""
    return sum(len(checked.values[f"{ind}\x1f{period.label}\x1f"]) for period in periods)


class _Series:
    """The checks of one indicator's figures in the file."""

    def __init__(
        self,
        indicator: Indicator,
        programme: Programme,
        checked: Checked,
        stored: StoredGroups,
        sink: ErrorSink,
        comma: bool,
    ) -> None:
        self.indicator = indicator
        self.comma = comma
        self.checked = checked
        self.stored = stored
        settings = indicator.plausibility
        self.factor = DEFAULT_JUMP_FACTOR if settings is None else float(settings.jump_factor)
        self.sink = sink
        self.errors = settings is not None and settings.errors
        self.value_at = ("value", checked.columns.get("value", -1) + 1 or None)
        self.period_at = ("period", checked.columns.get("period", -1) + 1 or None)
        self.codes = {
            dim: len(programme.codelists[dim].codes)
            for dim in indicator.dimensions
            if dim in programme.codelists
        }
        # A percentage whose baseline or a target is above 1 is written on the scale 0 to 100:
        # what a first figure of a series is judged by.
        self.percent_scale = indicator.measure == "percentage" and any(
            value > 1
            for value in (
                *([indicator.baseline.value] if indicator.baseline else []),
                *(target.value for target in indicator.targets),
            )
        )

    def check(self, periods: list[Period], stored_labels: list[str], today: date) -> None:
        """Check the file's periods of the indicator; ``stored_labels``: periods in the store."""
        ind = self.indicator.id
        mine = {p.label: p for p in periods}
        in_store: dict[str, Period] = {}
        for label in stored_labels:
            if label in mine:
                continue
            try:
                found = parse_period(label)
            except ValueError:
                continue
            if found.frequency == self.indicator.frequency:
                in_store[label] = found
        timeline = sorted([*mine.values(), *in_store.values()])
        summable = self.indicator.measure in SUMMABLE and bool(self.codes)
        # period label → the file's keys, their values, and the merged figures (when made)
        read: dict[str, tuple[dict[str, int], list[float], dict[str, float] | None]] = {}
        for position, current in enumerate(timeline):
            if current.label not in mine:
                continue
            prefix = f"{ind}\x1f{current.label}\x1f"
            rows = self.checked.groups[prefix]
            numbers = _floats(self.checked.values[prefix], self.comma)
            # The merged figures of the period, made only where the store adds to the file's or
            # a breakdown has more than one dimension: else the file's own lists serve.
            here = None
            if summable and (prefix in self.stored or len(self.codes) > 1):
                here = self._merged(prefix, rows, numbers)
            read[current.label] = (rows, numbers, here)
            if current.end >= today:
                first = next(iter(rows.values()))
                self.report(
                    "period-not-ended", first, self.period_at, _not_ended, ind, current, today
                )
            if summable:
                self._totals(current.label, prefix, rows, numbers, here)
            previous = timeline[position - 1].label if position else ""
            earlier = self._earlier(previous, rows, read.get(previous)) if position else None
            self._jumps(current.label, previous, rows, numbers, earlier)

    def _earlier(
        self,
        previous: str,
        rows: dict[str, int],
        found: tuple[dict[str, int], list[float], dict[str, float] | None] | None,
    ) -> list[float] | None:
        """The previous period's current value of each key of ``rows`` (NaN: none), or None
        when it has no figures."""
        prefix = f"{self.indicator.id}\x1f{previous}\x1f"
        if found is not None and prefix not in self.stored and list(found[0]) == list(rows):
            return found[1]  # the same keys in the same order (a file's usual layout)
        if found is None:
            before = self._merged(prefix, {}, [])
        else:
            before = found[2] if found[2] is not None else self._merged(prefix, *found[:2])
        return list(map(before.get, rows, repeat(NAN))) if before else None

    def _merged(self, prefix: str, rows: dict[str, int], numbers: list[float]) -> dict[str, float]:
        """The period's current figures: the store's, with the file's in their place."""
        stored = self.stored.get(prefix)
        here = dict(zip(rows, numbers, strict=True))
        if not stored:
            return here
        merged = {breakdown: figure.value for breakdown, figure in stored.items()}
        merged.update(here)
        return merged

    def _totals(
        self,
        label: str,
        prefix: str,
        rows: dict[str, int],
        numbers: list[float],
        here: dict[str, float] | None,
    ) -> None:
        keys, values = (list(rows), numbers) if here is None else (list(here), list(here.values()))
        try:
            at = keys.index("")
        except ValueError:
            return  # no total
        total = values[at]
        if math.isnan(total):
            return
        if len(self.codes) == 1:
            # One dimension: every cell but the total is a cell of it (C-level, no loop).
            ((dim, _),) = self.codes.items()
            cells = [*values[:at], *values[at + 1 :]]
            sums = {dim: (math.fsum(cells), len(cells))}
        else:
            assert here is not None  # made for more than one dimension
            sums = _sums_by_dimension(here, self.codes)
        for dim, (summed, count) in sorted(sums.items()):
            if count != self.codes[dim] or math.isnan(summed):
                continue
            if math.isclose(summed, total, rel_tol=1e-9, abs_tol=1e-9):
                continue
            where = "" if "" in rows else self._stored_note(prefix, "")
            first = rows.get("") or next(iter(rows.values()))
            words = (f"{self.indicator.id} {label}", dim, summed, total, where)
            self.report("breakdown-total", first, self.value_at, _not_adding_up, *words)

    def _jumps(
        self,
        label: str,
        previous: str,
        rows: dict[str, int],
        numbers: list[float],
        earlier: list[float] | None,
    ) -> None:
        percentage = self.indicator.measure == "percentage"
        if earlier is None:
            if not (percentage and self.percent_scale):
                return
            earlier = [NAN] * len(numbers)
        factor = self.factor
        indices = range(len(numbers))
        # C-level passes: indices where one value is more than the factor times the other
        # (zeros and signs are judged per flagged row below); NaN compares false.
        up = compress(indices, map(gt, numbers, map(mul, earlier, repeat(factor))))
        down = compress(indices, map(gt, earlier, map(mul, numbers, repeat(factor))))
        flagged = set(up) | set(down)
        if percentage:
            # Values at most 1: fractions where the series or the targets say 0 to 100.
            flagged |= set(compress(indices, map(ge, repeat(1.0), numbers)))
        if not flagged:
            return
        keys = list(rows)
        sink, errors, judged = self.sink, self.errors, self._judged
        unlisted: dict[str, int] = {}  # past the listing limit: counted in one go
        # Keys of a group are in row order: so are the indices.
        for index in sorted(flagged):
            value, was = numbers[index], earlier[index]
            # Positive and flagged: beyond the factor; any other pair is judged.
            code = "jump" if value > 0 and was > 0 and not percentage else judged(value, was)
            if code is None:
                continue
            if not sink.listed(code, error=errors):
                unlisted[code] = unlisted.get(code, 0) + 1
                continue
            words = (code, label, previous, keys[index], value, was)
            self.report(code, rows[keys[index]], self.value_at, self._message, *words)
        for code, more in unlisted.items():
            sink.count(code, error=errors, times=more)

    def _judged(self, value: float, was: float) -> str | None:
        """The code of an implausible value against the previous one (NaN: none), or None."""
        if self.indicator.measure == "percentage":
            if 0 < value < 1 and (was > 1 or (math.isnan(was) and self.percent_scale)):
                return "percentage-fraction"
            if 0 < was < 1 < value:
                return "percentage-fraction"  # the previous value was the fraction
        if math.isnan(was) or value == 0 or was == 0 or (value > 0) != (was > 0):
            return None  # no factor between them
        return "jump" if max(value / was, was / value) > self.factor else None

    def _message(
        self, code: str, label: str, previous: str, breakdown: str, value: float, was: float
    ) -> str:
        """The words of a jump or of a percentage written as a fraction."""
        shown = f"{self.indicator.id} {label}{f' ({breakdown})' if breakdown else ''}"
        before = f"{plain_number(was)} ({previous}{self._stored_note_for(previous, breakdown)})"
        if code == "percentage-fraction":
            if value > 1:
                return (
                    f"{shown}: {plain_number(value)} is on the scale 0 to 100, but the previous "
                    f"value {before} looks like a fraction of 1: if it meant "
                    f"{plain_number(was * 100)}%, submit a correction of it"
                )
            percent = plain_number(value * 100)
            scale = (
                f"the previous value {before} is"
                if not math.isnan(was)
                else "the baseline and targets of the indicator are"
            )
            return (
                f"{shown}: {plain_number(value)} looks like a fraction of 1, but {scale} on "
                f"the scale 0 to 100: write {percent} for {percent}%"
            )
        ratio = max(value / was, was / value)
        direction = "above" if abs(value) > abs(was) else "below"
        return (
            f"{shown}: {plain_number(value)} is {ratio:,.1f} times {direction} the previous "
            f"value {before}; more than {plain_number(self.factor)} times is implausible: "
            "check the figure"
        )

    def report(
        self,
        code: str,
        row: int,
        place: tuple[str, int | None],
        message: Callable[..., str],
        *args: object,
    ) -> None:
        """Add the problem; its message (``message(*args)``) is made only when listed."""
        sink = self.sink
        if not sink.listed(code, error=self.errors):
            sink.count(code, error=self.errors)
        elif self.errors:
            sink.add(code, message(*args), row, *place)
        else:
            sink.warn(code, message(*args), row, *place)

    def _stored_note(self, prefix: str, breakdown: str) -> str:
        figure = self.stored.get(prefix, {}).get(breakdown)
        return "" if figure is None else f" (stored by submission {figure.submission})"

    def _stored_note_for(self, label: str, breakdown: str) -> str:
        prefix = f"{self.indicator.id}\x1f{label}\x1f"
        if prefix in self.checked.groups and breakdown in self.checked.groups[prefix]:
            return ""
        figure = self.stored.get(prefix, {}).get(breakdown)
        return "" if figure is None else f", submission {figure.submission}"


def _not_ended(ind: str, period: Period, today: date) -> str:
    return (
        f"{ind} {period.label} ends on {period.end.isoformat()}, not before the day this file "
        f"is received ({today.isoformat()}): a figure for a period that has not ended is a "
        "forecast; submit it once the period is over"
    )


def _not_adding_up(figure: str, dim: str, summed: float, total: float, where: str) -> str:
    return (
        f"the cells of {figure} by {dim} add up to {plain_number(summed)}, but the "
        f"total{where} is {plain_number(total)}: correct the cells or the total (or leave a "
        "cell out if the breakdown is not complete)"
    )


def _sums_by_dimension(
    here: dict[str, float], codes: dict[str, int]
) -> dict[str, tuple[float, int]]:
    """Per dimension, the sum and count of the cells broken down by it alone."""
    parts: dict[str, list[float]] = {}
    for breakdown, value in here.items():
        if breakdown and ";" not in breakdown:
            dim = breakdown.partition("=")[0]
            if dim in codes:
                parts.setdefault(dim, []).append(value)
    return {dim: (math.fsum(values), len(values)) for dim, values in parts.items()}


def _floats(texts: list[str], comma: bool) -> list[float]:
    """The value cells as numbers (NaN for an empty cell: a withdrawn figure), in C where the
    cells are plain numbers."""
    try:
        if comma:
            return list(map(float, map(str.replace, texts, repeat(","), repeat("."))))
        return list(map(float, texts))
    except ValueError:
        return [_float(text) for text in texts]


def _float(text: str) -> float:
    """A value cell of a valid file read as the row check read it (``60%``, ``1.234,5``)."""
    if not text.strip():
        return NAN
    body = strip_percent(text)
    value = parse_number(text if body is None else body)[0]
    return NAN if value is None else value


def stored_groups(figures: Mapping[str, tuple[float | None, int]]) -> StoredGroups:
    """Group stored current figures (key ``indicator\\x1fperiod\\x1fbreakdown`` → value,
    submission) by indicator and period."""
    groups: StoredGroups = {}
    for key, (value, submission) in figures.items():
        prefix, _, breakdown = key.rpartition("\x1f")
        groups.setdefault(prefix + "\x1f", {})[breakdown] = Stored(
            NAN if value is None else value, submission
        )
    return groups
