"""Indicator charts (plotly), the same figure for the HTML report and the Word report's PNGs.

A chart shows only the totals in :class:`ChartModel`; breakdown cells never reach a chart, so
small counts cannot leak through a hover label. Provisional and estimated points differ by marker
shape (not only colour); superseded targets are hollow grey diamonds with their set date.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from kpitrack.i18n.formatting import number_separators
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
    """The figure as a plain dict (fast path for HTML: plotly need not validate 300 figures).

    Rules a reader relies on: the legend lists only what the chart draws; a series of one point
    is a marker, not a line; provisional and estimated points are open markers with their own
    legend entry; the axes leave room for their titles and tick labels (no overlap), and the
    x axis labels at most :data:`MAX_TICK_LABELS` periods, by their codes.
    """
    labels = chart.labels
    data: list[dict[str, Any]] = []
    hover = [
        f"{period}{labels.colon} {text}" + (f" ({status})" if status in ("P", "E") else "")
        for period, text, status in zip(
            chart.periods, chart.value_texts, chart.obs_status, strict=True
        )
    ]
    # A period without a value breaks the line: a line across it would suggest a figure.
    order = _with_gaps(chart)
    values = _pick(chart.values, order)
    final = [
        i >= 0 and chart.values[i] is not None and chart.obs_status[i] not in ("P", "E")
        for i in order
    ]
    open_points = [
        i >= 0 and chart.values[i] is not None and chart.obs_status[i] in ("P", "E") for i in order
    ]
    # A line needs two neighbouring points; the final figures' own markers need one.
    joined = any(a is not None and b is not None for a, b in pairwise(values))
    actual: dict[str, Any] = {
        "type": "scatter",
        "x": [chart.x[i] if i >= 0 else _gap_x(chart, -i - 1) for i in order],
        "y": values,
        "mode": "lines+markers" if joined else "markers",
        "name": labels.actual,
        "showlegend": joined or any(final),
        "line": {"color": ACTUAL, "width": 2},
        "marker": {
            # Provisional points get their open marker from the trace below; here they are
            # only a point the line passes through.
            "symbol": _pick([_symbol(s) for s in chart.obs_status], order, "circle"),
            "size": [9 if shown else 0 for shown in final],
            "color": ACTUAL,
            "line": {"color": ACTUAL, "width": [2 if shown else 0 for shown in final]},
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
    if any(open_points):
        # Provisional and estimated figures: open markers (shape, not only colour), drawn on
        # top of the line, with their own legend entry.
        shown = [k for k, is_open in enumerate(open_points) if is_open]
        data.append(
            {
                "type": "scatter",
                "x": [actual["x"][k] for k in shown],
                "y": [values[k] for k in shown],
                "mode": "markers",
                "name": labels.provisional,
                "marker": {
                    "symbol": [actual["marker"]["symbol"][k] for k in shown],
                    "size": 10,
                    "color": PROVISIONAL,
                    "line": {"color": PROVISIONAL, "width": 2},
                },
                "text": [actual["text"][k] for k in shown],
                "hovertemplate": "%{text}<extra></extra>",
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
                "text": [f"{labels.baseline} {b.period_label}{labels.colon} {b.value_text}"],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    if len(chart.target_path) >= 2:
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
                    f"{labels.target} {t.period_label}{labels.colon} {t.value_text} ({t.set_date})"
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
                    f"{labels.superseded} {t.period_label}{labels.colon} {t.value_text} "
                    f"({t.set_date})"
                    for t in chart.superseded
                ],
                "hovertemplate": "%{text}<extra></extra>",
            }
        )
    tickvals, ticktext = x_ticks(chart)
    separators = number_separators(lang)
    layout: dict[str, Any] = {
        "separators": separators,
        "font": {"family": FONT, "size": 13, "color": "#1f1f1f"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        # Small fixed margins; automargin on both axes grows them to fit the tick labels and
        # axis titles, and the legend above the plot reserves its own room.
        "margin": {"l": 10, "r": 20, "t": 10, "b": 10},
        "height": 340,
        "showlegend": True,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            # Legend symbols at one size, whatever the sizes of the points they stand for.
            "itemsizing": "constant",
        },
        "hovermode": "closest",
        "xaxis": {
            "type": "date",
            "showgrid": False,
            "linecolor": "#595959",
            "tickmode": "array",
            "tickvals": tickvals,
            "ticktext": ticktext,
            "ticks": "outside",
            "ticklen": 4,
            "tickcolor": "#595959",
            "tickangle": 0,
            "automargin": True,
            "fixedrange": True,
        },
        "yaxis": {
            "title": {"text": labels.y_axis, "standoff": 10},
            "gridcolor": "#d9d9d9",
            "zeroline": False,
            "linecolor": "#595959",
            "rangemode": "tozero",
            "tickformat": f",.{chart.decimals if chart.decimals <= 2 else 2}~f",
            "automargin": True,
            "fixedrange": True,
        },
    }
    return {"data": data, "layout": layout}


# Labels a 390 px wide screen fits side by side at 13 px; the other periods keep a tick mark.
MAX_TICK_LABELS = 6
_NICE_STEPS = (1, 2, 4, 6, 12, 24, 48, 96)


def x_ticks(chart: ChartModel) -> tuple[list[str], list[str]]:
    """Tick positions (every period drawn, at its end date) and their labels.

    Labels are period codes: a year as ``2022``, a shorter period as its code within the year
    over the year (``Q3<br>2022``), the year only on the first label of each year. At most
    :data:`MAX_TICK_LABELS` ticks are labelled: every first, second, fourth... tick counted back
    from the last, so the latest period is always named, and none closer in time to the next
    label than a :data:`MAX_TICK_LABELS`-th of the axis (irregular series). The other ticks keep
    an unlabelled tick mark.
    """
    from datetime import date

    codes: dict[str, str] = {}
    if len(chart.period_codes) == len(chart.x):
        codes.update(zip(chart.x, chart.period_codes, strict=True))
    else:  # a model without codes: fall back to the labels in words
        codes.update(zip(chart.x, chart.periods, strict=True))
    for marked in (chart.baseline, *chart.targets, *chart.superseded):
        if marked is not None:
            codes.setdefault(marked.x, marked.period or marked.period_label)
    tickvals = sorted(codes)
    if not tickvals:
        return [], []
    days = [date.fromisoformat(x[:10]).toordinal() for x in tickvals]
    step = next(s for s in _NICE_STEPS if -(-len(tickvals) // s) <= MAX_TICK_LABELS)
    min_gap = (days[-1] - days[0]) / MAX_TICK_LABELS
    labelled: set[int] = set()
    right = None
    for index in range(len(tickvals) - 1, -1, -1):
        if (len(tickvals) - 1 - index) % step:
            continue
        if right is not None and right - days[index] < min_gap:
            continue
        labelled.add(index)
        right = days[index]
    ticktext: list[str] = []
    previous_year = ""
    for index, x in enumerate(tickvals):
        if index not in labelled:
            ticktext.append("")
            continue
        year, _, within = codes[x].partition("-")
        if not within or not year.isdigit():
            ticktext.append(codes[x])
        else:
            ticktext.append(within if year == previous_year else f"{within}<br>{year}")
        previous_year = year
    return tickvals, ticktext


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
