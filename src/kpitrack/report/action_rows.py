"""The report's actions and milestones, and its method annex, in one language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.i18n import local_text
from kpitrack.i18n.report_texts import late_milestones_text, method_texts
from kpitrack.report.model import ActionRow, MethodSection
from kpitrack.report.summary import action_state

if TYPE_CHECKING:
    from kpitrack.progress.model import ActionProgress, ProgressReport
    from kpitrack.workspace import Workspace


def method_sections(
    lang: str, *, on_track: str, at_risk: str, stale_periods: str, deadline: str = "90"
) -> tuple[MethodSection, ...]:
    """The method annex in ``lang``, thresholds already formatted (words from i18n)."""
    texts = method_texts(
        lang, on_track=on_track, at_risk=at_risk, stale_periods=stale_periods, deadline=deadline
    )
    return tuple(MethodSection(heading, paragraphs) for heading, paragraphs in texts)


def action_rows(
    workspace: Workspace,
    progress: ProgressReport,
    lang: str,
    texts: dict[str, str],
    partners: dict[str, str],
) -> tuple[ActionRow, ...]:
    states = {a.id: a for a in progress.actions}

    def row(
        item: ActionProgress,
        title: object,
        milestones: tuple[ActionRow, ...],
        references: Sequence[object] = (),
        commitments: Sequence[object] = (),
    ) -> ActionRow:
        update_date = ""
        if item.update_date:
            update_date = i18n.format_date(date.fromisoformat(item.update_date[:10]), lang)
        return ActionRow(
            id=item.id,
            kind=item.kind,
            kind_label=texts[item.kind],
            parent=item.parent or "",
            action_line_id=item.action_line,
            title=local_text(title, lang),
            owner=partners.get(item.owner, item.owner),
            due=i18n.format_date(item.due, lang),
            due_iso=item.due.isoformat(),
            state=action_state(item.state, lang),
            update_date=update_date,
            update_note=item.update_note or "",
            milestones=milestones,
            late_milestones=late_milestones_text(item.late_milestones, lang)
            if item.kind == "action"
            else "",
            references=tuple(local_text(r, lang) for r in references),
            commitments=tuple(local_text(c, lang) for c in commitments),
        )

    rows: list[ActionRow] = []
    for _line, action in workspace.actions():
        if action.id not in states:
            continue
        milestones = tuple(
            row(states[m.id], m.title, ()) for m in action.milestones if m.id in states
        )
        rows.append(
            row(states[action.id], action.title, milestones, action.references, action.commitments)
        )
    return tuple(rows)
