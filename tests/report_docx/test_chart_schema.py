"""Every chart part validates against the ECMA-376 DrawingML chart schema (dml-chart.xsd).

Word refuses to open a document whose chart part breaks its schema (wrong element order, a
missing required element); LibreOffice is more forgiving, so drawing there proves nothing.
The transitional schemas are vendored under schemas/ecma-376 (see its README for origin and
licence) and loaded with lxml.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest
from chart_parts import read_charts
from docx_builders import make_chart
from lxml import etree

from kpitrack.report.build import write_reports
from kpitrack.report.docx_chart import plan_chart
from kpitrack.report.docx_chart_xml import chart_space

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).resolve().parent / "schemas" / "ecma-376" / "dml-chart.xsd"


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def assert_valid(xml: bytes, what: str) -> None:
    document = etree.fromstring(xml)
    if not schema().validate(document):
        errors = "\n".join(str(e) for e in schema().error_log)
        pytest.fail(f"{what} breaks dml-chart.xsd:\n{errors}")


@pytest.mark.parametrize(("lang", "as_of"), [("nl", "2022-12-31"), ("en", "2020-12-31")])
def test_every_chart_of_the_example_report_is_valid(tmp_path: Path, lang: str, as_of: str) -> None:
    (path,) = write_reports(
        ROOT, as_of=date.fromisoformat(as_of), lang=lang, formats=["docx"], out=tmp_path
    )
    charts = read_charts(path)
    assert charts
    for chart in charts:
        assert_valid(chart.xml, f"{chart.part} ({chart.title})")


QUARTERS = [f"{y}-Q{q}" for y in range(2016, 2023) for q in range(1, 5)]
CASES = {
    "single point": make_chart([("2021", 40, "A", None, None)]),
    "gap and missing value": make_chart(
        [
            ("2015", 1, "A", None, None),
            ("2016", None, "M", None, None),
            ("2018", 3, "B", None, None),
        ]
    ),
    "intervals and estimates": make_chart(
        [("2014", 6250, "E", 5000, 7500), ("2021", 5000, "P", 4000, 7000)]
    ),
    "superseded targets": make_chart(
        [("2017", 19, "A", None, None)],
        baseline=("2017", 19),
        targets=[("2022", 35)],
        superseded=[("2022", 30)],
    ),
    "quarters, decimals": make_chart(
        [(q, i / 7, "A", None, None) for i, q in enumerate(QUARTERS)], targets=[("2024", 9.5)]
    ),
    "only a target": make_chart([], targets=[("2022", 100)]),
    "awkward text": make_chart(
        [("2020", 1, "A", None, None)], name='A & B <"c">\x0b', unit="% van <alle>"
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_chart_is_valid(case: str) -> None:
    assert_valid(chart_space(plan_chart(CASES[case]), "nl-NL", "Arial"), case)


def test_the_schema_catches_a_misordered_chart() -> None:
    """The check can fail: the same chart with two elements swapped is rejected."""
    xml = chart_space(plan_chart(CASES["single point"]), "nl-NL").decode()
    swapped = xml.replace(
        '<c:date1904 val="0"/><c:lang val="nl-NL"/>', '<c:lang val="nl-NL"/><c:date1904 val="0"/>'
    )
    assert swapped != xml
    assert not schema().validate(etree.fromstring(swapped.encode()))
