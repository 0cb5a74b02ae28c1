"""One indicator's part of the ReportModel: value table, breakdown, chart data, target history.

Statuses, ratios and series come from the progress engine as they are; this module only turns
them into text for one language and applies the small-cell rule to breakdowns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kpitrack import i18n
from kpitrack.core.periods import parse_period
from kpitrack.i18n import local_text
from kpitrack.i18n.formatting import real_minus
from kpitrack.i18n.spelled import spelled
from kpitrack.progress.disclosure import applies as disclosure_applies
from kpitrack.progress.disclosure import hidden_cells
from kpitrack.report.figures import slug, with_unit
from kpitrack.report.model import (
    BreakdownRow,
    BreakdownTable,
    ChartLabels,
    ChartModel,
    ChartPoint,
    Commentary,
    FlagLabel,
    Footnote,
    IndicatorSection,
    TargetRow,
    ValueRow,
)

if TYPE_CHECKING:
    from kpitrack.definitions.models import Indicator, Programme
    from kpitrack.measurements.model import Breakdown
    from kpitrack.progress.model import IndicatorProgress, SeriesPoint, TargetEntry
    from kpitrack.report.verdicts import PreviousFigures

Fmt = Callable[[float], str]


@dataclass
class Footnotes:
    """Numbers footnotes in order of first reference; the same text keeps its number."""

    items: list[Footnote] = field(default_factory=list)
    _numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> int:
        """The number of the footnote (kind, text), adding it when new."""
        key = (kind, text)
        if key not in self._numbers:
            self._numbers[key] = len(self.items) + 1
            self.items.append(Footnote(number=self._numbers[key], kind=kind, text=text))
        return self._numbers[key]


def build_indicator(
    indicator: Indicator,
    progress: IndicatorProgress,
    programme: Programme,
    lang: str,
    texts: dict[str, str],
    footnotes: Footnotes,
    commentary: Commentary | None,
    previous: PreviousFigures | None = None,
    as_of: date | None = None,
) -> IndicatorSection:
    """The section of one indicator in the report language.

    ``previous`` is what the previous published report showed (for "then → now").
    """
    from kpitrack.report.download import data_url, figures_csv
    from kpitrack.report.figure_sources import with_sources
    from kpitrack.report.verdicts import verdict_texts

    # The engine's explanation formats with the same decimals: a submitted 24.5 reads 24,5 in
    # the explanation, the figures, the tables and the chart alike (never rounded per measure).
    decimals = indicator.decimals

    def fmt(value: float) -> str:
        # A real minus sign (−6), as in the explanation, never the hyphen.
        return real_minus(i18n.format_number(value, lang, decimals))

    unit = local_text(indicator.unit, lang)

    def with_period(value: float, period: str) -> str:
        quantity = with_unit(fmt(value), indicator.measure, unit, lang)
        return f"{quantity} ({i18n.format_period(period, lang)})"

    name = local_text(indicator.name, lang)
    source = local_text(indicator.source, lang)
    caveats = local_text(indicator.caveats, lang)
    notes = [footnotes.add("source", texts["footnote_source"].format(text=source))]
    if caveats:
        notes.append(footnotes.add("caveat", texts["footnote_caveat"].format(text=caveats)))

    # Caveats concern every figure: the renderers put them on the table caption, not on each
    # value, where a footnote mark would read as an exponent (25² for 25 with note 2).
    rows = [_value_row(p, lang, texts, fmt) for p in progress.series]
    values, figure_sources = with_sources(rows, progress.series)
    owner = next((p for p in programme.partners if p.id == indicator.owner), None)
    day = as_of if as_of is not None else _last_day(progress)
    verdict = verdict_texts(indicator, progress, programme, lang, fmt, day, previous)
    # A context figure is not judged against a baseline: without a declared one, the first
    # figure "serving as baseline" would say nothing.
    context = not indicator.targets or indicator.direction == "none"
    shown_baseline = progress.baseline is not None and not (
        context and progress.baseline_from_observation
    )
    return IndicatorSection(
        id=indicator.id,
        anchor=f"ind-{slug(indicator.id)}",
        name=name,
        status=verdict.status,
        explanation=local_text(progress.explanation, lang),
        flags=tuple(FlagLabel(f, i18n.flag_label(f, lang)) for f in progress.flags),
        ratio=real_minus(i18n.format_percent(progress.ratio, lang))
        if progress.ratio is not None
        else "",
        baseline=with_period(progress.baseline.value, progress.baseline.period)
        if progress.baseline and shown_baseline
        else "",
        baseline_note=texts["baseline_from_observation"]
        if progress.baseline_from_observation and shown_baseline
        else "",
        latest=with_period(progress.latest.value, progress.latest.period)
        if progress.latest
        else "",
        target=with_period(progress.target.value, progress.target.period)
        if progress.target
        else "",
        definition=local_text(indicator.definition, lang),
        source=source,
        owner=local_text(owner.name, lang) if owner else indicator.owner,
        unit=unit,
        measure_label=texts[f"measure_{indicator.measure}"],
        direction_label=texts[f"direction_{indicator.direction}"],
        caveats=caveats,
        footnotes=tuple(notes),
        values=values,
        values_caption=texts["values_caption"].format(name=name),
        breakdown=_breakdown(indicator, progress, programme, lang, texts, fmt, name),
        chart=_chart(indicator, progress, lang, texts, fmt, name, unit),
        targets=tuple(_target_row(t, lang, texts, fmt) for t in progress.targets),
        commentary=commentary,
        stale=verdict.stale,
        target_verdicts=verdict.target_verdicts,
        since_previous=verdict.since_previous,
        next_expected=verdict.next_expected,
        next_late=verdict.next_late,
        forecast=verdict.forecast,
        download=data_url(figures_csv(indicator, progress, programme)) if values else "",
        download_name=f"{indicator.id}.csv",
        figure_sources=figure_sources,
    )


def _last_day(progress: IndicatorProgress) -> date:
    """A date for the calendar's "late" when the caller gives none: the latest period's end."""
    return max((p.end for p in progress.series), default=date.min)


def _value_row(point: SeriesPoint, lang: str, texts: dict[str, str], fmt: Fmt) -> ValueRow:
    interval = ""
    if point.lower is not None and point.upper is not None:
        interval = f"{fmt(point.lower)}–{fmt(point.upper)}"
    revised_text = ""
    if point.revised:
        revised_text = (
            texts["revised"].format(before=fmt(point.revised_from))
            if point.revised_from is not None
            else texts["revised_short"]
        )
    note = point.note
    if point.partial:
        note = f"{note}; {texts['partial']}" if note else texts["partial"]
    return ValueRow(
        period=point.period,
        period_label=i18n.format_period(point.period, lang),
        value=fmt(point.value) if point.value is not None else texts["missing_value"],
        obs_status=point.obs_status,
        obs_status_label=i18n.obs_status_label(point.obs_status, lang),
        interval=interval,
        note=note,
        revised=point.revised,
        revised_text=revised_text,
        partial=point.partial,
        footnotes=(),
        marks=_review_marks(point, lang),
    )


def _review_marks(point: SeriesPoint, lang: str) -> tuple[str, ...]:
    """``nog niet geaccordeerd`` beside a figure the programme office has not yet approved.

    ``approved`` is False only under ``reporting.review: required`` (None without review).
    """
    return (i18n.flag_label("unreviewed", lang),) if point.approved is False else ()


def _breakdown(
    indicator: Indicator,
    progress: IndicatorProgress,
    programme: Programme,
    lang: str,
    texts: dict[str, str],
    fmt: Fmt,
    name: str,
) -> BreakdownTable | None:
    cells = [c for c in progress.breakdowns if c.breakdown]
    if not cells:
        return None
    latest = max(cells, key=lambda c: (c.end, c.period)).period
    cells = sorted((c for c in cells if c.period == latest), key=lambda c: c.breakdown)
    dimensions = sorted({dim for c in cells for dim, _ in c.breakdown})
    threshold = programme.disclosure.min_count
    suppress = disclosure_applies(indicator.measure, threshold)
    mark = f"<{i18n.format_number(threshold, lang)}"
    hidden = _hidden_cells(cells, threshold) if suppress else {}
    rows: list[BreakdownRow] = []
    for cell in cells:
        codes = dict(cell.breakdown)
        why = hidden.get(cell.breakdown)
        if why == "small":
            value = mark
        elif why == "complement":
            value = texts["withheld_mark"]
        elif cell.value is None:
            value = texts["missing_value"]
        else:
            value = fmt(cell.value)
        rows.append(
            BreakdownRow(
                codes=tuple(_code_label(programme, d, codes.get(d, ""), lang) for d in dimensions),
                value=value,
                suppressed=why is not None,
                marks=_review_marks(cell, lang),
            )
        )
    notes = []
    if hidden:
        notes.append(
            texts["suppressed_note"].format(n=i18n.format_number(threshold, lang), mark=mark)
        )
    if "complement" in hidden.values():
        notes.append(texts["withheld_note"].format(mark=texts["withheld_mark"]))
    period_label = i18n.format_period(latest, lang)
    return BreakdownTable(
        caption=texts["breakdown_caption"].format(name=name, period=period_label),
        period=latest,
        headers=(
            *(
                local_text(programme.codelists[d].label, lang) if d in programme.codelists else d
                for d in dimensions
            ),
            texts["col_value"],
        ),
        rows=tuple(rows),
        note=" ".join(notes),
    )


def _hidden_cells(cells: list[SeriesPoint], threshold: float) -> dict[Breakdown, str]:
    """Cells to withhold and why (the rule lives in :mod:`kpitrack.progress.disclosure`)."""
    return dict(hidden_cells(((c.breakdown, c.value) for c in cells), threshold))


def _code_label(programme: Programme, dimension: str, code: str, lang: str) -> str:
    codelist = programme.codelists.get(dimension)
    if codelist is None or code not in codelist.codes:
        return code
    return local_text(codelist.codes[code], lang)


def _chart(
    indicator: Indicator,
    progress: IndicatorProgress,
    lang: str,
    texts: dict[str, str],
    fmt: Fmt,
    name: str,
    unit: str,
) -> ChartModel:

    def point(period: str, value: float, set_date: str = "") -> ChartPoint:
        return ChartPoint(
            x=parse_period(period).end.isoformat(),
            value=value,
            value_text=fmt(value),
            period_label=i18n.format_period(period, lang),
            set_date=set_date,
            period=period,
        )

    series = progress.series
    baseline = (
        point(progress.baseline.period, progress.baseline.value) if progress.baseline else None
    )
    target_in_force = (
        point(progress.target.period, progress.target.value) if progress.target else None
    )
    path = (baseline, target_in_force) if baseline and target_in_force else ()
    targets = tuple(
        point(t.period, t.value, i18n.format_date(t.set, lang))
        for t in progress.targets
        if not t.superseded
    )
    superseded = tuple(
        point(t.period, t.value, i18n.format_date(t.set, lang))
        for t in progress.targets
        if t.superseded
    )
    shown = [(p.period, p.value) for p in series if p.value is not None]
    summary = _series_summary(shown, name, lang, texts, fmt, indicator.measure, unit)
    first = next((p for p in series if p.value is not None), None)
    breaks = [p for p in series if p.obs_status == "B" and first is not None and p.end > first.end]
    if breaks and len(shown) > 1:
        # No change across a break in series: the sentence says why it gives none.
        last_period, last = shown[-1]
        summary = texts["chart_summary_break"].format(
            name=name,
            count=spelled(len(shown), lang),
            last=with_unit(fmt(last), indicator.measure, unit, lang),
            last_period=i18n.format_period(last_period, lang),
            break_period=i18n.format_period(breaks[-1].period, lang),
        )
    if target_in_force:
        summary += " " + texts["chart_summary_target"].format(
            target=with_unit(target_in_force.value_text, indicator.measure, unit, lang),
            period=target_in_force.period_label,
        )
    if superseded:
        items = ", ".join(
            f"{s.value_text} ({s.period_label}, {texts['set_on'].format(date=s.set_date)})"
            for s in superseded
        )
        summary += " " + texts["chart_summary_superseded"].format(items=items)
    return ChartModel(
        div_id=f"chart-{slug(indicator.id)}",
        title=name,
        periods=tuple(i18n.format_period(p.period, lang) for p in series),
        x=tuple(p.end.isoformat() for p in series),
        values=tuple(p.value for p in series),
        value_texts=tuple(
            fmt(p.value) if p.value is not None else texts["missing_value"] for p in series
        ),
        obs_status=tuple(p.obs_status for p in series),
        lower=tuple(p.lower for p in series),
        upper=tuple(p.upper for p in series),
        baseline=baseline,
        target_path=path,
        targets=targets,
        superseded=superseded,
        labels=ChartLabels(
            actual=texts["legend_actual"],
            provisional=texts["legend_provisional"],
            interval=texts["legend_interval"],
            baseline=texts["legend_baseline"],
            target_path=texts["legend_target_path"],
            target=texts["legend_target"],
            superseded=texts["legend_superseded"],
            y_axis=unit,
            colon=texts["colon"],
        ),
        decimals=indicator.decimals if indicator.decimals is not None else 2,
        alt_text=texts["chart_alt"].format(name=name, count=spelled(len(shown), lang)),
        summary=summary,
        period_codes=tuple(p.period for p in series),
    )


def _series_summary(
    shown: list[tuple[str, float]],
    name: str,
    lang: str,
    texts: dict[str, str],
    fmt: Fmt,
    measure: str,
    unit: str,
) -> str:
    """One sentence on the measured values: the only one, or first, last and the direction."""
    if not shown:
        return texts["chart_summary_none"].format(name=name)

    def quantity(value: float) -> str:
        return with_unit(fmt(value), measure, unit, lang)

    (first_period, first), (last_period, last) = shown[0], shown[-1]
    if len(shown) == 1:
        return texts["chart_summary_one"].format(
            name=name, value=quantity(last), period=i18n.format_period(last_period, lang)
        )
    # Equal as shown counts as the same, so the sentence never says "up from 67 to 67".
    trend = "same" if fmt(first) == fmt(last) else "up" if last > first else "down"
    return texts[f"chart_summary_{trend}"].format(
        name=name,
        count=spelled(len(shown), lang),
        first=quantity(first),
        first_period=i18n.format_period(first_period, lang),
        last=quantity(last),
        last_period=i18n.format_period(last_period, lang),
    )


def _target_row(entry: TargetEntry, lang: str, texts: dict[str, str], fmt: Fmt) -> TargetRow:
    state = "in_force" if entry.in_force else "superseded" if entry.superseded else "other"
    return TargetRow(
        period=entry.period,
        period_label=i18n.format_period(entry.period, lang),
        value=fmt(entry.value),
        set_date=i18n.format_date(entry.set, lang),
        set_iso=entry.set.isoformat(),
        reason=local_text(entry.reason, lang),
        state=state,
        state_label=texts[f"target_{state}"],
    )
