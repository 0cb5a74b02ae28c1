"""One indicator's part of the Word report: status, chart, value table, facts and targets.

Used by :mod:`kpitrack.report.docx_body`; imports python-docx (through
:mod:`kpitrack.report.docx_blocks`) at module level, so import it lazily.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.shared import Cm, Pt

from kpitrack.report.docx_blocks import Blocks
from kpitrack.report.docx_text import clean_text
from kpitrack.report.model import IndicatorSection


def write_indicator(w: Blocks, ind: IndicatorSection) -> None:
    """One indicator: status with explanation, chart, values, facts, targets, breakdown.

    The verdict comes first, so the chart and the figures read as its evidence.
    """
    w.heading(ind.name, 3)
    status = w.para("")
    # The verdict stays on the page of its chart (the chart keeps with its caption).
    status.paragraph_format.keep_with_next = True
    status.add_run(clean_text(f"{w.label('status')}{w.label('colon')} ")).bold = True
    w.status_run(status, ind.status)
    if ind.flags:
        flags = ", ".join(flag.label for flag in ind.flags)
        status.add_run(clean_text(f" ({w.label('flags').lower()}{w.label('colon')} {flags})"))
    explanation = w.para(ind.explanation)
    explanation.paragraph_format.keep_with_next = True
    explanation.paragraph_format.keep_together = True
    for text in (ind.target_verdicts, ind.since_previous, ind.forecast, ind.next_expected):
        if text:
            paragraph = w.para(text)
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.keep_together = True
            if text is ind.next_expected and ind.next_late:
                for run in paragraph.runs:
                    run.bold = True
    _chart(w, ind)
    _values(w, ind)
    facts = [
        ("ratio", ind.ratio),
        ("baseline", " ".join(t for t in (ind.baseline, ind.baseline_note) if t)),
        ("latest", ind.latest),
        ("target", ind.target),
        ("definition", ind.definition),
        ("measure", _measure(ind)),
        ("direction", ind.direction_label),
        ("source", ind.source),
        ("data_owner", ind.owner),
        ("caveats", ind.caveats),
    ]
    for key, value in facts:
        if value:
            w.labelled(w.label(key), value).paragraph_format.keep_together = True
    if ind.targets:
        headers = [w.label(k) for k in ("col_period", "col_target", "col_set")]
        headers += [w.label("col_target_state"), w.label("col_reason")]
        body = [[t.period_label, t.value, t.set_date, t.state_label, t.reason] for t in ind.targets]
        caption = w.label("targets_caption").replace("{name}", ind.name)
        w.table(
            f"{caption} ({ind.unit})" if ind.unit else caption,
            headers,
            body,
            numeric=(1,),
            nowrap=(0, 2, 3),
        )
    if ind.breakdown is not None:
        bd = ind.breakdown
        n = len(bd.headers)
        body = [[*row.codes, " ".join((row.value, *row.marks))] for row in bd.rows]
        w.table(bd.caption, list(bd.headers), body, numeric=(n - 1,))
        if bd.note:
            w.para(bd.note, "Caption")
    if ind.commentary is not None:
        w.labelled(w.label("commentary"), "").paragraph_format.keep_with_next = True
        w.commentary(ind.commentary)


def _measure(ind: IndicatorSection) -> str:
    """The kind of measure, with the unit only where no figure or caption shows it already."""
    shown = bool(ind.values) or any(
        ind.unit in figure for figure in (ind.baseline, ind.latest, ind.target) if figure
    )
    if not ind.unit or shown:
        return ind.measure_label
    return f"{ind.measure_label} ({ind.unit})"


def _chart(w: Blocks, ind: IndicatorSection) -> None:
    if not w.chart(ind.chart):
        return  # nothing to draw: the value table says there are no values yet
    w.figures += 1
    w.caption(f"{w.label('figure_label')} {w.figures}. {ind.chart.title}")
    if ind.chart.summary:
        w.para(ind.chart.summary)


def _values(w: Blocks, ind: IndicatorSection) -> None:
    if not ind.values:  # the source and caveats still get their footnotes
        w.footnotes(w.para(w.label("no_values")), ind.footnotes)
        return
    # A figure's own source: a letter beside the value, explained under the table (as in HTML).
    sourced = bool(ind.figure_sources)
    keys = ("col_period", "col_value", *(("source",) if sourced else ()), "col_obs_status")
    headers = [w.label(k) for k in (*keys, "col_interval", "col_note")]
    body: list[list[str]] = []
    row_notes: list[Sequence[int]] = []
    for row in ind.values:
        note = "; ".join(t for t in (row.revised_text, row.note) if t)
        if row.partial:
            note = "; ".join(t for t in (note, w.label("partial")) if t)
        value = " ".join((row.value, *row.marks))
        mark = [row.source_mark] if sourced else []
        body.append([row.period_label, value, *mark, row.obs_status_label, row.interval, note])
        row_notes.append([n for n in row.footnotes if n not in ind.footnotes])
    caption = f"{ind.values_caption} ({ind.unit})" if ind.unit else ind.values_caption
    shift = 1 if sourced else 0
    table = w.table(
        caption,
        headers,
        body,
        notes=ind.footnotes,
        numeric=(1, 3 + shift),
        nowrap=(0, 2 + shift, *((2,) if sourced else ())),
        keep_with_next=sourced,  # the letters' sources under the table stay with it
    )
    for row, numbers in zip(table.rows[1:], row_notes, strict=True):
        w.footnotes(row.cells[0].paragraphs[0], numbers)
    if sourced:
        _figure_sources(w, ind)


def _figure_sources(w: Blocks, ind: IndicatorSection) -> None:
    """The letters of the source column, each with its source, right under the table."""
    heading = w.para(w.label("figure_sources"), "Caption")
    heading.paragraph_format.keep_with_next = True
    heading.runs[0].bold = True
    heading.paragraph_format.space_after = Pt(2)
    last = len(ind.figure_sources) - 1
    for index, source in enumerate(ind.figure_sources):
        paragraph = w.para("", "Caption")
        paragraph.add_run(clean_text(source.mark)).bold = True
        paragraph.add_run(clean_text(f"\t{source.text}"))
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(0.6)
        fmt.first_line_indent = Cm(-0.6)
        fmt.tab_stops.add_tab_stop(Cm(0.6))
        fmt.keep_with_next = index < last
        if index < last:  # one list: its items close together
            fmt.space_after = Pt(2)
