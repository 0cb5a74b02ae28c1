"""Words for the changes since the previous report: kinds of change, definition fields, codes.

Entities and fields are named by the definition's own keys (``action``, ``status.on_track``); a
key without a label reads as itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kpitrack.i18n.catalogue import translations

if TYPE_CHECKING:
    from gettext import NullTranslations

CODED_FIELDS = ("measure", "direction", "frequency", "reporting.frequency", "aggregation")
"""Definition fields whose values are codes (shown through :func:`coded_value`)."""
THRESHOLD_FIELDS = ("status.on_track", "status.at_risk")
"""Definition fields whose values are thresholds (shown as percentages)."""


def change_kind_label(kind: str, lang: str) -> str:
    """The words for a kind of change (Streefwaarde herzien / Target revised)."""
    return _kinds(translations(lang)).get(kind, kind)


def entity_label(entity: str, lang: str) -> str:
    """The words for a kind of definition (actie / action); the key itself when unknown."""
    return _entities(translations(lang)).get(entity, entity)


def field_label(field: str, lang: str, default: str | None = None) -> str:
    """The words for a definition field (einddatum / due date); else ``default`` or the key."""
    return _fields(translations(lang)).get(field, field if default is None else default)


def coded_value(code: str, lang: str) -> str:
    """A coded definition value in words (count → aantal); the code itself when unknown."""
    return _codes(translations(lang)).get(code, code)


def change_reason(reason: str, lang: str) -> str:
    """The reason given for a change, after its new value: "reden: …" / "reason: …"."""
    return translations(lang).pgettext("change", "reason: {reason}").format(reason=reason)


def added_text(lang: str) -> str:
    """What a new indicator or action shows as its value: toegevoegd / added."""
    return translations(lang).pgettext("change", "added")


def removed_text(lang: str) -> str:
    """What a dropped indicator or action shows as its old value: verwijderd / removed."""
    return translations(lang).pgettext("change", "removed")


def withdrawn_text(note: str | None, lang: str) -> str:
    """What a withdrawn figure shows as its new value, with the partner's note when given."""
    t = translations(lang)
    if not note:
        return t.pgettext("change", "withdrawn")
    return t.pgettext("change", "withdrawn: {note}").format(note=note)


def new_figures_text(count: int, periods: str, lang: str) -> str:
    """New figures of an indicator, the periods already formatted: "3 figures: …" (the plural
    form the language needs for ``count``)."""
    from kpitrack.i18n.formatting import format_number

    # TRANSLATORS: {count} new figures of an indicator; {periods}: their periods.
    text = translations(lang).npgettext(
        "change", "{count} figure: {periods}", "{count} figures: {periods}", count
    )
    return text.format(count=format_number(count, lang), periods=periods)


@lru_cache(maxsize=64)  # per catalogue: each is read once per language
def _kinds(t: NullTranslations) -> dict[str, str]:
    return {
        "indicator_added": t.pgettext("change kind", "New indicator"),
        "indicator_removed": t.pgettext("change kind", "Indicator dropped"),
        "target_revised": t.pgettext("change kind", "Target revised"),
        "target_added": t.pgettext("change kind", "New target"),
        "target_changed": t.pgettext("change kind", "Target changed"),
        "target_removed": t.pgettext("change kind", "Target removed"),
        "action_added": t.pgettext("change kind", "New action or milestone"),
        "action_removed": t.pgettext("change kind", "Action or milestone dropped"),
        "due_changed": t.pgettext("change kind", "Due date changed"),
        "definition_changed": t.pgettext("change kind", "Definition changed"),
        "action_state_changed": t.pgettext("change kind", "State changed"),
        "revised": t.pgettext("change kind", "Figure revised"),
        "withdrawn": t.pgettext("change kind", "Figure withdrawn"),
        "revised_cell": t.pgettext("change kind", "Breakdown figure revised"),
        "new_figures": t.pgettext("change kind", "New figures"),
    }


@lru_cache(maxsize=64)
def _entities(t: NullTranslations) -> dict[str, str]:
    return {
        "programme": t.pgettext("definition", "programme"),
        "partner": t.pgettext("definition", "partner"),
        "codelist": t.pgettext("definition", "codelist"),
        "code": t.pgettext("definition", "code"),
        "action_line": t.pgettext("definition", "action line"),
        "action": t.pgettext("definition", "action"),
        "milestone": t.pgettext("definition", "milestone"),
        "indicator": t.pgettext("definition", "indicator"),
    }


@lru_cache(maxsize=64)
def _fields(t: NullTranslations) -> dict[str, str]:
    schema = t.pgettext("definition field", "schema")
    return {
        "version": t.pgettext("definition field", "definition version"),
        "title": t.pgettext("definition field", "title"),
        "name": t.pgettext("definition field", "name"),
        "definition": t.pgettext("definition field", "definition"),
        "unit": t.pgettext("definition field", "unit"),
        "source": t.pgettext("definition field", "source"),
        "caveats": t.pgettext("definition field", "caveats"),
        "owner": t.pgettext("definition field", "responsible partner"),
        "baseline": t.pgettext("definition field", "baseline"),
        "direction": t.pgettext("definition field", "direction"),
        "measure": t.pgettext("definition field", "measure"),
        "frequency": t.pgettext("definition field", "frequency"),
        "aggregation": t.pgettext("definition field", "aggregation over periods"),
        "dimensions": t.pgettext("definition field", "breakdowns"),
        "period.start": t.pgettext("definition field", "start date"),
        "period.end": t.pgettext("definition field", "end date"),
        "id": t.pgettext("definition field", "id"),
        "schema": schema,
        "schema_": schema,  # the models' name for ``schema``
        "languages": t.pgettext("definition field", "languages"),
        "reporting.frequency": t.pgettext("definition field", "reporting frequency"),
        "disclosure.min_count": t.pgettext("definition field", "smallest count shown"),
        "status": t.pgettext("definition field", "status thresholds"),
        "status.on_track": t.pgettext("definition field", "on-track threshold"),
        "status.at_risk": t.pgettext("definition field", "at-risk threshold"),
        "reporting.deadline": t.pgettext("definition field", "delivery deadline (days)"),
        "reporting.review": t.pgettext("definition field", "review of submissions"),
        "references": t.pgettext("definition field", "parliamentary papers"),
        "commitments": t.pgettext("definition field", "commitments"),
        "schedule": t.pgettext("definition field", "expected measurement periods"),
        "plausibility": t.pgettext("definition field", "plausibility check"),
        "plausibility.jump_factor": t.pgettext("definition field", "jump limit"),
        "plausibility.errors": t.pgettext("definition field", "refuse implausible rows"),
        "summary": t.pgettext("definition field", "summary"),
        "description": t.pgettext("definition field", "description"),
        "contact": t.pgettext("definition field", "contact"),
        "label": t.pgettext("definition field", "label"),
        "due": t.pgettext("definition field", "due date"),
        "action_line": t.pgettext("definition field", "action line"),
        "action": t.pgettext("definition field", "action"),
        "decimals": t.pgettext("definition field", "decimals shown"),
        "targets": t.pgettext("definition field", "targets"),
    }


@lru_cache(maxsize=64)
def _codes(t: NullTranslations) -> dict[str, str]:
    return {
        "count": t.pgettext("definition value", "count"),
        "percentage": t.pgettext("definition value", "percentage"),
        "ratio": t.pgettext("definition value", "ratio"),
        "amount": t.pgettext("definition value", "amount"),
        "index": t.pgettext("definition value", "index"),
        "increase": t.pgettext("definition value", "increase"),
        "decrease": t.pgettext("definition value", "decrease"),
        "maintain": t.pgettext("definition value", "maintain"),
        "none": t.pgettext("definition value", "none (context figure)"),
        "year": t.pgettext("definition value", "year"),
        "half-year": t.pgettext("definition value", "half-year"),
        "quarter": t.pgettext("definition value", "quarter"),
        "month": t.pgettext("definition value", "month"),
        "sum": t.pgettext("definition value", "sum"),
        "last": t.pgettext("definition value", "last value"),
        "mean": t.pgettext("definition value", "mean"),
    }
