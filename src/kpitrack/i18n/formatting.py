"""Numbers, dates and periods per language (babel), shared by the engine, the reports and the CLI.

Rounding is half up (6.25 → 6.3), as people expect in a report, not babel's default half even.
The words of a period (halves, quarters) come from the catalogues; a language without one gets
the English words with its own number and date format. babel is imported inside the functions:
importing kpitrack stays fast.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from babel import Locale

_FRENCH_FIRST = re.compile(r"(^|\s)1 (?=\D)")
"""A French date's day "1" before its month: written "1er"."""
_FRENCH_DAY = re.compile(r"(\d{1,2}(?:er)?) (?=[^\d\s])")
"""The space between a French date's day and its month: a no-break space keeps them together."""

_LOCALES = {"nl": "nl_NL", "en": "en_GB", "fr": "fr_BE"}
# French is written as Belgium's federal administration writes it (fr_BE): 6 250 with a narrow
# no-break space, 58 % with a no-break space, "31 décembre 2022".


def locale_for(lang: str) -> str:
    """The babel locale of a programme language: nl → nl_NL, en → en_GB, fr → fr_BE, else the
    code itself."""
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
    """A fraction as a percentage: 0.58 → "58%" (no space in nl or en, "58 %" in fr), rounded
    half up."""
    from babel.numbers import format_percent as babel_percent

    hundredths = _round(_decimal(fraction) * 100, decimals)
    if hundredths == 0:
        hundredths = abs(hundredths)
    before, after = _percent_affixes(lang)
    pattern = before + _pattern(decimals) + after
    return str(babel_percent(hundredths / 100, format=pattern, locale=_locale(lang)))


def percent_sign(number: str, lang: str) -> str:
    """A formatted number that is already a percentage, with the sign as the language writes it:
    ``58%`` in nl and en, ``58 %`` (no-break space) in fr."""
    before, after = _percent_affixes(lang)
    return before + number + after


def format_date(d: date, lang: str, style: str = "long") -> str:
    """A date in the language's words: 31 december 2020 / 31 December 2020 / 31 décembre 2020
    (babel styles); French writes the first of the month as an ordinal, "1er janvier 2021", with a
    no-break space after the day."""
    from babel.dates import format_date as babel_date

    text = str(babel_date(d, format=style, locale=_locale(lang)))
    if lang.split("_")[0] == "fr" and style in ("long", "full"):
        # French typography: "1er janvier", and the day never apart from its month.
        if d.day == 1:
            text = _FRENCH_FIRST.sub(r"\g<1>1er ", text, count=1)
        text = _FRENCH_DAY.sub("\\1\u00a0", text, count=1)
    return text


def unit_space(lang: str) -> str:
    """The space between a number and its unit: French keeps them together with a no-break space
    ("6 250 dossiers" never ends a line on "6 250"); other languages use a plain space."""
    return "\u00a0" if lang.split("_")[0] == "fr" else " "


def number_separators(lang: str) -> str:
    """The decimal and the group separator of ``lang``, in that order (plotly's ``separators``):
    ``,.`` in nl, ``.,`` in en, ``,`` and a narrow no-break space in fr."""
    symbols = _locale(lang).number_symbols["latn"]
    return str(symbols["decimal"]) + str(symbols["group"])


PERIOD_FORMS = ("in", "for")
"""The forms a translation may ask of a period placeholder: ``{period:in}``, ``{period:for}``."""


class PeriodText(str):
    """A period in words (see :func:`format_period`) that a translation may also ask for with
    its preposition, because some languages choose the preposition by the kind of period:
    French writes "en 2019" but "au 1er semestre 2019". ``{period}`` is the period alone,
    ``{period:in}`` the period as a time ("in 2019", "au T1 2019") and ``{period:for}`` the
    period a figure or target belongs to ("for 2019", "pour le 1er semestre 2019"); the words of
    those forms come from the catalogues too.
    """

    code: str
    lang: str

    def __new__(cls, text: str, code: str, lang: str) -> PeriodText:
        made = super().__new__(cls, text)
        made.code = code
        made.lang = lang
        return made

    def __format__(self, spec: str) -> str:
        if spec in PERIOD_FORMS:
            return period_phrase(self.code, self.lang, spec)
        return format(str(self), spec)

    def __reduce__(self) -> tuple[type[PeriodText], tuple[str, str, str]]:
        return (PeriodText, (str(self), self.code, self.lang))


def format_period(period: str, lang: str) -> PeriodText:
    """A period in words: 2019-H1 → "1e halfjaar 2019" / "first half of 2019" / "1er semestre
    2019"; months by name. A translation may ask for it with a preposition (:class:`PeriodText`).
    """
    return PeriodText(_period_words(period, lang), period, lang)


def _period_words(period: str, lang: str) -> str:
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


def period_phrase(period: str, lang: str, form: str) -> str:
    """A period with the preposition of ``form`` (:data:`PERIOD_FORMS`): "in 2019", "in the first
    half of 2019", "for Q1 2020"; French "en 2019", "au 1er semestre 2019", "pour le T1 2020"."""
    from kpitrack.core.periods import parse_period

    parsed = parse_period(period)
    year = parsed.start.year
    t = translations(lang)
    quarter = (parsed.start.month - 1) // 3 + 1
    month = format_date(parsed.start, lang, "LLLL y")
    if form == "in":
        if parsed.months == 12:
            # TRANSLATORS: a period as a time in running text ("en 2019"); the period forms
            # are asked for by {period:in} in a translation (docs/translating.md).
            return t.gettext("in {year}").format(year=year)
        if parsed.months == 6 and parsed.start.month == 1:
            return t.gettext("in the first half of {year}").format(year=year)
        if parsed.months == 6:
            return t.gettext("in the second half of {year}").format(year=year)
        if parsed.months == 3:
            return t.gettext("in Q{quarter} {year}").format(quarter=quarter, year=year)
        # TRANSLATORS: {month} is a month and its year: "December 2022".
        return t.gettext("in {month}").format(month=month)
    if form == "for":
        if parsed.months == 12:
            # TRANSLATORS: the period a figure or target belongs to ("pour 2019"), asked for
            # by {period:for} in a translation (docs/translating.md).
            return t.gettext("for {year}").format(year=year)
        if parsed.months == 6 and parsed.start.month == 1:
            return t.gettext("for the first half of {year}").format(year=year)
        if parsed.months == 6:
            return t.gettext("for the second half of {year}").format(year=year)
        if parsed.months == 3:
            return t.gettext("for Q{quarter} {year}").format(quarter=quarter, year=year)
        return t.gettext("for {month}").format(month=month)
    raise ValueError(f"unknown period form {form!r}: use one of {', '.join(PERIOD_FORMS)}")


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


@lru_cache(maxsize=32)
def _percent_affixes(lang: str) -> tuple[str, str]:
    # The text around the number in the language's percent pattern: "" and "%" in nl and en,
    # "" and "\u00a0%" in fr. Only the sign and its spacing are taken, not the grouping.
    pattern = str(_locale(lang).percent_formats[None].pattern).split(";")[0]
    start = min((pattern.find(ch) for ch in "#0" if ch in pattern), default=0)
    end = max(pattern.rfind(ch) for ch in "#0") + 1 if any(c in pattern for c in "#0") else 0
    before, after = pattern[:start], pattern[end:]
    if "%" not in before + after:
        return "", "%"
    return before, after


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
