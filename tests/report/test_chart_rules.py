"""The HTML charts' reading rules, checked on the figure dicts plotly draws from.

A single point is a marker, not a line; the legend lists only what the chart draws; the axes
make room for their titles and tick labels; the x axis names at most six periods, by their
codes, always the latest, and never two so close that their labels would touch.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from docx_builders import make_chart

from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model
from kpitrack.report.charts import MAX_TICK_LABELS, figure_dict
from kpitrack.report.model import ChartModel
from kpitrack.workspace import load_workspace

EXAMPLE = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example_charts() -> list[ChartModel]:
    workspace = load_workspace(EXAMPLE)
    charts: list[ChartModel] = []
    for as_of in (date(2020, 12, 31), date(2022, 12, 31)):
        model = build_report_model(workspace, compute_progress(workspace, as_of), "nl")
        charts += [i.chart for line in model.action_lines for i in line.indicators]
    return charts


def drawn(trace: dict[str, Any]) -> bool:
    """Whether a trace puts anything on the chart: a visible marker or a line segment."""
    ys = trace["y"]
    points = [y is not None for y in ys]
    mode = trace.get("mode", "")
    if "lines" in mode and any(a and b for a, b in pairwise(points)):
        return True
    if "markers" not in mode:
        return False
    sizes = trace.get("marker", {}).get("size", 1)
    sizes = sizes if isinstance(sizes, list) else [sizes] * len(ys)
    return any(shown and size > 0 for shown, size in zip(points, sizes, strict=True))


def legend(figure: dict[str, Any]) -> list[str]:
    return [t["name"] for t in figure["data"] if t.get("showlegend", True)]


def labelled(figure: dict[str, Any]) -> list[tuple[str, str]]:
    axis = figure["layout"]["xaxis"]
    return [(x, text) for x, text in zip(axis["tickvals"], axis["ticktext"], strict=True) if text]


# --- a single point ---------------------------------------------------------------------------


def test_a_single_point_is_a_marker_not_a_line() -> None:
    figure = figure_dict(make_chart([("2019", 350, "A", None, None)]), "nl")
    actual = figure["data"][0]
    assert actual["mode"] == "markers"
    assert legend(figure) == ["Gemeten"]


def test_points_apart_by_a_gap_are_markers_too() -> None:
    # 2017 and 2019 without 2018: the line breaks, so nothing joins the two points.
    chart = make_chart([("2017", 10, "A", None, None), ("2019", 12, "A", None, None)])
    assert figure_dict(chart, "nl")["data"][0]["mode"] == "markers"


def test_a_series_is_a_line_with_markers() -> None:
    chart = make_chart([("2018", 10, "A", None, None), ("2019", 12, "A", None, None)])
    assert figure_dict(chart, "nl")["data"][0]["mode"] == "lines+markers"


# --- the legend -------------------------------------------------------------------------------


def test_a_lone_estimate_is_in_the_legend_as_an_estimate_only() -> None:
    # The Global Slavery Index: one estimated figure. "Measured" would name nothing drawn.
    chart = make_chart([("2018", 30000, "E", 20000, 40000)])
    figure = figure_dict(chart, "nl")
    assert legend(figure) == ["Voorlopig"]
    estimate = figure["data"][1]
    assert estimate["marker"]["symbol"] == ["diamond-open"]
    assert figure["data"][0]["error_y"]["array"] == [10000]  # the interval is still drawn


def test_no_values_no_measured_entry() -> None:
    chart = make_chart([], targets=[("2022", 100)])
    figure = figure_dict(chart, "nl")
    assert legend(figure) == ["Doel"]


def test_provisional_points_have_their_own_trace_on_the_line() -> None:
    chart = make_chart(
        [("2019", 145, "A", None, None), ("2020", 160, "P", None, None)],
        baseline=("2019", 145),
        targets=[("2022", 240)],
    )
    figure = figure_dict(chart, "nl")
    actual, provisional = figure["data"][:2]
    assert actual["mode"] == "lines+markers"  # the line runs on to the provisional figure
    assert actual["marker"]["size"] == [9, 0]  # which the open marker shows, not this trace
    assert provisional["x"] == [actual["x"][1]] and provisional["y"] == [160]
    assert legend(figure) == ["Gemeten", "Voorlopig", "Nulmeting", "Pad", "Doel"]


def test_every_legend_entry_of_the_example_is_drawn(example_charts: list[ChartModel]) -> None:
    assert len(example_charts) >= 20
    for chart in example_charts:
        figure = figure_dict(chart, "nl")
        listed = [t for t in figure["data"] if t.get("showlegend", True)]
        assert all(drawn(t) for t in listed), chart.div_id
        # ... and everything drawn that has a name is listed.
        assert {t["name"] for t in figure["data"] if drawn(t)} == {t["name"] for t in listed}


def test_legend_symbols_have_one_size_and_sit_above_the_plot() -> None:
    layout = figure_dict(make_chart([("2019", 1, "A", None, None)]), "nl")["layout"]
    assert layout["legend"]["itemsizing"] == "constant"
    assert layout["legend"]["y"] >= 1 and layout["legend"]["yanchor"] == "bottom"


# --- axes -------------------------------------------------------------------------------------


def test_axes_make_room_for_their_titles_and_labels() -> None:
    layout = figure_dict(make_chart([("2019", 1, "A", None, None)]), "nl")["layout"]
    assert layout["yaxis"]["automargin"] is True and layout["xaxis"]["automargin"] is True
    assert layout["yaxis"]["title"]["standoff"] > 0
    assert layout["xaxis"]["tickangle"] == 0  # labels are spaced out, never tilted


def test_quarterly_ticks_are_codes_with_the_year_once() -> None:
    quarters = [f"{y}-Q{q}" for y in (2021, 2022) for q in (1, 2, 3, 4)]
    chart = make_chart([(p, 10 + i, "A", None, None) for i, p in enumerate(quarters)])
    ticks = labelled(figure_dict(chart, "nl"))
    assert [t for _, t in ticks] == ["Q2<br>2021", "Q4", "Q2<br>2022", "Q4"]
    assert len(figure_dict(chart, "nl")["layout"]["xaxis"]["tickvals"]) == 8  # a mark each


@pytest.mark.parametrize(
    ("codes", "most"),
    [
        ([f"{y}-{m:02d}" for y in (2021, 2022) for m in range(1, 13)], 6),  # 24 months
        ([f"{y}-Q{q}" for y in range(2015, 2023) for q in (1, 2, 3, 4)], 6),  # 32 quarters
        ([str(y) for y in range(2000, 2023)], 6),  # 23 years
        ([f"{y}-H{h}" for y in range(2019, 2023) for h in (1, 2)], 4),  # 8 half-years
    ],
)
def test_long_series_name_at_most_six_periods_the_latest_always(
    codes: list[str], most: int
) -> None:
    chart = make_chart([(p, float(i), "A", None, None) for i, p in enumerate(codes)])
    figure = figure_dict(chart, "nl")
    ticks = labelled(figure)
    assert 2 <= len(ticks) <= min(most, MAX_TICK_LABELS)
    assert ticks[-1][0] == chart.x[-1]  # the latest period is named
    year, _, within = codes[-1].partition("-")
    assert ticks[-1][1] in (within or year, f"{within}<br>{year}")
    # Evenly spaced: the same number of periods between each two labels.
    axis = figure["layout"]["xaxis"]
    positions = [axis["tickvals"].index(x) for x, _ in ticks]
    assert len({b - a for a, b in pairwise(positions)}) == 1


def test_labels_close_in_time_are_thinned(example_charts: list[ChartModel]) -> None:
    # WODC estimates of 2014, 2015 and 2021: 2014 and 2015 would touch on a phone.
    chart = make_chart(
        [("2014", 6250, "A", None, None), ("2015", 6250, "E", None, None),
         ("2021", 5000, "B", None, None)]
    )  # fmt: skip
    assert [t for _, t in labelled(figure_dict(chart, "nl"))] == ["2015", "2021"]
    for chart in example_charts:
        ticks = labelled(figure_dict(chart, "nl"))
        days = [date.fromisoformat(x[:10]).toordinal() for x, _ in ticks]
        every = figure_dict(chart, "nl")["layout"]["xaxis"]["tickvals"]
        if len(every) < 2:
            continue
        span = (
            date.fromisoformat(every[-1][:10]).toordinal()
            - date.fromisoformat(every[0][:10]).toordinal()
        )
        gaps = [b - a for a, b in pairwise(days)]
        assert all(gap >= span / MAX_TICK_LABELS for gap in gaps), chart.div_id
