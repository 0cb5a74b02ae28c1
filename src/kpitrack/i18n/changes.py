"""Words for the changes since the previous report: kinds of change, definition fields, codes."""

from __future__ import annotations

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
        "field.reporting.deadline": "termijn voor aanlevering (dagen)",
        "field.reporting.review": "beoordeling van aanleveringen",
        "field.references": "Kamerstukken",
        "field.commitments": "toezeggingen",
        "field.schedule": "verwachte meetmomenten",
        "field.plausibility": "plausibiliteitscontrole",
        "field.plausibility.jump_factor": "grens voor een sprong",
        "field.plausibility.errors": "onwaarschijnlijke rijen weigeren",
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
        "field.reporting.deadline": "delivery deadline (days)",
        "field.reporting.review": "review of submissions",
        "field.references": "parliamentary papers",
        "field.schedule": "expected measurement periods",
        "field.plausibility": "plausibility check",
        "field.plausibility.jump_factor": "jump limit",
        "field.plausibility.errors": "refuse implausible rows",
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


def change_kind_label(kind: str, lang: str) -> str:
    """The words for a kind of change (Streefwaarde herzien / Target revised)."""
    return _KIND_LABELS.get(lang, _KIND_LABELS["en"]).get(kind, kind)


def change_words(lang: str) -> dict[str, str]:
    """Words for entities (``entity.action``), fields (``field.due``) and phrases of changes."""
    return dict(_WORDS.get(lang, _WORDS["en"]))


def coded_value(code: str, lang: str) -> str:
    """A coded definition value in words (count → aantal); the code itself when unknown."""
    return _CODES.get(lang, _CODES["en"]).get(code, _CODES["en"].get(code, code))


CODED_FIELDS = ("measure", "direction", "frequency", "reporting.frequency", "aggregation")
"""Definition fields whose values are codes (shown through :func:`coded_value`)."""
THRESHOLD_FIELDS = ("status.on_track", "status.at_risk")
"""Definition fields whose values are thresholds (shown as percentages)."""
