"""Numbers, dates and periods per language (babel), shared by the engine, the reports and the CLI.

Rounding is half up (6.25 → 6.3), as people expect in a report, not babel's default half even.
The words of a period (halves, quarters) come from the catalogues; a language without one gets
the English words with its own number and date format. babel is imported inside the functions:
importing kpitrack stays fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from babel import Locale

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def locale_for(lang: str) -> str:
    """The babel locale of a programme language: nl → nl_NL, en → en_GB, else the code itself."""
    return _LOCALES.get(lang, lang)


@lru_cache(maxsize=4096)
def format_number(value: float, lang: str, decimals: int | None = None) -> str:
    """A number with the language's separators (6.250 in nl, 6,250 in en), rounded half up.

    Without ``decimals`` whole numbers get none and others at most three.
    """
    from babel.numbers import format_decimal

    exact = _decimal(value)
    if decimals is None:
        decimals = 0 if exact == exact.to_integral_value() else 3
        rounded = _round(exact, decimals).normalize()
        shown = max(0, -int(rounded.as_tuple().exponent))
        decimals = min(decimals, shown)
    rounded = _round(exact, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    return str(format_decimal(rounded, format=_pattern(decimals), locale=_locale(lang)))


@lru_cache(maxsize=4096)
def format_percent(fraction: float, lang: str, decimals: int = 0) -> str:
    """A fraction as a percentage: 0.58 → "58%" (no space in nl or en), rounded half up."""
    from babel.numbers import format_percent as babel_percent

    hundredths = _round(_decimal(fraction) * 100, decimals)
    if hundredths == 0:
        hundredths = abs(hundredths)
    return str(
        babel_percent(hundredths / 100, format=_pattern(decimals) + "%", locale=_locale(lang))
    )


def format_date(d: date, lang: str, style: str = "long") -> str:
    """A date in the language's words: 31 december 2020 / 31 December 2020 (babel styles)."""
    from babel.dates import format_date as babel_date

    return str(babel_date(d, format=style, locale=_locale(lang)))


def format_period(period: str, lang: str) -> str:
    """A period in words: 2019-H1 → "1e halfjaar 2019" / "first half of 2019"; months by name."""
    from kpitrack.core.periods import parse_period

    parsed = parse_period(period)
    year = parsed.start.year
    if parsed.months == 12:
        return str(year)
    t = translations(lang)
    if parsed.months == 6:
        if parsed.start.month == 1:
            return t.gettext("first half of {year}").format(year=year)
        return t.gettext("second half of {year}").format(year=year)
    if parsed.months == 3:
        quarter = (parsed.start.month - 1) // 3 + 1
        # TRANSLATORS: a quarter of a year: Q1 2020.
        return t.gettext("Q{quarter} {year}").format(quarter=quarter, year=year)
    return format_date(parsed.start, lang, "LLLL y")


MINUS = "\u2212"
"""The minus sign of running text (−6%), never the hyphen."""


def real_minus(text: str) -> str:
    """A formatted number with a real minus sign (U+2212) instead of babel's hyphen-minus."""
    return MINUS + text[1:] if text.startswith("-") else text


def signed(text: str) -> str:
    """A formatted change with its sign: ``+12%``, ``−3``; zero has none."""
    text = real_minus(text)
    if text.startswith(MINUS) or not any(ch.isdigit() and ch != "0" for ch in text):
        return text
    return "+" + text


def local_text(text: object, lang: str) -> str:
    """A programme text map (or plain string) in ``lang``; the first language as fallback."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, Mapping):
        if lang in text:
            return str(text[lang])
        return str(next(iter(text.values()), ""))
    return str(text)


def _decimal(value: float) -> Decimal:
    # str() gives the shortest repr, so 2.675 rounds to 2.68 as written, not as stored in binary.
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _round(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


@lru_cache(maxsize=32)
def _locale(lang: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(locale_for(lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")
