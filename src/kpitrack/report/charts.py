"""Indicator charts (plotly), the same figure for the HTML report and the Word report's PNGs.

A chart shows only the totals in :class:`ChartModel`; breakdown cells never reach a chart, so
small counts cannot leak through a hover label. Provisional and estimated points differ by marker
shape (not only colour); superseded targets are hollow grey diamonds with their set date.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kpitrack.report.model import ChartModel

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

# Okabe-Ito inspired, dark enough for 3:1 against white (WCAG non-text contrast).
ACTUAL = "#0b4f8a"
PROVISIONAL = "#9a4a00"
TARGET = "#1a6b32"
BASELINE = "#3d3d3d"
SUPERSEDED = "#767676"
FONT = "DejaVu Sans, Arial, sans-serif"


def figure(chart: ChartModel, lang: str) -> Figure:
    """The plotly Figure of an indicator chart (validated; use for image export)."""
    import plotly.graph_objects as go

    fig = go.Figure(figure_dict(chart, lang))
    # The plain template keeps our own colours and keeps each embedded figure small.
    fig.update_layout(template="none")
    return fig


def figure_dict(chart: ChartModel, lang: str) -> dict[str, Any]:
    """The figure as a plain dict (fast path for HTML: plotly need not validate 300 figures)."""
    labels = chart.labels
    data: list[dict[str, Any]] = []
    hover = [
        f"{period}: {text}" + (f" ({status})" if status in ("P", "E") else "")
        for period, text, status in zip(
            chart.periods, chart.value_texts, chart.obs_status, strict=True
        )
    ]
    symbols = [_symbol(s) for s in chart.obs_status]
    colours = [PROVISIONAL if s in ("P", "E") else ACTUAL for s in chart.obs_status]
    # A period without a value breaks the line: a line across it would suggest a figure.
    order = _with_gaps(chart)
    actual: dict[str, Any] = {
        "type": "scatter",
        "x": [chart.x[i] if i >= 0 else _gap_x(chart, -i - 1) for i in order],
        "y": _pick(chart.values, order),
        "mode": "lines+markers",
        "name": labels.actual,
        "line": {"color": ACTUAL, "width": 2},
        "marker": {
            "symbol": _pick(symbols, order, "circle"),
            "size": 9,
            "color": _pick(colours, order, ACTUAL),
            "line": {"color": _pick(colours, order, ACTUAL), "width": 2},
        },
        "text": _pick(hover, order, ""),
        "hovertemplate": "%{text}<extra></extra>",
        "connectgaps": False,
    }
    data.append(actual)
    if any(
        lo is not None and hi is not None for lo, hi in zip(chart.lower, chart.upper, strict=True)
    ):
        # Error bars, not a band: they also show the interval of a single point.
        upper = [_gap(hi, v) for v, hi in zip(chart.values, chart.upper, strict=True)]
        lower = [_gap(v, lo) for v, lo in zip(chart.values, chart.lower, strict=True)]
        actual["error_y"] = {
            "type": "data",
            "symmetric": False,
            "array": _pick(upper, order),
            "arrayminus": _pick(lower, order),
            "color": ACTUAL,
            "thickness": 1.5,
            "width": 6,
        }
    if any(s in ("P", "E") for s in chart.obs_status):
        # A legend entry for the open markers; the points themselves sit on the main trace.
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": labels.provisional,
                "marker": {"symbol": "circle-open", "size": 9, "color": PROVISIONAL},
                "hoverinfo": "skip",
            }
        )
    if chart.baseline is not None:
        b = chart.baseline
        data.append(
            {
                "type": "scatter",
                "x": [b.x],
                "y": [b.value],
                "mode": "markers",
                "name": labels.baseline,
                "marker": {"symbol": "square", "size": 10, "color": BASELINE},
                "text": [f"{labels.baseline} {b.period_label}: {b.value_text}"],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    if chart.target_path:
        data.append(
            {
                "type": "scatter",
                "x": [p.x for p in chart.target_path],
                "y": [p.value for p in chart.target_path],
                "mode": "lines",
                "name": labels.target_path,
                "line": {"color": TARGET, "dash": "dash", "width": 2},
                "hoverinfo": "skip",
            }
        )
    if chart.targets:
        data.append(
            {
                "type": "scatter",
                "x": [t.x for t in chart.targets],
                "y": [t.value for t in chart.targets],
                "mode": "markers",
                "name": labels.target,
                "marker": {"symbol": "star", "size": 13, "color": TARGET},
                "text": [
                    f"{labels.target} {t.period_label}: {t.value_text} ({t.set_date})"
                    for t in chart.targets
                ],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    if chart.superseded:
        data.append(
            {
                "type": "scatter",
                "x": [t.x for t in chart.superseded],
                "y": [t.value for t in chart.superseded],
                "mode": "markers",
                "name": labels.superseded,
                "marker": {
                    "symbol": "diamond-open",
                    "size": 11,
                    "color": SUPERSEDED,
                    "line": {"width": 2},
                },
                "text": [
                    f"{labels.superseded} {t.period_label}: {t.value_text} ({t.set_date})"
                    for t in chart.superseded
                ],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    # Points sit at period ends; ticks there, labelled with the period in words as in the
    # tables ("1e halfjaar 2024", not the code "2024-H1"), avoid a 2020 value appearing above a
    # "2021" tick.
    ticks = {x: _tick(label) for x, label in zip(chart.x, chart.periods, strict=True)}
    for marked in (chart.baseline, *chart.targets, *chart.superseded):
        if marked is not None:
            ticks.setdefault(marked.x, _tick(marked.period_label))
    tickvals = sorted(ticks)
    if len(tickvals) > 12:  # monthly series: keep a readable number of labels
        step = -(-len(tickvals) // 12)
        tickvals = tickvals[::step]
    separators = ",." if lang == "nl" else ".,"
    layout: dict[str, Any] = {
        "separators": separators,
        "font": {"family": FONT, "size": 13, "color": "#1f1f1f"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "margin": {"l": 60, "r": 20, "t": 20, "b": 40},
        "height": 340,
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.15},
        "hovermode": "closest",
        "xaxis": {
            "type": "date",
            "showgrid": False,
            "linecolor": "#595959",
            "tickmode": "array",
            "tickvals": tickvals,
            "ticktext": [ticks[x] for x in tickvals],
            "fixedrange": True,
        },
        "yaxis": {
            "title": {"text": labels.y_axis},
            "gridcolor": "#d9d9d9",
            "zeroline": False,
            "linecolor": "#595959",
            "rangemode": "tozero",
            "tickformat": f",.{chart.decimals if chart.decimals <= 2 else 2}~f",
            "fixedrange": True,
        },
    }
    return {"data": data, "layout": layout}


def _tick(label: str) -> str:
    # "1e halfjaar 2024" on two lines (words, then the year) keeps a dozen ticks readable.
    head, _, year = label.rpartition(" ")
    return f"{head}<br>{year}" if head and year.isdigit() else label


def _with_gaps(chart: ChartModel) -> list[int]:
    """Indexes of the chart's points; ``-(i + 1)`` marks a missing period after point ``i``."""
    order: list[int] = []
    codes = chart.period_codes
    for index in range(len(chart.x)):
        if (
            index
            and len(codes) == len(chart.x)
            and _missing_between(codes[index - 1], codes[index])
        ):
            order.append(-index)  # a gap after point index - 1
        order.append(index)
    return order


def _missing_between(earlier: str, later: str) -> bool:
    from kpitrack.core.periods import parse_period

    try:
        first, second = parse_period(earlier), parse_period(later)
    except ValueError:
        return False
    return (second.start - first.end).days > 1


def _gap_x(chart: ChartModel, index: int) -> str:
    # The gap sits just after the period before it; any x between the two points breaks the line.
    from datetime import date, timedelta

    return (date.fromisoformat(chart.x[index]) + timedelta(days=1)).isoformat()


def _pick(values: Sequence[Any], order: list[int], gap: Any = None) -> list[Any]:
    return [values[i] if i >= 0 else gap for i in order]


def _gap(high: float | None, low: float | None) -> float | None:
    return None if high is None or low is None else high - low


def _symbol(obs_status: str) -> str:
    # Shape carries the meaning (colour alone is not enough): open markers are not final.
    return {"P": "circle-open", "E": "diamond-open", "B": "triangle-up"}.get(obs_status, "circle")
