"""Reads the native charts of a Word report back: drawings, chart parts, series and values."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"c": C, "a": A, "r": R, "w": W, "wp": WP, "pr": PKG}


@dataclasses.dataclass
class ChartSeries:
    name: str
    values: dict[str, float]  # category label → value, empty cells left out
    symbol: str
    point_symbols: dict[str, str]  # category label → marker of that point, where it differs
    in_legend: bool
    plus: dict[str, float]
    minus: dict[str, float]
    line: bool  # drawn with a line (else markers only)


@dataclasses.dataclass
class Chart:
    title: str  # the drawing's title (docPr/@title)
    description: str  # the drawing's alt text (docPr/@descr)
    part: str  # the chart part's name in the package
    xml: bytes
    categories: list[str]
    series: list[ChartSeries]

    def named(self, name: str) -> ChartSeries:
        (found,) = [s for s in self.series if s.name == name and s.in_legend]
        return found

    @property
    def legend(self) -> list[str]:
        return [s.name for s in self.series if s.in_legend]


def read_charts(path: Path) -> list[Chart]:
    """Every chart drawing of the document body, in document order, with its chart part."""
    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
        charts = []
        for inline in document.iter(f"{{{WP}}}inline"):
            chart = inline.find(".//c:chart", NS)
            if chart is None:
                continue
            doc_pr = inline.find("wp:docPr", NS)
            target = targets[chart.get(f"{{{R}}}id")]
            name = str(PurePosixPath("word") / target)
            xml = z.read(name)
            charts.append(parse_chart(xml, doc_pr.get("title", ""), doc_pr.get("descr", ""), name))
        return charts


def parse_chart(xml: bytes, title: str = "", description: str = "", part: str = "") -> Chart:
    root = etree.fromstring(xml)
    hidden = {
        int(e.find("c:idx", NS).get("val"))
        for e in root.iterfind(".//c:legend/c:legendEntry", NS)
        if e.find("c:delete", NS) is not None and e.find("c:delete", NS).get("val") == "1"
    }
    categories: list[str] = []
    series = []
    for index, ser in enumerate(root.iterfind(".//c:ser", NS)):
        categories = _years_filled([v.text or "" for v in ser.iterfind("c:cat//c:pt/c:v", NS)])
        name = "".join(v.text for v in ser.iterfind("c:tx//c:v", NS))

        def points(path: str, ser=ser, labels=categories) -> dict[str, float]:
            return {
                labels[int(pt.get("idx"))]: float(pt.find("c:v", NS).text)
                for pt in ser.iterfind(f"{path}//c:pt", NS)
            }

        marker = ser.find("c:marker/c:symbol", NS)
        line = ser.find("c:spPr/a:ln", NS)
        series.append(
            ChartSeries(
                name=name,
                values=points("c:val"),
                symbol=marker.get("val") if marker is not None else "",
                point_symbols={
                    categories[int(d.find("c:idx", NS).get("val"))]: d.find(
                        "c:marker/c:symbol", NS
                    ).get("val")
                    for d in ser.iterfind("c:dPt", NS)
                },
                in_legend=index not in hidden,
                plus=points("c:errBars/c:plus"),
                minus=points("c:errBars/c:minus"),
                line=line is not None and line.find("a:noFill", NS) is None,
            )
        )
    return Chart(title, description, part, xml, categories, series)


def _years_filled(labels: list[str]) -> list[str]:
    """An annual axis with labels left blank between the shown ones, filled in again (the
    labelled years are as many categories apart as they are years apart)."""
    shown = [(i, int(label)) for i, label in enumerate(labels) if label.isdigit()]
    if not shown or len(shown) == len(labels):
        return labels
    (i0, y0), *rest = shown
    if rest and any(year - y0 != i - i0 for i, year in rest):
        return labels  # not one category a year: quarters or months
    return [str(y0 + i - i0) for i in range(len(labels))]
