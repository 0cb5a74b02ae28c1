"""The Word report through the whole pipeline, on the example workspace of this repository."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.shape import WD_INLINE_SHAPE
from docx.oxml.ns import qn

from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model, write_reports
from kpitrack.report.docx_chart import plan_chart
from kpitrack.report.docx_footnotes import footnote_texts
from kpitrack.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_renderer_stays_light() -> None:
    code = (
        "import sys, kpitrack.report.docx, kpitrack.report.docx_chart; "
        "print(sorted(m for m in ('docx', 'kaleido', 'plotly', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_report(tmp_path: Path, lang: str) -> None:
    (path,) = write_reports(
        ROOT, as_of=date(2020, 12, 31), lang=lang, formats=["docx"], out=tmp_path
    )
    assert path.name == f"samen-tegen-mensenhandel_2020-12-31_{lang}.docx"
    document = docx.Document(str(path))
    workspace = load_workspace(ROOT)
    # One native chart per indicator with something to draw (a figure, a baseline or a target;
    # in 2020 one indicator had none yet), each with alternative text; no picture, so no
    # browser was needed.
    model = build_report_model(workspace, compute_progress(workspace, date(2020, 12, 31)), lang)
    charts = [i.chart for line in model.action_lines for i in line.indicators]
    drawn = [c for c in charts if plan_chart(c).drawn]
    assert 0 < len(drawn) < len(workspace.indicators)
    assert len(document.inline_shapes) == len(drawn)
    for shape in document.inline_shapes:
        assert shape.type == WD_INLINE_SHAPE.CHART
        assert shape._inline.docPr.get("descr")
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    notes = footnote_texts(document)
    sources = {i.source[lang] for i in workspace.indicators.values()}
    assert all(any(source in note for note in notes) for source in sources)
    title = workspace.programme.title[lang]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [title]
    assert document.core_properties.language.startswith(lang)
