"""The words of a partner's submission template: the instructions sheet of the XLSX file.

Column names of the data sheet are the file format's own (``indicator``, ``period``, ``value``)
and stay as they are in every language; only the instructions are worded.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpitrack.i18n.catalogue import has_catalogue, translations


@dataclass(frozen=True, slots=True)
class TemplateInstructions:
    """The instructions sheet in one language."""

    title: str  # the sheet's name
    lines: tuple[str, ...]  # how to fill in and submit the template, one line per row
    headers: tuple[str, ...]  # the columns of the table describing each indicator


def template_instructions(lang: str, partner: str) -> TemplateInstructions:
    """The instructions for ``partner`` in ``lang`` (English for a language without words)."""
    t = translations(lang)
    _ = t.gettext
    title = _("Instructions")
    if not has_catalogue(lang):
        # Several languages may fall back to English: the sheet names must stay apart.
        title = f"{title} ({lang})"
    return TemplateInstructions(
        title=title,
        lines=(
            _(
                "Fill in the value of each row (column value). A blank dimension cell is the "
                "total. Leave no formulas: only values are accepted. Submit with: kpitrack "
                "submit FILE --partner {partner}"
            ).format(partner=partner),
            _(
                "obs_status: blank or A = normal, P = provisional, E = estimated, B = break in "
                "series, M = missing (leave value empty and explain why in note)."
            ),
            _("lower/upper: optional uncertainty interval (e.g. for estimates)."),
        ),
        headers=(
            t.pgettext("template column", "indicator"),
            t.pgettext("template column", "name"),
            t.pgettext("template column", "definition"),
            t.pgettext("template column", "unit"),
            t.pgettext("template column", "source"),
            t.pgettext("template column", "frequency"),
            t.pgettext("template column", "measure"),
        ),
    )
