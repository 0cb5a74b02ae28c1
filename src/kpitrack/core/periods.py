"""Reporting periods: ``2019``, ``2019-H1``, ``2019-Q3``, ``2019-05``.

A period is parsed once into a :class:`Period`; its start and end dates drive the status rule
(time is measured in days between period end dates).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

Frequency = Literal["year", "half-year", "quarter", "month"]
FREQUENCIES: tuple[Frequency, ...] = ("year", "half-year", "quarter", "month")

_MONTHS_PER: dict[str, int] = {"year": 12, "half-year": 6, "quarter": 3, "month": 1}
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<h>H[12])|(?P<q>Q[1-4])|(?P<m>0[1-9]|1[0-2])))?$")

PERIOD_FORMS = "YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM (e.g. 2019, 2019-H1, 2019-Q3, 2019-05)"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar period; ordering is by start date, then by length."""

    start: date
    months: int
    label: str

    @property
    def frequency(self) -> Frequency:
        return {12: "year", 6: "half-year", 3: "quarter", 1: "month"}[self.months]  # type: ignore[return-value]

    @property
    def end(self) -> date:
        """The last day of the period."""
        month_index = self.start.month - 1 + self.months - 1
        year = self.start.year + month_index // 12
        month = month_index % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])

    def contains(self, other: Period) -> bool:
        """True when ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    def parent(self, frequency: Frequency) -> Period:
        """The period of ``frequency`` that contains this one (e.g. 2019-05 → 2019-Q2)."""
        size = _MONTHS_PER[frequency]
        if size < self.months:
            raise ValueError(f"{self.label} is longer than a {frequency}")
        first_month = (self.start.month - 1) // size * size + 1
        return _make(self.start.year, first_month, size)

    def children(self, frequency: Frequency) -> list[Period]:
        """The periods of ``frequency`` that make up this one (2019 → four quarters)."""
        size = _MONTHS_PER[frequency]
        if size > self.months:
            raise ValueError(f"{self.label} is shorter than a {frequency}")
        return [
            _make(self.start.year, self.start.month + offset, size)
            for offset in range(0, self.months, size)
        ]

    def __str__(self) -> str:
        return self.label


def parse_period(text: object) -> Period:
    """Parse a period string; an int year (an unquoted ``2019`` in YAML) is accepted."""
    if isinstance(text, bool):
        raise ValueError(f"expected a period ({PERIOD_FORMS}), got {text!r}")
    if isinstance(text, int):
        text = str(text)
    if not isinstance(text, str):
        raise ValueError(f"expected a period ({PERIOD_FORMS}), got {text!r}")
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a period; use {PERIOD_FORMS}")
    year = int(match["year"])
    if match["h"]:
        return _make(year, 1 if match["h"] == "H1" else 7, 6)
    if match["q"]:
        return _make(year, (int(match["q"][1]) - 1) * 3 + 1, 3)
    if match["m"]:
        return _make(year, int(match["m"]), 1)
    return _make(year, 1, 12)


def periods_between(frequency: Frequency, first: date, last: date) -> list[Period]:
    """All periods of ``frequency`` that overlap the dates ``first`` … ``last``."""
    size = _MONTHS_PER[frequency]
    current = _make(first.year, (first.month - 1) // size * size + 1, size)
    result: list[Period] = []
    while current.start <= last:
        result.append(current)
        current = following(current)
    return result


def months_in(frequency: Frequency) -> int:
    return _MONTHS_PER[frequency]


def following(period: Period) -> Period:
    """The period of the same length right after ``period`` (2019-H2 → 2020-H1)."""
    month_index = period.start.month - 1 + period.months
    return _make(period.start.year + month_index // 12, month_index % 12 + 1, period.months)


def _make(year: int, month: int, months: int) -> Period:
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if months == 12:
        label = f"{year}"
    elif months == 6:
        label = f"{year}-H{1 if month <= 6 else 2}"
    elif months == 3:
        label = f"{year}-Q{(month - 1) // 3 + 1}"
    else:
        label = f"{year}-{month:02d}"
    return Period(start=date(year, month, 1), months=months, label=label)


@lru_cache(maxsize=8192)
def period(text: str) -> Period:
    """:func:`parse_period` with a cache: the engine parses the same few labels many times."""
    return parse_period(text)


@lru_cache(maxsize=8192)
def period_end(text: str) -> date:
    """The last day of a period given as text, cached (computing it takes a calendar lookup)."""
    return parse_period(text).end


def end_after_months(day: date, months: int) -> date:
    """Last day of the month ``months`` after the month of ``day`` (2019-12-31, 12 → 2020-12-31)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, or that month's last day when it is shorter."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
