"""What a native Word chart draws: categories, series and the value axis of one indicator.

The Word report draws each indicator as a DrawingML line chart (``c:lineChart``) on a text
category axis, written by :mod:`kpitrack.report.docx_chart_xml`. This module decides what goes
in it, from the :class:`ChartModel` the HTML chart uses too, with no XML and no python-docx:

- Categories are a regular grid of periods (the finest frequency among the points, baseline and
  targets), from the earliest to the latest of them, each labelled with its period code
  (``2019``, ``2019-Q3``). A regular grid keeps the distance between points proportional to time
  and makes the straight dashed path to the target a straight line; a period without a value is
  an empty cell, which the chart shows as a break in the line (``dispBlanksAs="gap"``).
- Why not a scatter chart with a date axis: a value axis cannot show period codes, its ticks fall
  at multiples of a day count rather than at period ends, and Word and LibreOffice format and
  place date ticks differently. Text categories look the same in both.
- A dense axis (quarters, months, long series) labels every n-th category, at the same point
  of each year, and leaves the others blank; markers shrink so the line stays visible.
- Only series with at least one value are drawn, so the legend lists only what is drawn; a series
  with one value is a marker (a line needs two points). Open markers (provisional and estimated
  figures, superseded targets) are a coloured marker with a white centre drawn over it, a series
  the legend leaves out.
- The value axis is fixed here (minimum, maximum, step and number format), so that both office
  suites show the same ticks and never a tick label with more decimals than the step needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from kpitrack.report.model import ChartModel, ChartPoint

# The colours of the HTML charts (kpitrack.report.charts), as DrawingML wants them.
ACTUAL = "0B4F8A"
PROVISIONAL = "9A4A00"
TARGET = "1A6B32"
BASELINE = "3D3D3D"
SUPERSEDED = "767676"

MAX_GRID = 600  # categories; a longer span falls back to one category per distinct date
PLOT_WIDTH_CM = 13.5  # the plot area of a 16 cm wide chart, less the value axis
LABEL_CM_PER_CHAR = 0.18  # a 9 pt Arial digit is 0.176 cm
LABEL_GAP_CM = 0.25
_MONTHS_FREQUENCY = {12: "year", 6: "half-year", 3: "quarter", 1: "month"}


@dataclass(frozen=True, slots=True)
class Series:
    """One drawn series: a value (or ``None``, an empty cell) for every category."""

    kind: str
    """``baseline``, ``target_path``, ``actual``, ``provisional``, ``target``, ``superseded``, or
    the white centre of an open marker (``provisional_centre``, ``superseded_centre``)."""
    name: str
    """The legend text."""
    values: tuple[float | None, ...]
    markers: dict[int, str] = field(default_factory=dict)
    """Category index → marker symbol where a point differs from the series (``none`` hides)."""
    plus: tuple[float | None, ...] = ()
    """Error bar above each value (upper bound − value); empty when the series has none."""
    minus: tuple[float | None, ...] = ()
    """Error bar below each value (value − lower bound)."""
    in_legend: bool = True
    """False for the white centres of open markers (drawn, never listed)."""
    joined: bool = True
    """False when no two values stand side by side: markers only, and the legend shows a
    marker, not a line."""


@dataclass(frozen=True, slots=True)
class Axis:
    """The value axis: fixed bounds and step, and a number format with the step's decimals."""

    minimum: float
    maximum: float
    step: float
    number_format: str


@dataclass(frozen=True, slots=True)
class ChartPlan:
    """Everything a native chart draws, in drawing order."""

    categories: tuple[str, ...]
    """Period code of every category, first to last."""
    series: tuple[Series, ...]
    axis: Axis
    label_skip: int
    """Label every n-th category, so that the labels never overlap."""
    labels: tuple[str, ...]
    """What the axis shows under each category: the code, or nothing between labels."""
    y_title: str
    marker_scale: float = 1.0
    """Markers shrink on a dense series (many quarters or months), so the line stays visible."""

    @property
    def drawn(self) -> bool:
        """True when at least one series has a value (else there is nothing to chart)."""
        return bool(self.series)

    @property
    def legend(self) -> tuple[Series, ...]:
        """The series the legend lists, in its order."""
        return tuple(s for s in self.series if s.in_legend)


def plan_chart(chart: ChartModel) -> ChartPlan:
    """Lay out ``chart`` as categories and series (see the module docstring)."""
    categories, index = _categories(chart)
    n = len(categories)
    series: list[Series] = []
    labels = chart.labels

    actual: list[float | None] = [None] * n
    provisional: list[float | None] = [None] * n
    plus: list[float | None] = [None] * n
    minus: list[float | None] = [None] * n
    actual_markers: dict[int, str] = {}
    provisional_markers: dict[int, str] = {}
    for x, value, status, lower, upper in zip(
        chart.x, chart.values, chart.obs_status, chart.lower, chart.upper, strict=True
    ):
        if value is None:
            continue
        i = index[x]
        actual[i] = value
        if lower is not None and upper is not None:
            plus[i], minus[i] = upper - value, value - lower
        if status in ("P", "E"):
            # Drawn open by the provisional series on top; hidden here so that no filled
            # marker shows through the open one.
            actual_markers[i] = "none"
            provisional[i] = value
            if status == "E":
                provisional_markers[i] = "diamond"
        elif status == "B":
            actual_markers[i] = "triangle"  # a new method or source starts here
    has_bars = any(p is not None for p in plus)
    # Drawing order, later on top: the baseline and the path under the measured line, the
    # targets last. The legend follows the same order.
    if chart.baseline is not None:
        series.append(Series("baseline", labels.baseline, _at(n, index, (chart.baseline,))))
    if len(chart.target_path) == 2:
        path = _path(n, index, chart.target_path[0], chart.target_path[1])
        if path is not None:
            series.append(Series("target_path", labels.target_path, path))
    if any(v is not None for v in actual):
        series.append(
            Series(
                "actual",
                labels.actual,
                tuple(actual),
                actual_markers,
                tuple(plus) if has_bars else (),
                tuple(minus) if has_bars else (),
                joined=_neighbours(actual),
            )
        )
    if any(v is not None for v in provisional):
        series += _open("provisional", labels.provisional, tuple(provisional), provisional_markers)
    if chart.targets:
        series.append(Series("target", labels.target, _at(n, index, chart.targets)))
    if chart.superseded:
        series += _open("superseded", labels.superseded, _at(n, index, chart.superseded), {})

    values = [v for s in series for v in s.values if v is not None]
    for s in series:
        values += [v + p for v, p in zip(s.values, s.plus, strict=False) if v is not None and p]
        values += [v - m for v, m in zip(s.values, s.minus, strict=False) if v is not None and m]
    skip = _label_skip(categories)
    return ChartPlan(
        categories=categories,
        series=tuple(series),
        axis=value_axis(values),
        label_skip=skip,
        labels=_axis_labels(categories, skip),
        y_title=labels.y_axis,
        marker_scale=1.0 if n <= 24 else 0.75 if n <= 48 else 0.6,
    )


def _neighbours(values: list[float | None]) -> bool:
    """Whether any two values stand side by side (so a line can join them)."""
    return any(a is not None and b is not None for a, b in pairwise(values))


# --- categories ---------------------------------------------------------------------------------


def _categories(chart: ChartModel) -> tuple[tuple[str, ...], dict[str, int]]:
    """Category labels, and the category index of every x position (ISO period end)."""
    points = [
        p for p in (chart.baseline, *chart.target_path, *chart.targets, *chart.superseded) if p
    ]
    codes = list(chart.period_codes) if len(chart.period_codes) == len(chart.x) else []
    grid = _grid([*codes, *(p.period for p in points)]) if codes or not chart.x else None
    if grid is not None:
        labels = tuple(code for code, _ in grid)
        index = {end: i for i, (_, end) in enumerate(grid)}
        if all(x in index for x in (*chart.x, *(p.x for p in points))):
            return labels, index
    # Codes missing or unusual: one category per distinct date, labelled in words.
    words: dict[str, str] = {}
    for x, label in zip(chart.x, chart.periods, strict=True):
        words.setdefault(x, label)
    for point in points:
        words.setdefault(point.x, point.period or point.period_label)
    ordered = sorted(words)
    return tuple(words[x] for x in ordered), {x: i for i, x in enumerate(ordered)}


def _grid(codes: list[str]) -> list[tuple[str, str]] | None:
    """``(period code, ISO end)`` of every period of the finest frequency, first to last."""
    from kpitrack.core.periods import parse_period, periods_between

    if not codes:
        return None
    try:
        periods = [parse_period(code) for code in codes]
    except ValueError:
        return None
    months = min(p.months for p in periods)
    first = min(p.end for p in periods)
    last = max(p.end for p in periods)
    frequency = _MONTHS_FREQUENCY[months]
    grid = periods_between(frequency, first, last)  # type: ignore[arg-type]
    if len(grid) > MAX_GRID:
        return None
    return [(p.label, p.end.isoformat()) for p in grid]


def _label_skip(categories: tuple[str, ...]) -> int:
    """Label every n-th category so that the labels fit side by side, at whole years if we can."""
    if not categories:
        return 1
    skip = _fitting(len(categories), max(len(c) for c in categories))
    if skip <= 1:
        return 1
    per_year = _per_year(categories)
    if per_year == 1:
        return skip
    if skip < per_year:  # every half year, every other quarter...: a divisor of the year
        return next(d for d in range(skip, per_year + 1) if per_year % d == 0)
    # Only the first period of a year is labelled, with its year alone: that fits more often.
    years = -(-_fitting(len(categories), 4) // per_year)
    return per_year * max(1, years)


def _fitting(count: int, characters: int) -> int:
    """The smallest n such that every n-th of ``count`` labels fits side by side."""
    fits = max(2, int(PLOT_WIDTH_CM / (characters * LABEL_CM_PER_CHAR + LABEL_GAP_CM)))
    return -(-count // fits)


def _axis_labels(categories: tuple[str, ...], skip: int) -> tuple[str, ...]:
    """The code under every ``skip``-th category, at the same point of each year, blank between;
    where only the first period of a year is labelled, its year alone (``2019`` for ``2019-Q1``).

    Blank labels rather than ``c:tickLblSkip`` alone: Word honours that element but LibreOffice
    does not (it rotates and thins the labels its own way), and blank ones look the same in both.
    """
    if skip <= 1 or not categories:
        return categories
    per_year = _per_year(categories)
    first = categories[0][:4]
    labels = []
    for index, code in enumerate(categories):
        if per_year == 1 or not (code[:4].isdigit() and first.isdigit()):
            shown = index % skip == 0
        else:
            position = _position_in_year(code)
            if skip < per_year:
                shown = position % skip == 0
            else:
                shown = position == 0 and (int(code[:4]) - int(first)) % (skip // per_year) == 0
                code = code[:4]
        labels.append(code if shown else "")
    return tuple(labels)


def _per_year(categories: tuple[str, ...]) -> int:
    code = categories[0]
    if len(code) == 7 and code[4] == "-":
        return {"H": 2, "Q": 4}.get(code[5], 12 if code[5:].isdigit() else 1)
    return 1


def _position_in_year(code: str) -> int:
    """0 for the first half year, quarter or month of a year (``2019-H1``, ``2019-Q1``, ...)."""
    part = code[5:]
    return int(part[1:]) - 1 if part[:1] in ("H", "Q") else int(part) - 1


# --- series ------------------------------------------------------------------------------------


def _at(n: int, index: dict[str, int], points: tuple[ChartPoint, ...]) -> tuple[float | None, ...]:
    values: list[float | None] = [None] * n
    for point in points:
        values[index[point.x]] = point.value
    return tuple(values)


def _open(
    kind: str, name: str, values: tuple[float | None, ...], markers: dict[int, str]
) -> list[Series]:
    """An open marker as two series: the marker, then a smaller white one in its centre.

    LibreOffice draws a marker's fill but not its outline, so an outlined white marker would
    vanish there; a white centre on a coloured marker looks the same in Word and LibreOffice.
    """
    return [
        Series(kind, name, values, markers),
        Series(f"{kind}_centre", name, values, dict(markers), in_legend=False),
    ]


def _path(
    n: int, index: dict[str, int], start: ChartPoint, end: ChartPoint
) -> tuple[float | None, ...] | None:
    """The straight line from the baseline to the target, a value in every category between."""
    i, j = index[start.x], index[end.x]
    if i == j:
        return None
    values: list[float | None] = [None] * n
    low, high = min(i, j), max(i, j)
    for k in range(low, high + 1):
        values[k] = start.value + (end.value - start.value) * (k - i) / (j - i)
    return tuple(values)


# --- value axis --------------------------------------------------------------------------------


def value_axis(values: list[float], ticks: int = 5) -> Axis:
    """Bounds and step for ``values``: from zero (or below the lowest negative), about ``ticks``
    steps, the top the first step at or above the highest value (a percentage that reaches 100
    ends the axis at 100; markers on the edge are drawn whole in Word and LibreOffice)."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high == low:
        high = low + 1
    step = _nice_step((high - low) / ticks)
    minimum = math.floor(low / step + 1e-9) * step if low < 0 else 0.0
    maximum = math.ceil(high / step - 1e-9) * step if high > 0 else 0.0
    decimals = max(0, -Decimal(repr(step)).normalize().as_tuple().exponent)  # type: ignore[operator]
    number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
    return Axis(_clean(minimum), _clean(maximum), _clean(step), number_format)


def _nice_step(raw: float) -> float:
    magnitude: float = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw * (1 - 1e-9):
            return factor * magnitude
    return 10 * magnitude


def _clean(value: float) -> float:
    """Drop binary noise (0.30000000000000004) so the XML says what the axis shows."""
    return float(f"{value:.10g}")
