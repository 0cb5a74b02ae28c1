"""The words of a partner's submission template: the instructions sheet of the XLSX file.

Column names of the data sheet are the file format's own words (``indicator``, ``period``,
``value``, or their Dutch names in a Dutch template; see
:mod:`kpitrack.measurements.columns`), never translated here; only the instructions are worded.
A measurements template and an actions template each have their own instructions.
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
    """The instructions of a measurements template for ``partner`` in ``lang`` (English for a
    language without words)."""
    t = translations(lang)
    _ = t.gettext
    return TemplateInstructions(
        title=_sheet_title(lang),
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
            _(
                "source: optional, the publication a figure comes from (e.g. an annual report "
                "and its year); reports show it beside the figure."
            ),
            _(
                "The columns name and unit are there to read: they are locked, and ignored when "
                "the file is submitted. A percentage may be written as 60 or 60%."
            ),
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


def action_instructions(lang: str, partner: str) -> TemplateInstructions:
    """The instructions of an actions template (updates on actions and milestones)."""
    t = translations(lang)
    _ = t.gettext
    return TemplateInstructions(
        title=_sheet_title(lang),
        lines=(
            _(
                "One row per action or milestone you report on: the date of the update and the "
                "state on that date. Leave no formulas: only values are accepted. Submit with: "
                "kpitrack submit FILE --partner {partner}"
            ).format(partner=partner),
            _(
                "date: the day the state was reached or last checked, as 2024-12-15 or "
                "15-12-2024; never a day after you submit."
            ),
            _(
                "status: done, in_progress, planned or dropped. Overdue is never submitted: "
                "kpitrack derives it from the due date."
            ),
            _("note: what was done, or why an action is late or dropped."),
            _(
                "The column title is there to read: it is locked, and ignored when the file is "
                "submitted."
            ),
        ),
        headers=(
            t.pgettext("template column", "action"),
            t.pgettext("template column", "title"),
            t.pgettext("template column", "due"),
        ),
    )


def _sheet_title(lang: str) -> str:
    title = translations(lang).gettext("Instructions")
    if not has_catalogue(lang):
        # Several languages may fall back to English: the sheet names must stay apart.
        title = f"{title} ({lang})"
    return title
