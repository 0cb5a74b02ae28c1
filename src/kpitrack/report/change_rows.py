"""The report's "changes since the previous report", in words.

:mod:`kpitrack.versioning.changes` finds what changed since the previous report (published, or a
git revision given) as data; :func:`change_entries` words it. That is the one way changes are
found: without a previous report there are none, and the report says it is the first.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kpitrack import i18n
from kpitrack.i18n import local_text
from kpitrack.i18n.change_words import (
    CODED_FIELDS,
    THRESHOLD_FIELDS,
    added_text,
    change_kind_label,
    change_reason,
    coded_value,
    entity_label,
    field_label,
    new_figures_text,
    removed_text,
    withdrawn_text,
)
from kpitrack.i18n.report_texts import WITHHELD_MARK, label_colon
from kpitrack.report.model import ChangeEntry

if TYPE_CHECKING:
    from kpitrack.versioning.changes import ReportChange
    from kpitrack.workspace import Workspace


def change_entries(
    changes: list[ReportChange], workspace: Workspace, lang: str
) -> tuple[ChangeEntry, ...]:
    """The report's rows for ``changes`` in ``lang``."""
    partners = {p.id: local_text(p.name, lang) for p in workspace.programme.partners}
    rows: list[ChangeEntry] = []
    for change in changes:
        before, after = _values(change, workspace, lang)
        rows.append(
            ChangeEntry(
                kind=change.kind,
                kind_label=change_kind_label(change.kind, lang),
                subject=_subject(change, workspace, lang),
                before=before,
                after=after,
                when=i18n.format_date(change.when, lang) if change.when else "",
                who=partners.get(change.who, change.who)
                if change.who
                else workspace.programme.owner,
            )
        )
    return tuple(rows)


def _subject(change: ReportChange, workspace: Workspace, lang: str) -> str:
    indicator = workspace.indicators.get(change.subject_id)
    name = local_text(change.subject, lang) if change.subject else ""
    if not name and indicator is not None and change.entity in (None, "target", "indicator"):
        name = local_text(indicator.name, lang)
    if not name and change.entity in ("action", "milestone"):
        name = _action_title(workspace, change.subject_id, lang)
    subject = f"{name} ({change.subject_id})" if name else change.subject_id
    if change.kind == "definition_changed" and change.entity is not None:
        subject = f"{entity_label(change.entity, lang)} {subject}"
        if change.field:
            subject += f"{label_colon(lang)} {field_label(change.field, lang)}"
    if change.period and change.kind != "new_figures":
        subject += f", {i18n.format_period(change.period, lang)}"
    if change.breakdown:
        subject += ", " + _cell(change.breakdown, workspace, lang)
    return subject


def _cell(breakdown: tuple[tuple[str, str], ...], workspace: Workspace, lang: str) -> str:
    """A breakdown cell in words: "Politieregio Noord-Nederland"."""
    codelists = workspace.programme.codelists
    parts = []
    for dimension, code in breakdown:
        codelist = codelists.get(dimension)
        if codelist is None:
            parts.append(f"{dimension} {code}")
            continue
        label = codelist.codes.get(code)
        shown = local_text(label, lang) if label is not None else code
        parts.append(f"{local_text(codelist.label, lang)} {shown}")
    return ", ".join(parts)


def _values(change: ReportChange, workspace: Workspace, lang: str) -> tuple[str, str]:
    if change.kind == "action_state_changed":
        return (
            i18n.action_state_label(str(change.before), lang),
            i18n.action_state_label(str(change.after), lang),
        )
    if change.kind == "revised_cell" and change.withheld is not None:
        # A withheld cell stays withheld in every version: no pair of values gives it away.
        mark = (
            f"<{i18n.format_number(workspace.programme.disclosure.min_count, lang)}"
            if change.withheld == "small"
            else WITHHELD_MARK
        )
        return mark, mark
    decimals = None
    indicator = workspace.indicators.get(change.subject_id)
    if indicator is not None and indicator.decimals is not None:
        decimals = indicator.decimals
    if change.kind == "new_figures":
        periods = ", ".join(i18n.format_period(p, lang) for p in (change.period or "").split(", "))
        return "", new_figures_text(int(change.after or 0), periods, lang)
    if change.kind == "withdrawn":
        before = "" if change.before is None else _text(change.before, lang, decimals)
        return before, withdrawn_text(change.note, lang)
    if change.kind in ("indicator_added", "action_added"):
        return "", added_text(lang)
    if change.kind in ("indicator_removed", "action_removed"):
        return removed_text(lang), ""
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
        after = f"{after} ({change_reason(local_text(change.reason, lang), lang)})"
    return before, after


def _field_value(
    field: str, value: Any, workspace: Workspace, lang: str, decimals: int | None
) -> str:
    """A definition field's value in words: codes, thresholds and breakdowns as readers say them."""
    if value is None:
        return ""
    if field in CODED_FIELDS and isinstance(value, str):
        return coded_value(value, lang)
    if field in THRESHOLD_FIELDS and isinstance(value, int | float):
        return i18n.format_percent(float(value), lang)
    if field == "status" and isinstance(value, dict):
        return ", ".join(
            f"{field_label(f'status.{key}', lang, key)} {i18n.format_percent(float(v), lang)}"
            for key, v in value.items()
            if isinstance(v, int | float)
        )
    if field == "dimensions" and isinstance(value, list):
        codelists = workspace.programme.codelists
        return ", ".join(
            local_text(codelists[d].label, lang) if d in codelists else str(d) for d in value
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
        return ", ".join(
            f"{k}{label_colon(lang)} {_text(v, lang, decimals)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return ", ".join(_text(v, lang, decimals) for v in value)
    return str(value)


def _action_title(workspace: Workspace, item_id: str, lang: str) -> str:
    for _, action in workspace.actions():
        if action.id == item_id:
            return local_text(action.title, lang)
        for milestone in action.milestones:
            if milestone.id == item_id:
                return local_text(milestone.title, lang)
    return ""
