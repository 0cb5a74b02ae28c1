"""The ReportModel: everything a renderer lays out, already resolved for one language.

Built once by :func:`kpitrack.report.build.build_report_model` and shared by the HTML and the
Word renderer. Every number and date is a formatted string in the report's language; raw values
appear only where a chart needs them. Renderers hold no rules: statuses, labels, icons, colours,
suppression of small cells and footnote numbers are all decided here. Every field is documented
in ``docs/report-model.md`` (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StatusLabel:
    """How one status (indicator status or action state) is shown: text, icon and colour."""

    code: str
    """Machine code, e.g. ``at_risk`` or ``overdue`` (also the CSS class suffix)."""
    label: str
    """Text in the report language, e.g. ``Risico``."""
    icon: str
    """A symbol shown beside the text (never alone), e.g. ``▲``."""
    colour: str
    """Hex colour (``#rrggbb``) with at least 4.5:1 contrast on white."""


@dataclass(frozen=True, slots=True)
class StatusCount:
    """One cell of the summary table: how many items have a status."""

    status: StatusLabel
    """The status counted."""
    count: int
    """Number of indicators (or actions) with that status."""
    count_text: str
    """``count`` formatted for the language."""


@dataclass(frozen=True, slots=True)
class Commentary:
    """Rapporteur text from ``commentary/<as-of>/*.md``."""

    markdown: str
    """The Markdown as written (for renderers that format it themselves)."""
    html: str
    """Sanitised HTML (raw HTML disabled, only http/https/mailto links); safe to insert as is."""
    paragraphs: tuple[str, ...]
    """Plain-text paragraphs and list items (markup removed), for the Word renderer."""


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
class ValueRow:
    """One row of an indicator's value table (a total per period)."""

    period: str
    """Period code, e.g. ``2019-H1``."""
    period_label: str
    """Period in words for the language."""
    value: str
    """Formatted value (or the missing-value label for obs status M)."""
    obs_status: str
    """SDMX observation status code: A, P, E, B or M."""
    obs_status_label: str
    """Observation status in words (``voorlopig``...)."""
    interval: str
    """Formatted uncertainty interval ``lower–upper``; empty when none."""
    note: str
    """Partner's note on the figure; empty when none."""
    revised: bool
    """The figure replaced an earlier accepted value."""
    revised_text: str
    """E.g. ``herzien (was 190)``; empty when not revised."""
    partial: bool
    """The total is a sum over a breakdown with codes missing."""
    footnotes: tuple[int, ...]
    """Footnotes of this row only; notes on every figure (source, caveats) are in
    ``IndicatorSection.footnotes`` and belong on the table caption."""
    marks: tuple[str, ...] = ()
    """Marks beside the value, in words: ``nog niet geaccordeerd`` while the programme office
    has not yet approved the figure (``reporting.review: required``); empty when none."""


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One cell of a breakdown, in the latest period that has a breakdown."""

    codes: tuple[str, ...]
    """Code labels, one per column of ``BreakdownTable.headers`` except the last."""
    value: str
    """Formatted value, ``<N`` when below the disclosure threshold, ``×`` when withheld so
    that a small count cannot be worked out from the total and the other cells."""
    suppressed: bool
    """True when the value is hidden by the small-cell rule (either way)."""
    marks: tuple[str, ...] = ()
    """Marks beside the value, in words: ``nog niet geaccordeerd`` while the programme office
    has not yet approved the figure (``reporting.review: required``); empty otherwise."""


@dataclass(frozen=True, slots=True)
class BreakdownTable:
    """The breakdown of an indicator for one period; small counts suppressed."""

    caption: str
    """Table caption (indicator, period)."""
    period: str
    """Period code of the breakdown."""
    headers: tuple[str, ...]
    """Column headers: one per dimension, then the value column."""
    rows: tuple[BreakdownRow, ...]
    """Cells in code order."""
    note: str
    """Explains the ``<N`` and ``×`` cells; empty when none were suppressed."""


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """A single marked point of a chart (baseline, target)."""

    x: str
    """ISO date of the period end (the x position)."""
    value: float
    """Raw value."""
    value_text: str
    """Formatted value."""
    period_label: str
    """Period in words."""
    set_date: str
    """For targets: the formatted date it was set; empty otherwise."""
    period: str = ""
    """Period code (``2022``), used as the x-axis tick label."""


@dataclass(frozen=True, slots=True)
class ChartLabels:
    """Legend and axis texts of a chart in the report language."""

    actual: str
    """Legend: the measured values."""
    provisional: str
    """Legend: provisional or estimated values."""
    interval: str
    """Legend: the uncertainty interval."""
    baseline: str
    """Legend: the baseline."""
    target_path: str
    """Legend: the path from baseline to the target in force."""
    target: str
    """Legend: the target in force."""
    superseded: str
    """Legend: superseded targets."""
    y_axis: str
    """Y axis title (the unit)."""
    colon: str = ":"
    """The colon between a period and its value in a point's hover text, as the language
    writes it."""


@dataclass(frozen=True, slots=True)
class ChartModel:
    """Raw series of one indicator chart, plus its texts. Only totals, never small cells."""

    div_id: str
    """Stable HTML id of the chart (deterministic output)."""
    title: str
    """Chart title (indicator name)."""
    periods: tuple[str, ...]
    """Period labels of the points, ascending."""
    x: tuple[str, ...]
    """ISO end dates of the periods (x positions)."""
    values: tuple[float | None, ...]
    """Raw values; None for missing (obs status M)."""
    value_texts: tuple[str, ...]
    """Formatted values, for hover text."""
    obs_status: tuple[str, ...]
    """SDMX obs status per point."""
    lower: tuple[float | None, ...]
    """Lower bound of the interval per point, or None."""
    upper: tuple[float | None, ...]
    """Upper bound of the interval per point, or None."""
    baseline: ChartPoint | None
    """The baseline point; None when there is no baseline."""
    target_path: tuple[ChartPoint, ...]
    """Baseline then target in force (two points), or empty."""
    targets: tuple[ChartPoint, ...]
    """Targets in force at the as-of date (one per target period)."""
    superseded: tuple[ChartPoint, ...]
    """Targets replaced by a later entry for the same period."""
    labels: ChartLabels
    """Legend and axis texts."""
    decimals: int
    """Decimals to show for values (hover and axis)."""
    alt_text: str
    """Short description for screen readers and Word alt text."""
    summary: str
    """Text summary of what the chart shows (a sentence or two)."""
    period_codes: tuple[str, ...] = ()
    """Period codes of the points (``2019-H1``), used as x-axis tick labels."""


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One entry of an indicator's target history."""

    period: str
    """Target period code."""
    period_label: str
    """Target period in words."""
    value: str
    """Formatted target value."""
    set_date: str
    """Formatted date the target was set."""
    set_iso: str
    """Date the target was set, ``YYYY-MM-DD``."""
    reason: str
    """Reason for the revision; empty when none."""
    state: str
    """``in_force``, ``superseded`` or ``other`` (a target for another period)."""
    state_label: str
    """``state`` in words."""


@dataclass(frozen=True, slots=True)
class FlagLabel:
    """A flag beside a status (provisional, stale, revised, target_revised, partial)."""

    code: str
    """Flag code."""
    label: str
    """Flag in words."""


@dataclass(frozen=True, slots=True)
class IndicatorSection:
    """Everything shown for one indicator."""

    id: str
    """Indicator id."""
    anchor: str
    """Stable HTML id of the section."""
    name: str
    """Indicator name."""
    status: StatusLabel
    """Status with label, icon and colour (from the progress engine, never recomputed). A
    verdict on an outdated figure reads with the figure's period ("op koers in 2019; sindsdien
    geen cijfers") and has the outdated colour."""
    explanation: str
    """One or two sentences explaining the status, from the engine."""
    flags: tuple[FlagLabel, ...]
    """Flags beside the status."""
    ratio: str
    """R formatted as a percentage; empty when undefined."""
    baseline: str
    """Baseline as ``value unit (period)`` (``1.000 vragen (2023)``, ``43% (2017)``); empty
    when none."""
    baseline_note: str
    """Says when the earliest observation serves as baseline; empty otherwise."""
    latest: str
    """Latest value as ``value unit (period)``; empty when none."""
    target: str
    """Target in force as ``value unit (period)``; empty when none."""
    definition: str
    """What is counted and what not."""
    source: str
    """Where the figures come from."""
    owner: str
    """Name of the partner that delivers the figures."""
    unit: str
    """Unit; empty when none."""
    measure_label: str
    """Kind of measure in words (count, percentage...)."""
    direction_label: str
    """Desired direction in words."""
    caveats: str
    """Caveats shown with every figure; empty when none."""
    footnotes: tuple[int, ...]
    """Numbers of the footnotes (source, caveats) that apply to the indicator."""
    values: tuple[ValueRow, ...]
    """Value table: totals per period up to the as-of date."""
    values_caption: str
    """Caption of the value table."""
    breakdown: BreakdownTable | None
    """Breakdown of the latest period that has one, small cells suppressed; None when none."""
    chart: ChartModel
    """The chart's data."""
    targets: tuple[TargetRow, ...]
    """Target history, in file order."""
    commentary: Commentary | None
    """``commentary/<as-of>/<indicator-id>.<lang>.md``, when present."""
    stale: bool = False
    """The verdict rests on an outdated figure (flag ``stale``)."""
    target_verdicts: str = ""
    """Where a revision changed the target in force: the verdict against the revised target
    beside the one against the original; empty otherwise."""
    since_previous: str = ""
    """The change since the previous published report (value and status then → now); empty
    when there is none or it recorded no figures."""
    next_expected: str = ""
    """The next figure the reporting calendar expects and its due date, or that it is late."""
    next_late: bool = False
    """The next expected figure is past its due date."""
    forecast: str = ""
    """Where the trend of the latest figures leads, with its 95 % interval; empty when the
    engine gives no forecast."""
    download: str = ""
    """The section's figures as a CSV ``data:`` URL (see :mod:`kpitrack.report.download`)."""
    download_name: str = ""
    """File name the download is saved under."""


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
class Footnote:
    """A numbered footnote: a source, a caveat or an observation note."""

    number: int
    """Footnote number, 1-based, in order of first reference."""
    kind: str
    """``source``, ``caveat`` or ``note``."""
    text: str
    """Footnote text."""


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
