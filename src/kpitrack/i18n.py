"""Numbers, dates, periods and labels per language (babel), shared by the engine and the reports.

Rounding is half up (6.25 → 6.3), as people expect in a report, not babel's default half even.
Dutch and English have their own wording; any other language gets the English wording with its
own number and date format. babel is imported inside the functions: importing kpitrack stays fast.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

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
    from kpitrack.progress.periods import parse_period

    parsed = parse_period(period)
    year = parsed.start.year
    if parsed.months == 12:
        return str(year)
    if parsed.months == 6:
        half = 1 if parsed.start.month == 1 else 2
        if lang == "nl":
            return f"{half}e halfjaar {year}"
        return f"{'first' if half == 1 else 'second'} half of {year}"
    if parsed.months == 3:
        quarter = (parsed.start.month - 1) // 3 + 1
        if lang == "nl":
            return f"{quarter}e kwartaal {year}"
        return f"Q{quarter} {year}"
    return format_date(parsed.start, lang, "LLLL y")


_STATUS = {
    "nl": {
        "achieved": "behaald",
        "on_track": "op koers",
        "at_risk": "risico",
        "off_track": "achter op schema",
        "deteriorating": "verslechterd",
        "monitoring": "kengetal, geen oordeel",
        "no_data": "geen gegevens",
    },
    "en": {
        "achieved": "achieved",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "deteriorating": "deteriorating",
        "monitoring": "monitoring, no judgement",
        "no_data": "no data",
    },
}

_FLAGS = {
    "nl": {
        "provisional": "voorlopig",
        "stale": "verouderd",
        "revised": "herzien",
        "target_revised": "streefwaarde bijgesteld",
        "partial": "onvolledig",
    },
    "en": {
        "provisional": "provisional",
        "stale": "stale",
        "revised": "revised",
        "target_revised": "target revised",
        "partial": "partial",
    },
}

_ACTION_STATES = {
    "nl": {
        "done": "gereed",
        "in_progress": "in uitvoering",
        "overdue": "te laat",
        "planned": "gepland",
        "dropped": "vervallen",
    },
    "en": {
        "done": "done",
        "in_progress": "in progress",
        "overdue": "overdue",
        "planned": "planned",
        "dropped": "dropped",
    },
}

_OBS_STATUS = {
    "nl": {
        "A": "normaal",
        "P": "voorlopig",
        "E": "geschat",
        "B": "breuk in reeks",
        "M": "ontbrekend",
    },
    "en": {
        "A": "normal",
        "P": "provisional",
        "E": "estimated",
        "B": "break in series",
        "M": "missing",
    },
}


# Icons are shapes, not only colours, so a status reads in the terminal, in greyscale print and
# for colour-blind readers; they always stand beside the word. One set for the CLI and reports.
STATUS_ICONS: dict[str, str] = {
    "achieved": "✔",
    "on_track": "●",
    "at_risk": "▲",
    "off_track": "✖",
    "deteriorating": "▼",
    "monitoring": "◇",
    "no_data": "○",
}
ACTION_ICONS: dict[str, str] = {
    "done": "✔",
    "in_progress": "◐",
    "overdue": "✖",
    "planned": "○",
    "dropped": "–",
}


def status_label(status: str, lang: str) -> str:
    """The words for an indicator status (op koers / on track)."""
    return _label(_STATUS, status, lang)


def flag_label(flag: str, lang: str) -> str:
    """The words for a flag beside a status (voorlopig / provisional)."""
    return _label(_FLAGS, flag, lang)


def action_state_label(state: str, lang: str) -> str:
    """The words for an action or milestone state (te laat / overdue)."""
    return _label(_ACTION_STATES, state, lang)


def obs_status_label(code: str, lang: str) -> str:
    """The words for an SDMX observation status code (P → voorlopig / provisional)."""
    return _label(_OBS_STATUS, code, lang)


def _label(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    words = table.get(lang, table["en"])
    return words.get(key, table["en"].get(key, key))


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
