"""The summary table and the headline: what the report counts, recounted from the engine.

The status JSON counts every indicator under its status (design §7). The report does not count
a verdict on outdated figures as current: an indicator flagged ``stale`` is counted in a column
of its own ("verouderd" / "outdated"), whatever its status. Actions and milestones are counted
together, per state; ``not_reported`` (nothing reported after the due date) has its own column
apart from ``overdue``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.i18n import local_text
from kpitrack.i18n.headline import (
    JUDGED,
    DatedVerdict,
    HeadlineFacts,
    headline_paragraphs,
    in_period,
)
from kpitrack.measurements.model import ACTION_STATES
from kpitrack.progress.action_states import LATE_STATES
from kpitrack.progress.model import INDICATOR_STATES
from kpitrack.report.figures import slug, status_of, with_unit
from kpitrack.report.model import StatusCount, StatusLabel, SummaryRow
from kpitrack.report.texts import ACTION_COLOURS, ACTION_ICONS

if TYPE_CHECKING:
    from kpitrack.progress.model import ActionProgress, IndicatorProgress, ProgressReport
    from kpitrack.workspace import Workspace

OUTDATED = "stale"
"""The summary column of verdicts on outdated figures (the ``stale`` flag)."""
SUMMARY_COLUMNS: tuple[str, ...] = (*INDICATOR_STATES, OUTDATED)
"""The indicator columns of the summary, in order."""


def summary_column(indicator: IndicatorProgress) -> str:
    """Where the summary counts an indicator: ``stale`` when flagged so, else its status."""
    return OUTDATED if "stale" in indicator.flags else indicator.status


def action_state(state: str, lang: str) -> StatusLabel:
    """An action or milestone state with its words, icon and colour."""
    return StatusLabel(
        code=state,
        label=i18n.action_state_label(state, lang),
        icon=ACTION_ICONS.get(state, "•"),
        colour=ACTION_COLOURS.get(state, "#4b5563"),
    )


def summary_rows(
    workspace: Workspace, progress: ProgressReport, lang: str
) -> tuple[SummaryRow, ...]:
    """One row per action line, in programme order."""
    return tuple(
        summary_row(
            line.id,
            local_text(line.title, lang),
            [i for i in progress.indicators if i.action_line == line.id],
            [a for a in progress.actions if a.action_line == line.id],
            lang,
        )
        for line in workspace.programme.action_lines
    )


def summary_row(
    line_id: str,
    title: str,
    indicators: Sequence[IndicatorProgress],
    items: Sequence[ActionProgress],
    lang: str,
    anchor: str | None = None,
) -> SummaryRow:
    """The counts of ``indicators`` and of ``items`` (actions and milestones)."""
    counts: dict[str, int] = dict.fromkeys(SUMMARY_COLUMNS, 0)
    for indicator in indicators:
        counts[summary_column(indicator)] += 1
    states: dict[str, int] = dict.fromkeys(ACTION_STATES, 0)
    for item in items:
        states[item.state] += 1
    return SummaryRow(
        action_line_id=line_id,
        title=title,
        anchor=anchor if anchor is not None else f"al-{slug(line_id)}",
        indicator_counts=_counts((status_of(s, lang) for s in SUMMARY_COLUMNS), counts, lang),
        action_counts=_counts((action_state(s, lang) for s in ACTION_STATES), states, lang),
        indicators=len(indicators),
        actions=sum(1 for item in items if item.kind == "action"),
        milestones=sum(1 for item in items if item.kind == "milestone"),
    )


def totals_row(progress: ProgressReport, title: str, lang: str) -> SummaryRow:
    """The programme total, counted the same way."""
    return summary_row("", title, progress.indicators, progress.actions, lang, anchor="summary")


def headline(workspace: Workspace, progress: ProgressReport, lang: str) -> tuple[str, ...]:
    """The generated headline (kernboodschap) in ``lang``."""
    return headline_paragraphs(headline_facts(workspace, progress, lang), lang)


def headline_facts(workspace: Workspace, progress: ProgressReport, lang: str) -> HeadlineFacts:
    """What the headline says, counted from the engine's results."""
    current: dict[str, int] = dict.fromkeys(JUDGED, 0)
    outdated: list[DatedVerdict] = []
    unmeasured: list[tuple[str, str]] = []
    context = context_outdated = context_empty = with_target = 0
    for ind in progress.indicators:
        definition = workspace.indicators.get(ind.id)
        if definition is None:
            continue
        name = local_text(definition.name, lang)
        if not definition.targets or definition.direction == "none":
            context += 1
            context_outdated += "stale" in ind.flags
            context_empty += ind.latest is None
            continue
        with_target += 1
        if ind.status in JUDGED and "stale" in ind.flags and ind.latest is not None:
            outdated.append(DatedVerdict(name, ind.status, ind.latest.period))
        elif ind.status in JUDGED:
            current[ind.status] += 1
        elif ind.status == "no_data" and ind.target is not None:
            value = i18n.format_number(ind.target.value, lang, definition.decimals)
            shown = with_unit(value, definition.measure, local_text(definition.unit, lang), lang)
            unmeasured.append((name, in_period(shown, ind.target.period, lang)))
        elif ind.status == "no_data":
            unmeasured.append((name, ""))
    actions = _state_counts(a for a in progress.actions if a.kind == "action")
    milestones = _state_counts(a for a in progress.actions if a.kind == "milestone")
    late = tuple(
        a.id
        for a in progress.actions
        if a.kind == "action" and a.late_milestones and a.state not in LATE_STATES
    )
    return HeadlineFacts(
        with_target=with_target,
        current=current,
        outdated=tuple(outdated),
        unmeasured=tuple(unmeasured),
        context=context,
        context_outdated=context_outdated,
        context_empty=context_empty,
        actions=actions,
        milestones=milestones,
        late_milestones=late,
    )


def _state_counts(items: Iterable[ActionProgress]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(ACTION_STATES, 0)
    for item in items:
        counts[item.state] += 1
    return counts


def _counts(
    labels: Iterable[StatusLabel], counts: dict[str, int], lang: str
) -> tuple[StatusCount, ...]:
    return tuple(
        StatusCount(
            status=label,
            count=counts.get(label.code, 0),
            count_text=i18n.format_number(counts.get(label.code, 0), lang),
        )
        for label in labels
    )
