"""What a spreadsheet cell shows for a number under its number format, when that differs.

A partner checks a workbook by looking at it; kpitrack reads the values. Where the format makes
the cell show another number than the one it holds — ``0`` on 12.6 shows 13, ``#,##0,`` on
12,600 shows 13, ``0%`` on 0.605 shows 61% — the reader warns with both (:mod:`xlsx`). A cell
formatted as a percentage (one ``%``) is read as the percentage it shows: 0.6 under ``0%`` is
``60%``, as a partner typed it (:meth:`NumberFormat.percent_text`).

Only the parts of Excel's format language that change the number are read: digit placeholders
after the decimal point (rounding half away from zero, as Excel does), ``%`` (times 100 each),
commas after the last digit placeholder (divided by 1,000 each), scientific notation and
fractions. ``General``, text (``@``) and date formats show the value as it is, or are not
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
_DATE_LETTERS = re.compile(r"[ymdhs]|AM/PM|A/P", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"[0#?]")


@dataclass(frozen=True, slots=True)
class _Section:
    decimals: int
    percent: int  # number of % signs
    scale: int  # number of thousands divisions
    scientific: bool
    fraction: bool


@dataclass(frozen=True, slots=True)
class NumberFormat:
    """A parsed number format: its sections for positive, negative and zero numbers."""

    sections: tuple[_Section | None, ...]  # None: the section shows no number as such

    def percent_text(self, value: float) -> str | None:
        """``60%`` for 0.6 when the format shows ``value`` as a percentage (one ``%``), else
        None: the text a partner typed into the cell."""
        section = self._section(value)
        if section is None or section.percent != 1 or section.scale or section.fraction:
            return None
        try:
            scaled = Decimal(repr(value)) * 100
        except (InvalidOperation, ValueError):
            return None
        if not scaled.is_finite():
            return None
        return f"{scaled.normalize():f}%"

    def shown(self, value: float) -> str | None:
        """What a cell with this format shows for ``value``, when it is another number than
        the one read (a percentage cell is read as its percentage: see :meth:`percent_text`)."""
        section = self._section(value)
        if section is None:
            return None
        magnitude = abs(value)
        sign = "-" if value < 0 else ""
        if section.fraction:
            return None if magnitude.is_integer() else f"{sign}a fraction near {magnitude:g}"
        try:
            exact = Decimal(repr(magnitude))
            scaled = exact * (100**section.percent) / (1000**section.scale)
            if section.scientific:
                text = f"{scaled:.{section.decimals}E}"
                differs = Decimal(text) != scaled
            else:
                rounded = scaled.quantize(Decimal(1).scaleb(-section.decimals), ROUND_HALF_UP)
                text = f"{rounded:f}"
                differs = rounded != scaled
        except (InvalidOperation, ValueError, OverflowError):
            return None  # not finite, or too long to round (the value is refused anyway)
        read_as_shown = section.percent == 1 and not section.scale
        if not differs and (read_as_shown or not ((section.percent or section.scale) and exact)):
            return None
        return f"{sign}{text}{'%' * section.percent}"

    def _section(self, value: float) -> _Section | None:
        count = len(self.sections)
        if value < 0 and count >= 2:
            return self.sections[1]
        if value == 0 and count >= 3:
            return self.sections[2]
        return self.sections[0]


def parse_format(code: str) -> NumberFormat | None:
    """The format ``code`` as far as it changes numbers, or None when it shows them as they
    are (``General``, ``@``, ``0``-free text) or is a date or time format."""
    if not code or code.lower() == "general" or code == "@":
        return None
    sections: list[_Section | None] = []
    for part in _split(code)[:3]:
        plain = _LITERAL.sub("", part)
        if _DATE_LETTERS.search(plain):
            return None  # a date or time: such cells are read as dates
        sections.append(_parse_section(plain))
    if all(s is None for s in sections):
        return None
    return NumberFormat(tuple(sections))


def _parse_section(plain: str) -> _Section | None:
    if plain.strip().lower() == "general":
        return None
    if not _PLACEHOLDER.search(plain):
        return None  # a literal such as "-" for zero: not a number shown
    upper = plain.upper()
    exponent = max(upper.find("E+"), upper.find("E-"))
    number = plain if exponent < 0 else plain[:exponent]
    fraction = "/" in number
    point = number.find(".")
    decimals = 0 if point < 0 else len(_PLACEHOLDER.findall(number[point + 1 :]))
    last = max(m.end() for m in _PLACEHOLDER.finditer(number))
    trailing = re.match(r",*", number[last:])
    scale = len(trailing.group()) if trailing else 0
    return _Section(decimals, plain.count("%"), scale, exponent >= 0, fraction)


def _split(code: str) -> list[str]:
    """Sections separated by ``;`` outside quotes, brackets and escapes."""
    parts: list[str] = []
    current: list[str] = []
    quoted = bracket = escaped = False
    for char in code:
        if escaped:
            escaped = False
        elif char == "\\" and not quoted:
            escaped = True
        elif char == '"' and not bracket:
            quoted = not quoted
        elif char == "[" and not quoted:
            bracket = True
        elif char == "]" and not quoted:
            bracket = False
        elif char == ";" and not quoted and not bracket:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts
