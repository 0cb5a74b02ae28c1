"""The ReportModel: everything a renderer lays out, already resolved for one language.

Built once by :func:`kpitrack.report.build.build_report_model` and shared by the HTML and the
Word renderer. Every number and date is a formatted string in the report's language; raw values
appear only where a chart needs them. Renderers hold no rules: statuses, labels, icons, colours,
suppression of small cells and footnote numbers are all decided here. Every field is documented
in ``docs/report-model.md`` (a test keeps the two in step). The parts of an indicator's section
live in :mod:`kpitrack.report.model_indicator`, the small shared ones in
:mod:`kpitrack.report.model_parts`; all are importable from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from kpitrack.report.model_indicator import (
    BreakdownRow,
    BreakdownTable,
    ChartLabels,
    ChartModel,
    ChartPoint,
    FigureSource,
    IndicatorSection,
    TargetRow,
    ValueRow,
)
from kpitrack.report.model_parts import Commentary, FlagLabel, Footnote, StatusCount, StatusLabel

__all__ = [
    "ActionLineSection",
    "ActionRow",
    "Annex",
    "BreakdownRow",
    "BreakdownTable",
    "ChangeEntry",
    "ChartLabels",
    "ChartModel",
    "ChartPoint",
    "Commentary",
    "CompletenessRow",
    "FigureSource",
    "FlagLabel",
    "Footnote",
    "IndicatorSection",
    "MethodSection",
    "ReportModel",
    "StatusCount",
    "StatusLabel",
    "Summary",
    "SummaryRow",
    "TargetRow",
    "ValueRow",
]


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """The status counts of one action line."""

    action_line_id: str
    """Action line id, e.g. ``AL1``."""
    title: str
    """Action line title."""
    anchor: str
    """Stable HTML id of the action line's section (for links)."""
    indicator_counts: tuple[StatusCount, ...]
    """Count per indicator status, every status in fixed order, zeros included, then the count
    of verdicts on outdated figures (code ``stale``): an indicator flagged stale is counted
    there and not under its status."""
    action_counts: tuple[StatusCount, ...]
    """Count per state of the actions and milestones together, every state, zeros included;
    ``not_reported`` apart from ``overdue``."""
    indicators: int
    """Number of indicators in the action line."""
    actions: int = 0
    """Number of actions counted in ``action_counts``."""
    milestones: int = 0
    """Number of milestones counted in ``action_counts``."""


@dataclass(frozen=True, slots=True)
class Summary:
    """The summary section: the headline, the rapporteur's summary, the status table."""

    indicator_statuses: tuple[StatusLabel, ...]
    """Column headers: every indicator status in fixed order, then ``stale`` (outdated)."""
    action_states: tuple[StatusLabel, ...]
    """Column headers: every action state in fixed order."""
    rows: tuple[SummaryRow, ...]
    """One row per action line, in programme order."""
    totals: SummaryRow
    """The programme total (``action_line_id`` empty, ``title`` = the label for total)."""
    key_messages: Commentary | None
    """The rapporteur's summary (``commentary/<as-of>/summary.<lang>.md``), when present."""
    headline: tuple[str, ...] = ()
    """The headline (kernboodschap) generated from the numbers, one paragraph per item: the
    indicators (current verdicts, outdated ones, targets without a measurement, context
    figures), then the actions and milestones."""


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action or milestone with its state."""

    id: str
    """Action or milestone id."""
    kind: str
    """``action`` or ``milestone``."""
    kind_label: str
    """``kind`` in the report language."""
    parent: str
    """Id of the action a milestone belongs to; empty for actions."""
    action_line_id: str
    """Id of the action line."""
    title: str
    """Title in the report language."""
    owner: str
    """Name of the responsible partner."""
    due: str
    """Due date, formatted."""
    due_iso: str
    """Due date as ``YYYY-MM-DD``."""
    state: StatusLabel
    """State (done, in_progress, overdue, not_reported, planned, dropped) with label, icon and
    colour."""
    update_date: str
    """Date of the latest update, formatted; empty when none."""
    update_note: str
    """Note of the latest update; empty when none."""
    milestones: tuple[ActionRow, ...]
    """The action's milestones (empty for a milestone)."""
    late_milestones: str = ""
    """Of an action: how many of its milestones are overdue or not reported, in words;
    empty when none."""
    references: tuple[str, ...] = ()
    """Parliamentary papers about the action."""
    commitments: tuple[str, ...] = ()
    """Commitments to parliament the action fulfils."""


@dataclass(frozen=True, slots=True)
class ActionLineSection:
    """One action line: its actions and milestones, then its indicators."""

    id: str
    """Action line id."""
    anchor: str
    """Stable HTML id of the section."""
    title: str
    """Title."""
    summary: str
    """What the action line aims at; empty when none."""
    counts: SummaryRow
    """The same status counts as in the summary table."""
    commentary: Commentary | None
    """``commentary/<as-of>/<action-line-id>.<lang>.md``, when present."""
    actions: tuple[ActionRow, ...]
    """Actions, each with its milestones."""
    indicators: tuple[IndicatorSection, ...]
    """Indicators of the action line, in id order."""


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """A change since the previous report (target revision, revised figure, definition change)."""

    kind: str
    """Machine code of the kind of change, e.g. ``target_revised`` or ``revised``."""
    kind_label: str
    """Kind of change in words."""
    subject: str
    """What changed (indicator or action name and id)."""
    before: str
    """Formatted old value or text; empty when new."""
    after: str
    """Formatted new value or text; empty when removed."""
    when: str
    """Formatted date of the change; empty when unknown."""
    who: str
    """Who made the change (partner or programme office); empty when unknown."""


@dataclass(frozen=True, slots=True)
class MethodSection:
    """A part of the method annex."""

    heading: str
    """Heading."""
    paragraphs: tuple[str, ...]
    """Plain-text paragraphs."""


@dataclass(frozen=True, slots=True)
class CompletenessRow:
    """Data completeness of one partner in the period covered."""

    partner_id: str
    """Partner id."""
    partner: str
    """Partner name."""
    expected: int
    """Indicators the partner owns."""
    with_data: int
    """Of those, indicators with at least one observation in the period covered."""
    expected_text: str
    """``expected`` formatted."""
    with_data_text: str
    """``with_data`` formatted."""
    share: str
    """``with_data / expected`` as a percentage; empty when nothing is expected."""
    latest_submission: str
    """Formatted date the partner's latest submission used by the report was received (one
    with figures for periods up to the as-of date, whenever it arrived); empty when none."""
    unreviewed: int = 0
    """Of ``with_data``, indicators whose figures in the period covered include one the
    programme office has not yet approved (``reporting.review: required``); 0 otherwise."""
    unreviewed_text: str = ""
    """``unreviewed`` formatted; empty when the programme does not require review."""
    warnings: int | None = None
    """Plausibility warnings the partner's submissions used by the report had when they were
    accepted (ledger field ``warnings``), summed over those that recorded them; None when none
    of them did (older entries) or the report uses none."""
    warnings_text: str = ""
    """The warnings in words: ``12 (in 3 aanleveringen)``, ``geen``, ``niet geregistreerd``,
    with the submissions that did not record them counted apart (never as zero); empty when
    the report uses no submission of the partner."""


@dataclass(frozen=True, slots=True)
class Annex:
    """The annex: method in plain words, data completeness, all actions."""

    method: tuple[MethodSection, ...]
    """The status method (design §5) in plain words."""
    completeness: tuple[CompletenessRow, ...]
    """One row per partner, in programme order."""
    actions: tuple[ActionRow, ...]
    """Every action and milestone (flat, milestones after their action)."""
    provenance: str = ""
    """One line saying what the git commit and the data snapshot below identify."""
    review_required: bool = False
    """The programme requires the office's approval (``reporting.review: required``): the
    completeness table counts the indicators with a figure not yet approved apart."""
    review_note: str = ""
    """Below the completeness table under required review: what the mark and the column mean."""


@dataclass(frozen=True, slots=True)
class ReportModel:
    """The whole report in one language."""

    lang: str
    """Language code of the report (``nl``, ``en``)."""
    programme_id: str
    """Programme id."""
    title: str
    """Programme title."""
    owner: str
    """Ministry or body that owns the programme."""
    period_covered: str
    """Programme period, formatted (``13 november 2018 – 31 december 2022``)."""
    period_start_iso: str
    """Programme start, ``YYYY-MM-DD``."""
    period_end_iso: str
    """Programme end, ``YYYY-MM-DD``."""
    as_of: str
    """As-of date, formatted."""
    as_of_iso: str
    """As-of date, ``YYYY-MM-DD``."""
    version: str
    """Definition version of the programme."""
    snapshot_hash: str
    """Hash of the measurement store snapshot the report was built from; empty when unknown.
    Shown in the annex."""
    generated_at: str
    """ISO date or time the report was prepared: ``SOURCE_DATE_EPOCH`` when set, else derived
    from the data (see ``prepared``); the as-of date only when nothing else dates it."""
    draft: bool
    """True unless the report is being published."""
    texts: dict[str, str]
    """UI labels for the language (keys listed in ``docs/report-model.md``)."""
    summary: Summary
    """Summary section."""
    action_lines: tuple[ActionLineSection, ...]
    """One section per action line, in programme order."""
    changes: tuple[ChangeEntry, ...]
    """Changes since the previous report; empty when there is no previous report or nothing
    changed."""
    annex: Annex
    """Annex."""
    footnotes: tuple[Footnote, ...]
    """All footnotes, numbered in order of first reference."""
    status_legend: tuple[StatusLabel, ...]
    """Every indicator status then every action state, for a legend."""
    definitions_commit: str = ""
    """Git commit of the definitions the report was built from; empty outside git. Shown in the
    annex."""
    definitions_modified: bool = False
    """The definitions had changes not yet committed (the commit does not describe them)."""
    prepared: str = ""
    """Preparation date, formatted: ``SOURCE_DATE_EPOCH`` when set, else the later of the day
    the last store entry used was received and the day the definitions were committed; empty
    when nothing dates the report. Never the as-of date."""
    received_up_to: str = ""
    """Figures received up to and including this date, formatted (``--received-by``, else the
    day the last store entry used was received); empty for an empty store."""
    references: tuple[str, ...] = ()
    """Parliamentary papers of the programme (Kamerstukken)."""
    commitments: tuple[str, ...] = ()
    """Commitments to parliament of the programme as a whole."""
    previous_report: str = ""
    """What the changes compare with: the previous report's as-of date, formatted, or the
    commit compared with; empty when this is the first report."""
