"""A period without a value breaks a chart's line instead of bridging it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model
from kpitrack.report.charts import figure_dict
from kpitrack.report.model import IndicatorSection, ReportModel
from kpitrack.workspace import load_workspace

EXAMPLE = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model() -> ReportModel:
    workspace = load_workspace(EXAMPLE)
    return build_report_model(workspace, compute_progress(workspace, date(2022, 12, 31)), "en")


def section(model: ReportModel, indicator_id: str) -> IndicatorSection:
    return next(i for line in model.action_lines for i in line.indicators if i.id == indicator_id)


def test_missing_year_breaks_the_line(model: ReportModel) -> None:
    chart = section(model, "comensha-registraties").chart
    assert "2018" not in chart.period_codes  # CoMensha published no 2018 figure
    actual = figure_dict(chart, "en")["data"][0]
    y, x = actual["y"], actual["x"]
    gap = y.index(None)
    assert y.count(None) == 1
    assert x[gap - 1] < x[gap] < x[gap + 1]
    assert x[gap - 1].startswith("2017") and x[gap + 1].startswith("2019")
    assert actual["connectgaps"] is False
    # Every trace array stays aligned with the points.
    assert len(actual["text"]) == len(actual["marker"]["symbol"]) == len(y) == len(x)


def test_consecutive_periods_have_no_gap(model: ReportModel) -> None:
    chart = section(model, "veroordelingen").chart
    assert chart.period_codes == ("2012", "2013", "2014", "2015", "2016")
    assert None not in figure_dict(chart, "en")["data"][0]["y"]
