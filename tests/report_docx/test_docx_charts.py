"""Native Word charts: the values the engine computed, and what each kind of series looks like."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from chart_parts import Chart, parse_chart, read_charts
from docx_builders import make_chart, with_chart
from lxml import etree

from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import write_reports
from kpitrack.report.docx import render_docx
from kpitrack.report.docx_chart import plan_chart, value_axis
from kpitrack.report.docx_chart_xml import chart_space
from kpitrack.report.templates import TemplateSet
from kpitrack.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2022-12-31"


def chart_of(model_chart) -> Chart:
    return parse_chart(chart_space(plan_chart(model_chart), "nl-NL", "Arial"))


# --- the example workspace: the chart holds what the engine computed --------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Chart], dict, object]:
    out = tmp_path_factory.mktemp("example")
    (path,) = write_reports(
        ROOT, as_of=date.fromisoformat(AS_OF), lang="nl", formats=["docx"], out=out
    )
    command = [sys.executable, "-m", "kpitrack", "status", str(ROOT), "--as-of", AS_OF]
    status = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, check=True
    )
    workspace = load_workspace(ROOT)
    progress = compute_progress(workspace, date.fromisoformat(AS_OF))
    series = {p.id: p.series for p in progress.indicators}
    return read_charts(path), json.loads(status.stdout), (workspace, series)


def test_every_indicator_has_a_chart_with_the_engines_values(example) -> None:
    charts, status, (workspace, progress) = example
    by_title = {chart.title: chart for chart in charts}
    assert len(charts) == len(workspace.indicators)
    for entry in status["indicators"]:
        indicator = workspace.indicators[entry["id"]]
        chart = by_title[indicator.name["nl"]]
        series = progress[entry["id"]]
        measured = {p.period: p.value for p in series if p.value is not None}
        if measured:
            assert chart.named("Gemeten").values == pytest.approx(measured)
        else:
            assert "Gemeten" not in chart.legend
        latest = entry["latest"]
        if latest is not None:
            assert chart.named("Gemeten").values[latest["period"]] == latest["value"]
        if entry["baseline"] is not None:
            baseline = entry["baseline"]
            assert chart.named("Nulmeting").values == {baseline["period"]: baseline["value"]}
        if entry["target"] is not None:
            target = entry["target"]
            assert chart.named("Streefwaarde").values[target["period"]] == target["value"]
            if entry["baseline"] is not None:  # the dashed path runs from baseline to target
                path = chart.named("Pad naar de streefwaarde")
                assert path.values[entry["baseline"]["period"]] == entry["baseline"]["value"]
                assert path.values[target["period"]] == target["value"]
        # Intervals as error bars: value + plus is the upper bound, value - minus the lower.
        for point in series:
            if point.lower is not None and point.upper is not None:
                measured_series = chart.named("Gemeten")
                value = measured_series.values[point.period]
                assert value + measured_series.plus[point.period] == pytest.approx(point.upper)
                assert value - measured_series.minus[point.period] == pytest.approx(point.lower)


def test_estimates_in_the_example_are_open_orange_diamonds(example) -> None:
    charts, _status, (workspace, progress) = example
    name = workspace.indicators["geschatte-slachtoffers"].name["nl"]
    (chart,) = [c for c in charts if c.title == name]
    estimated = [p.period for p in progress["geschatte-slachtoffers"] if p.obs_status == "E"]
    assert estimated
    open_series = chart.named("Voorlopig of geschat")
    assert sorted(open_series.values) == sorted(estimated)
    assert all(open_series.point_symbols[p] == "diamond" for p in estimated)
    # The measured line hides its own marker there, so only the open one shows.
    assert all(chart.named("Gemeten").point_symbols[p] == "none" for p in estimated)
    centre = [s for s in chart.series if not s.in_legend]
    assert [s.values for s in centre] == [open_series.values]


def test_chart_text_is_at_least_nine_points_and_has_alt_text(example) -> None:
    charts, *_ = example
    for chart in charts:
        root = etree.fromstring(chart.xml)
        sizes = [int(e.get("sz")) for e in root.iter() if e.get("sz") is not None]
        assert sizes and min(sizes) >= 900
        assert chart.description.startswith("Lijngrafiek van ")
        assert chart.title


# --- each kind of chart ------------------------------------------------------------------------


def test_a_single_point_is_a_marker_not_a_line() -> None:
    chart = chart_of(make_chart([("2021", 40, "A", None, None)]))
    assert chart.categories == ["2021"]
    (measured,) = chart.series
    assert measured.values == {"2021": 40}
    assert measured.symbol == "circle"
    assert not measured.line  # no line, so the legend's key is a marker as well
    assert chart.legend == ["Gemeten"]  # only what is drawn


def test_points_that_never_stand_side_by_side_have_no_line() -> None:
    apart = chart_of(make_chart([("2015", 10, "A", None, None), ("2017", 12, "A", None, None)]))
    assert not apart.named("Gemeten").line
    joined = chart_of(make_chart([("2015", 10, "A", None, None), ("2016", 12, "A", None, None)]))
    assert joined.named("Gemeten").line


def test_a_period_without_a_value_breaks_the_line() -> None:
    points = [("2015", 10, "A", None, None), ("2016", 12, "A", None, None)]
    points += [("2017", None, "M", None, None), ("2019", 15, "A", None, None)]
    chart = chart_of(make_chart(points))
    # 2018 has no row at all, 2017 a missing value: both are categories without a value.
    assert chart.categories == ["2015", "2016", "2017", "2018", "2019"]
    assert chart.named("Gemeten").values == {"2015": 10, "2016": 12, "2019": 15}
    root = etree.fromstring(chart.xml)
    blanks = root.find(".//{*}dispBlanksAs")
    assert blanks.get("val") == "gap"  # an empty cell is a break, not a bridge


def test_intervals_are_error_bars() -> None:
    points = [("2014", 6250, "E", 5000, 7500), ("2021", 5000, "A", 4000, 7000)]
    chart = chart_of(make_chart(points))
    measured = chart.named("Gemeten")
    assert measured.plus == {"2014": 1250, "2021": 2000}
    assert measured.minus == {"2014": 1250, "2021": 1000}
    assert chart.legend == ["Gemeten", "Voorlopig"]


def test_superseded_targets_are_open_grey_diamonds_beside_the_target_in_force() -> None:
    model = make_chart(
        [("2017", 110, "A", None, None), ("2019", 140, "P", None, None)],
        baseline=("2017", 110),
        targets=[("2022", 240)],
        superseded=[("2022", 190), ("2020", 170)],
    )
    chart = chart_of(model)
    assert chart.legend == ["Nulmeting", "Pad", "Gemeten", "Voorlopig", "Doel", "Oud"]
    assert chart.named("Doel").values == {"2022": 240}
    assert chart.named("Oud").values == {"2022": 190, "2020": 170}
    assert chart.named("Doel").symbol == chart.named("Oud").symbol == "diamond"
    centres = [s for s in chart.series if not s.in_legend]
    assert [s.values for s in centres] == [{"2019": 140}, {"2022": 190, "2020": 170}]
    # The path is straight: equal steps per year from the baseline to the target.
    path = chart.named("Pad").values
    assert [path[str(y)] for y in range(2017, 2023)] == pytest.approx(
        [110 + 26 * k for k in range(6)]
    )
    root = etree.fromstring(chart.xml)
    marker, centre = [
        {s.get("val") for s in ser.find("{*}marker").iter("{*}srgbClr")}
        for ser in root.iter("{*}ser")
        if ser.find("{*}tx//{*}v").text == "Oud"
    ]
    assert (marker, centre) == ({"767676"}, {"FFFFFF"})  # the HTML chart's grey, open


def test_quarterly_labels_are_period_codes_spread_to_stay_readable() -> None:
    codes = [f"{y}-Q{q}" for y in range(2015, 2025) for q in range(1, 5)]
    model = make_chart(
        [(c, float(i), "A", None, None) for i, c in enumerate(codes)], targets=[("2026", 60)]
    )
    plan = plan_chart(model)
    assert plan.categories[0] == "2015-Q1" and plan.categories[-1] == "2026-Q4"
    assert plan.categories.index("2026-Q4") == 47  # the annual target sits at its year's end
    assert plan.label_skip == 4  # the first quarter of every year, labelled with its year
    assert [label for label in plan.labels if label] == [str(y) for y in range(2015, 2027)]
    assert plan.labels[:5] == ("2015", "", "", "", "2016")


def test_monthly_labels_stay_readable() -> None:
    codes = [f"{y}-{m:02d}" for y in range(2015, 2025) for m in range(1, 13)]
    plan = plan_chart(make_chart([(c, 5.0, "A", None, None) for c in codes]))
    assert len(plan.categories) == 120
    assert plan.label_skip == 12
    assert [label for label in plan.labels if label] == [str(y) for y in range(2015, 2025)]


def test_half_years_are_each_labelled_when_they_fit() -> None:
    codes = [f"{y}-H{h}" for y in range(2019, 2023) for h in (1, 2)]
    plan = plan_chart(make_chart([(c, 5.0, "A", None, None) for c in codes]))
    assert plan.labels == plan.categories == tuple(codes)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([19, 35], (0, 40, 10, "#,##0")),
        ([43], (0, 50, 10, "#,##0")),
        ([0.2, 0.9], (0, 1, 0.2, "#,##0.0")),
        ([6250, 7500, 4000], (0, 8000, 2000, "#,##0")),
        ([-5, 12], (-5, 15, 5, "#,##0")),
        ([], (0, 1, 0.2, "#,##0.0")),
        ([100, 87], (0, 100, 20, "#,##0")),
    ],
)
def test_value_axis_has_round_steps_and_only_the_decimals_they_need(values, expected) -> None:
    axis = value_axis([float(v) for v in values])
    assert (axis.minimum, axis.maximum, axis.step, axis.number_format) == expected


def test_nothing_to_draw_means_no_chart(tmp_path: Path) -> None:
    out = tmp_path / "leeg.docx"
    render_docx(with_chart(make_chart([])), out, TemplateSet.for_workspace(None))
    assert read_charts(out) == []


def test_status_and_explanation_come_before_the_chart(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "volgorde.docx"
    model = with_chart(make_chart([("2021", 40, "A", None, None)]))
    render_docx(model, out, TemplateSet.for_workspace(None))
    body = docx.Document(str(out)).element.body
    blocks = [
        ("chart" if block.find(".//{*}chart") is not None else "")
        + "".join(t.text or "" for t in block.iter("{*}t"))
        for block in body
    ]
    status = next(i for i, b in enumerate(blocks) if b.startswith("Status: "))
    chart = next(i for i, b in enumerate(blocks) if b.startswith("chart"))
    assert blocks[status - 1] == "Grafiek"  # the heading, then the verdict
    assert blocks[status + 1].startswith("Verwacht was 40%")  # its explanation
    assert chart == status + 2


def test_a_long_annual_series_labels_every_other_year_and_keeps_every_value() -> None:
    values = {str(year): float(year - 1990) for year in range(1995, 2025)}
    model = make_chart([(p, v, "A", None, None) for p, v in values.items()])
    plan = plan_chart(model)
    assert plan.label_skip == 3
    assert [label for label in plan.labels if label] == [str(y) for y in range(1995, 2025, 3)]
    assert chart_of(model).named("Gemeten").values == values


def test_each_chart_embeds_a_workbook_with_the_cells_its_formulas_name(tmp_path: Path) -> None:
    """Word's "Edit data" opens the embedded workbook: every reference of the chart must find
    there the value the chart shows."""
    import io
    import re
    import zipfile

    import openpyxl

    model = make_chart(
        [("2014", 6250, "E", 5000, 7500), ("2016", 5600, "A", None, None)],
        baseline=("2014", 6250),
        targets=[("2022", 5000)],
        superseded=[("2022", 4500)],
    )
    out = tmp_path / "werkmap.docx"
    render_docx(with_chart(model), out, TemplateSet.for_workspace(None))
    (chart,) = read_charts(out)
    with zipfile.ZipFile(out) as z:
        rels = z.read("word/charts/_rels/chart1.xml.rels").decode()
        (target,) = re.findall(r'Target="\.\./(embeddings/[^"]+\.xlsx)"', rels)
        sheet = openpyxl.load_workbook(io.BytesIO(z.read(f"word/{target}")))["Sheet1"]
    root = etree.fromstring(chart.xml)
    assert root.find("{*}externalData") is not None
    checked = 0
    for ref in root.iter("{*}strRef", "{*}numRef"):
        formula = ref.find("{*}f").text
        first, _, last = formula.removeprefix("Sheet1!").replace("$", "").partition(":")
        values = [row[0].value for row in sheet[f"{first}:{last or first}"]]
        cache = {int(p.get("idx")): p.find("{*}v").text for p in ref.iter("{*}pt")}
        for index, value in enumerate(values):
            shown = cache.get(index)
            if shown in (None, ""):
                assert value is None
            elif ref.tag.endswith("numRef"):
                assert value == pytest.approx(float(shown))
            else:
                assert value == shown
            checked += 1
    assert checked > 50
