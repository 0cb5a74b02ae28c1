"""One indicator's section of the ReportModel: its figures, breakdown, chart and targets, already
resolved for one language (see :mod:`kpitrack.report.model`)."""

from __future__ import annotations

from dataclasses import dataclass

from kpitrack.report.model_parts import Commentary, FlagLabel, StatusLabel


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
    source: str = ""
    """Where this figure was published, as the partner gave it (a total summed from cells: the
    cells' sources, each once); empty when none."""
    source_mark: str = ""
    """The letter (``a``, ``b``…) of ``source`` in ``IndicatorSection.figure_sources``; empty
    when the figure has no source of its own."""


@dataclass(frozen=True, slots=True)
class FigureSource:
    """A publication figures of an indicator come from, under the letter its rows show."""

    mark: str
    """The letter, ``a`` for the first source in period order, then ``b``…; ``z`` is followed
    by ``aa``."""
    text: str
    """The source as the partner gave it."""


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
    figure_sources: tuple[FigureSource, ...] = ()
    """The figures' own sources (``ValueRow.source``), each once under its letter, in order of
    first use; empty when no figure has one (the table then has no source column)."""
