"""Counts in running text: numbers under twenty in words, as government prose writes them.

Style guides for Dutch, English and French official texts write the small numbers of running
text in words ("drie acties", "three actions", "trois actions") and larger ones in digits.
babel has no spell-out, so the words of 0–19 are listed here per language; a language without
a list, and every number from twenty up, gets its digits from :func:`format_number`.
"""

from __future__ import annotations

from kpitrack.i18n.formatting import format_number

_WORDS: dict[str, tuple[str, ...]] = {
    # "één" with its accents: without them it reads as the article "een".
    "nl": (
        "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
        "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
        "negentien",
    ),
    "en": (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen",
    ),
    "fr": (
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit",
        "dix-neuf",
    ),
}  # fmt: skip

SPELLED_BELOW = 20
"""Numbers from zero up to (not including) this one are written in words."""


def spelled(count: int, lang: str, *, feminine: bool = False) -> str:
    """``count`` for running text: in words below twenty (where the language has them), else
    formatted digits. ``feminine`` gives French "une" for one (une action)."""
    words = _WORDS.get(lang.split("_")[0])
    if words is None or not 0 <= count < SPELLED_BELOW:
        return format_number(count, lang)
    if count == 1 and feminine and lang.startswith("fr"):
        return "une"
    return words[count]


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case (a sentence that starts with a count)."""
    return text[:1].upper() + text[1:]
