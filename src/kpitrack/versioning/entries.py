"""Words for the changes since the previous report: :class:`ReportChange` → ``ChangeEntry``.

Numbers, dates and periods are formatted with :mod:`kpitrack.i18n` like the rest of the report;
a language without its own wording gets the English one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kpitrack import i18n
from kpitrack.versioning.changes import ReportChange

if TYPE_CHECKING:
    from kpitrack.report.model import ChangeEntry
    from kpitrack.workspace import Workspace

_KIND_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "indicator_added": "Nieuwe indicator",
        "indicator_removed": "Indicator vervallen",
        "target_revised": "Streefwaarde herzien",
        "target_added": "Nieuwe streefwaarde",
        "target_changed": "Streefwaarde gewijzigd",
        "target_removed": "Streefwaarde verwijderd",
        "action_added": "Nieuwe actie of mijlpaal",
        "action_removed": "Actie of mijlpaal vervallen",
        "due_changed": "Einddatum gewijzigd",
        "definition_changed": "Definitie gewijzigd",
        "revised": "Cijfer herzien",
        "new_figures": "Nieuwe cijfers",
    },
    "en": {
        "indicator_added": "New indicator",
        "indicator_removed": "Indicator dropped",
        "target_revised": "Target revised",
        "target_added": "New target",
        "target_changed": "Target changed",
        "target_removed": "Target removed",
        "action_added": "New action or milestone",
        "action_removed": "Action or milestone dropped",
        "due_changed": "Due date changed",
        "definition_changed": "Definition changed",
        "revised": "Figure revised",
        "new_figures": "New figures",
    },
}
_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "reason": "reden",
        "added": "toegevoegd",
        "removed": "verwijderd",
        "figures": "{count} cijfer(s): {periods}",
        "entity.programme": "programma",
        "entity.partner": "partner",
        "entity.codelist": "codelijst",
        "entity.code": "code",
        "entity.action_line": "actielijn",
        "entity.action": "actie",
        "entity.milestone": "mijlpaal",
        "entity.indicator": "indicator",
        "field.version": "definitieversie",
        "field.title": "titel",
        "field.name": "naam",
        "field.definition": "definitie",
        "field.unit": "eenheid",
        "field.source": "bron",
        "field.caveats": "kanttekeningen",
        "field.owner": "verantwoordelijke",
        "field.baseline": "nulmeting",
        "field.direction": "gewenste richting",
        "field.measure": "soort maat",
        "field.frequency": "frequentie",
        "field.aggregation": "optelling over perioden",
        "field.dimensions": "uitsplitsingen",
        "field.period.start": "startdatum",
        "field.period.end": "einddatum",
        "field.id": "kenmerk",
        "field.schema": "schema",
        "field.schema_": "schema",
        "field.languages": "talen",
        "field.reporting.frequency": "rapportagefrequentie",
        "field.disclosure.min_count": "kleinste getoonde aantal",
        "field.status": "drempels voor de status",
        "field.status.on_track": "drempel op koers",
        "field.status.at_risk": "drempel risico",
        "field.summary": "samenvatting",
        "field.description": "beschrijving",
        "field.contact": "contactpersoon",
        "field.label": "omschrijving",
        "field.due": "einddatum",
        "field.action_line": "actielijn",
        "field.action": "actie",
        "field.decimals": "aantal decimalen",
        "field.targets": "streefwaarden",
    },
    "en": {
        "reason": "reason",
        "added": "added",
        "removed": "removed",
        "figures": "{count} figure(s): {periods}",
        "entity.programme": "programme",
        "entity.partner": "partner",
        "entity.codelist": "codelist",
        "entity.code": "code",
        "entity.action_line": "action line",
        "entity.action": "action",
        "entity.milestone": "milestone",
        "entity.indicator": "indicator",
        "field.version": "definition version",
        "field.period.start": "start date",
        "field.period.end": "end date",
        "field.caveats": "caveats",
        "field.baseline": "baseline",
        "field.schema_": "schema",
        "field.reporting.frequency": "reporting frequency",
        "field.disclosure.min_count": "smallest count shown",
        "field.status": "status thresholds",
        "field.status.on_track": "on-track threshold",
        "field.status.at_risk": "at-risk threshold",
        "field.action_line": "action line",
        "field.aggregation": "aggregation over periods",
        "field.dimensions": "breakdowns",
        "field.owner": "responsible partner",
        "field.due": "due date",
        "field.label": "label",
        "field.decimals": "decimals shown",
    },
}
# Coded values of definition fields, in words (the codes themselves mean nothing to a reader).
_CODES: dict[str, dict[str, str]] = {
    "nl": {
        "count": "aantal",
        "percentage": "percentage",
        "ratio": "verhouding",
        "amount": "hoeveelheid",
        "index": "index",
        "increase": "stijgen",
        "decrease": "dalen",
        "maintain": "handhaven",
        "none": "geen (kengetal)",
        "year": "jaar",
        "half-year": "halfjaar",
        "quarter": "kwartaal",
        "month": "maand",
        "sum": "optellen",
        "last": "laatste waarde",
        "mean": "gemiddelde",
    },
    "en": {
        "none": "none (context figure)",
        "half-year": "half-year",
        "sum": "sum",
        "last": "last value",
        "mean": "mean",
    },
}
_CODED_FIELDS = ("measure", "direction", "frequency", "reporting.frequency", "aggregation")
_THRESHOLD_FIELDS = ("status.on_track", "status.at_risk")


def kind_label(kind: str, lang: str) -> str:
    """The words for a kind of change (Streefwaarde herzien / Target revised)."""
    return _KIND_LABELS.get(lang, _KIND_LABELS["en"]).get(kind, kind)


def change_entries(
    changes: list[ReportChange], workspace: Workspace, lang: str
) -> tuple[ChangeEntry, ...]:
    """The report's rows for ``changes`` in ``lang``."""
    from kpitrack.report.model import ChangeEntry

    words = _WORDS.get(lang, _WORDS["en"])
    partners = {p.id: _local(p.name, lang) for p in workspace.programme.partners}
    rows: list[ChangeEntry] = []
    for change in changes:
        before, after = _values(change, workspace, lang, words)
        rows.append(
            ChangeEntry(
                kind=change.kind,
                kind_label=kind_label(change.kind, lang),
                subject=_subject(change, workspace, lang, words),
                before=before,
                after=after,
                when=i18n.format_date(change.when, lang) if change.when else "",
                who=partners.get(change.who, change.who)
                if change.who
                else workspace.programme.owner,
            )
        )
    return tuple(rows)


def _subject(change: ReportChange, workspace: Workspace, lang: str, words: dict[str, str]) -> str:
    indicator = workspace.indicators.get(change.subject_id)
    name = _local(change.subject, lang) if change.subject else ""
    if not name and indicator is not None and change.entity in (None, "target", "indicator"):
        name = _local(indicator.name, lang)
    if not name and change.entity in ("action", "milestone"):
        name = _action_title(workspace, change.subject_id, lang)
    subject = f"{name} ({change.subject_id})" if name else change.subject_id
    if change.kind == "definition_changed" and change.entity is not None:
        label = words.get(f"entity.{change.entity}", change.entity)
        subject = f"{label} {subject}"
        if change.field:
            subject += f": {words.get(f'field.{change.field}', change.field)}"
    if change.period and change.kind != "new_figures":
        subject += f", {i18n.format_period(change.period, lang)}"
    return subject


def _values(
    change: ReportChange, workspace: Workspace, lang: str, words: dict[str, str]
) -> tuple[str, str]:
    decimals = None
    indicator = workspace.indicators.get(change.subject_id)
    if indicator is not None and indicator.decimals is not None:
        decimals = indicator.decimals
    if change.kind == "new_figures":
        periods = ", ".join(i18n.format_period(p, lang) for p in (change.period or "").split(", "))
        count = i18n.format_number(change.after, lang)
        return "", words["figures"].format(count=count, periods=periods)
    if change.kind in ("indicator_added", "action_added"):
        return "", words["added"]
    if change.kind in ("indicator_removed", "action_removed"):
        return words["removed"], ""
    if change.kind == "definition_changed" and change.field is None:
        return (
            _text(change.before, lang, decimals) if change.before is not None else "",
            _text(change.after, lang, decimals) if change.after is not None else "",
        )
    if change.kind == "definition_changed" and change.field is not None:
        return (
            _field_value(change.field, change.before, workspace, lang, decimals),
            _field_value(change.field, change.after, workspace, lang, decimals),
        )
    before = _text(change.before, lang, decimals)
    after = _text(change.after, lang, decimals)
    if change.reason:
        after = f"{after} ({words['reason']}: {_local(change.reason, lang)})"
    return before, after


def _field_value(
    field: str, value: Any, workspace: Workspace, lang: str, decimals: int | None
) -> str:
    """A definition field's value in words: codes, thresholds and breakdowns as readers say them."""
    if value is None:
        return ""
    codes = _CODES.get(lang, _CODES["en"])
    if field in _CODED_FIELDS and isinstance(value, str):
        return codes.get(value, _CODES["en"].get(value, value))
    if field in _THRESHOLD_FIELDS and isinstance(value, int | float):
        return i18n.format_percent(float(value), lang)
    if field == "status" and isinstance(value, dict):
        words = _WORDS.get(lang, _WORDS["en"])
        return ", ".join(
            f"{words.get(f'field.status.{key}', key)} {i18n.format_percent(float(v), lang)}"
            for key, v in value.items()
            if isinstance(v, int | float)
        )
    if field == "dimensions" and isinstance(value, list):
        codelists = workspace.programme.codelists
        return ", ".join(
            _local(codelists[d].label, lang) if d in codelists else str(d) for d in value
        )
    return _text(value, lang, decimals)


def _text(value: Any, lang: str, decimals: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return i18n.format_number(float(value), lang, decimals)
    if isinstance(value, str):
        try:
            return i18n.format_date(date.fromisoformat(value), lang)
        except ValueError:
            return value
    if isinstance(value, dict):
        if all(isinstance(v, str) for v in value.values()) and lang in value:
            return str(value[lang])
        for key in ("name", "title", "label"):
            if key in value:
                return _text(value[key], lang, decimals)
        return ", ".join(f"{k}: {_text(v, lang, decimals)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_text(v, lang, decimals) for v in value)
    return str(value)


def _local(text: Any, lang: str) -> str:
    if isinstance(text, dict):
        return str(text.get(lang, next(iter(text.values()), "")))
    return str(text) if text is not None else ""


def _action_title(workspace: Workspace, item_id: str, lang: str) -> str:
    for _, action in workspace.actions():
        if action.id == item_id:
            return _local(action.title, lang)
        for milestone in action.milestones:
            if milestone.id == item_id:
                return _local(milestone.title, lang)
    return ""
