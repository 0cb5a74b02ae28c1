"""LibreOffice draws every native chart: convert the Word report to PDF, render the pages and
look where each chart stands for the colours of its series.

Each chart is followed by its caption ("Figuur N. ..."); pdftotext gives the caption's place on
its page, and the chart is the 8 cm above it. A chart LibreOffice could not draw leaves that
area blank (or shows only a frame), so the test counts pixels in the series colours there.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import subprocess
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from chart_parts import read_charts
from docx_builders import make_chart, make_indicator, make_model

from kpitrack.report.build import write_reports
from kpitrack.report.docx import render_docx
from kpitrack.report.docx_chart_xml import CHART_HEIGHT_CM
from kpitrack.report.templates import TemplateSet

ROOT = Path(__file__).resolve().parents[2]
DPI = 50
MARGIN_PT = 2.5 / 2.54 * 72
CHART_PT = CHART_HEIGHT_CM / 2.54 * 72
# The series colours of the charts (measured blue, target green, provisional orange).
SERIES_COLOURS = ((0x0B, 0x4F, 0x8A), (0x1A, 0x6B, 0x32), (0x9A, 0x4A, 0x00))
MIN_PIXELS = 15  # a marker at 50 dpi is ~20 pixels; a drawn line many more

pytestmark = pytest.mark.office


def to_pdf(docx_path: Path, soffice: str) -> Path:
    profile = docx_path.parent / f"lo-profile-{docx_path.stem}"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
        check=False, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = docx_path.with_suffix(".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF (its exit code says nothing)"
    return pdf


def captions(pdf: Path) -> list[tuple[int, float, float]]:
    """``(page, top of the caption in pt, page width in pt)`` of every "Figuur N." caption."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    found = []
    pages = [e for e in root.iter() if e.tag.endswith("page")]
    for number, page in enumerate(pages, start=1):
        words = [w for w in page if w.tag.endswith("word")]
        for word, following in itertools.pairwise(words):
            if word.text in ("Figuur", "Figure") and re.fullmatch(r"\d+\.", following.text or ""):
                found.append((number, float(word.get("yMin")), float(page.get("width"))))
    return found


def coloured_pixels(pdf: Path, page: int, top_pt: float, bottom_pt: float, width: float) -> int:
    """Pixels in a series colour between ``top_pt`` and ``bottom_pt`` within the margins."""
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header, "pdftoppm wrote no binary PPM"
    columns, rows = int(header[1]), int(header[2])
    pixels = ppm[header.end() :]
    scale = DPI / 72
    x0, x1 = int(MARGIN_PT * scale), int((width - MARGIN_PT) * scale)
    y0, y1 = max(0, int(top_pt * scale)), min(rows, int(bottom_pt * scale))
    count = 0
    for y in range(y0, y1):
        line = pixels[(y * columns + x0) * 3 : (y * columns + x1) * 3]
        for i in range(0, len(line), 3):
            r, g, b = line[i], line[i + 1], line[i + 2]
            if any(abs(r - cr) + abs(g - cg) + abs(b - cb) < 90 for cr, cg, cb in SERIES_COLOURS):
                count += 1
    return count


def assert_every_chart_drawn(docx_path: Path, soffice: str) -> None:
    charts = read_charts(docx_path)
    pdf = to_pdf(docx_path, soffice)
    found = captions(pdf)
    assert len(found) == len(charts) > 0
    for chart, (page, caption_top, width) in zip(charts, found, strict=True):
        drawn = coloured_pixels(pdf, page, caption_top - CHART_PT - 8, caption_top, width)
        assert drawn >= MIN_PIXELS, f"{chart.title}: nothing drawn on page {page}"
    # The check can fail: the caption's own line (text only) has no series colour.
    page, caption_top, width = found[0]
    assert coloured_pixels(pdf, page, caption_top, caption_top + 10, width) < MIN_PIXELS


def test_libreoffice_draws_every_chart_of_the_example(tmp_path: Path, soffice: str) -> None:
    (path,) = write_reports(
        ROOT, as_of=date(2022, 12, 31), lang="nl", formats=["docx"], out=tmp_path
    )
    assert_every_chart_drawn(path, soffice)


def test_libreoffice_draws_each_kind_of_chart(tmp_path: Path, soffice: str) -> None:
    charts = {
        "een-punt": make_chart([("2021", 40, "A", None, None)], name="Eén punt"),
        "gat": make_chart(
            [
                ("2015", 10, "A", None, None),
                ("2016", 12, "A", None, None),
                ("2018", 15, "A", None, None),
            ],
            name="Met een gat",
        ),
        "marges": make_chart(
            [("2014", 6250, "E", 5000, 7500), ("2021", 5000, "P", 4000, 7000)], name="Marges"
        ),
        "vervangen": make_chart(
            [("2017", 19, "A", None, None), ("2019", 30, "A", None, None)],
            name="Vervangen doelen",
            baseline=("2017", 19),
            targets=[("2022", 35)],
            superseded=[("2022", 30)],
        ),
        "kwartalen": make_chart(
            [
                (f"{y}-Q{q}", float(y - 2000 + q), "A", None, None)
                for y in range(2016, 2023)
                for q in range(1, 5)
            ],
            name="Per kwartaal",
        ),
    }
    model = make_model()
    indicators = tuple(
        dataclasses.replace(make_indicator(key, chart.title), chart=chart)
        for key, chart in charts.items()
    )
    line = dataclasses.replace(model.action_lines[0], indicators=indicators)
    model = dataclasses.replace(model, action_lines=(line, *model.action_lines[1:]))
    out = tmp_path / "soorten.docx"
    render_docx(model, out, TemplateSet.for_workspace(None))
    assert_every_chart_drawn(out, soffice)
