"""Small shared pieces of the report's wording: a status with its icon and colour, a number with
its unit, stable HTML ids."""

from __future__ import annotations

from kpitrack import i18n
from kpitrack.i18n.formatting import percent_sign, unit_space
from kpitrack.report.model import StatusLabel
from kpitrack.report.texts import STATUS_COLOURS, STATUS_ICONS


def status_of(code: str, lang: str) -> StatusLabel:
    """An indicator status with its words, icon and colour."""
    return StatusLabel(
        code=code,
        label=i18n.status_label(code, lang),
        icon=STATUS_ICONS.get(code, "•"),
        colour=STATUS_COLOURS.get(code, "#4b5563"),
    )


def slug(text: str) -> str:
    """A stable HTML id fragment (letters, digits, - and _)."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in text)


def with_unit(number: str, measure: str, unit: str, lang: str) -> str:
    """A formatted number with its unit: ``1.180 vragen``, ``43% van de gemeenten``, ``24,5 dagen``.

    Percentages always carry ``%`` as ``lang`` writes it (``43%``, French ``43 %``), as in the
    engine's explanation; a unit that starts with ``%`` continues after it, any other unit of a
    percentage is left to the caption.
    """
    unit = unit.strip()
    if measure == "percentage":
        shown = percent_sign(number, lang)
        return shown + unit[1:] if unit.startswith("%") else shown
    return f"{number}{unit_space(lang)}{unit}" if unit else number
