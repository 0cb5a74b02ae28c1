"""The building blocks of the Word report: paragraphs, headings, tables, footnotes and charts.

:class:`Blocks` writes into a document whose body is empty; :mod:`kpitrack.report.docx_body`
lays the report's chapters out with it and :mod:`kpitrack.report.docx_indicator` each
indicator. Imports python-docx at module level, so import it lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from kpitrack.report.docx_chart import plan_chart
from kpitrack.report.docx_chart_data import WORKBOOK_CONTENT_TYPE, workbook
from kpitrack.report.docx_chart_xml import CHART_CONTENT_TYPE, chart_space, inline_chart
from kpitrack.report.docx_footnotes import Footnotes, add_note_separator
from kpitrack.report.docx_tables import Segment, table_element
from kpitrack.report.docx_text import clean_text, language_tag
from kpitrack.report.docx_widths import CellText, column_widths
from kpitrack.report.model import ChartModel, Commentary, ReportModel, StatusLabel

TABLE_STYLES = ("Kpitrack Table", "Table Grid")
KEEP_TOGETHER_ROWS = 15
TWIPS_PER_CM = 1440 / 2.54
Cell = str | StatusLabel | tuple[Segment, ...]


class Blocks:
    """Adds blocks at the end of a document's body, in the reference document's styles."""

    def __init__(self, document: Any, model: ReportModel) -> None:
        self.doc = document
        self.model = model
        self.notes = Footnotes(document)
        self.note_text = {note.number: note.text for note in model.footnotes}
        self.tables = 0
        self.figures = 0
        self.style_id = {style.name: style.style_id for style in document.styles}
        self.style_ids = set(self.style_id.values())
        self.table_style_id = next(
            (self.style_id[s] for s in TABLE_STYLES if s in self.style_id), None
        )
        self.cell_style_id = self.style_id.get("Table Text")
        self.charts = _ChartParts(document)
        self.font = _body_font(document)
        # Tables go in before the final section properties, like python-docx's own blocks.
        self.body = _BodyAppender(document.element.body)
        self.last_paragraph: Any = None
        self.toc_entries: list[tuple[int, str]] = []

    def label(self, key: str) -> str:
        """A UI text of the report language (every key is in ``model.texts``)."""
        return self.model.texts[key]

    def table(
        self,
        caption: str,
        headers: Sequence[Cell],
        body: Sequence[Sequence[Cell]],
        widths_cm: Sequence[float] | None = None,
        *,
        notes: Sequence[int] = (),
        numeric: Iterable[int] = (),
        nowrap: Iterable[int] = (),
        keep_with_next: bool = False,
    ) -> Any:
        """A captioned table with a repeating header row; ``notes`` footnote the caption.

        ``keep_with_next`` keeps the table's end on the page of the paragraph after it (a list
        that explains the table's marks).

        Columns whose index is in ``numeric`` are right-aligned, header included, so digits line
        up. Without ``widths_cm`` the columns get widths from their content: never narrower than
        their longest word, so no word breaks in the middle, and the columns in ``nowrap`` and
        ``numeric`` (dates, states, figures) never narrower than their longest text.
        """
        self.tables += 1
        cap = self.caption(f"{self.label('table_label')} {self.tables}. {caption}")
        self.footnotes(cap, notes)
        rows = [[self.segments(value) for value in row] for row in [headers, *body]]
        numeric = frozenset(numeric)
        if widths_cm is None:
            measured = [[_cell_text(c, bold=i == 0) for c in row] for i, row in enumerate(rows)]
            widths_cm = column_widths(measured, nowrap={*nowrap, *numeric})
        element = table_element(
            rows,
            _twips(widths_cm),
            style_id=self.table_style_id,
            cell_style_id=self.cell_style_id,
            caption=caption,
            right_aligned=numeric,
            # A short table stays on one page (keep-with-next on every row but the last); short
            # in lines, not rows: a row with an update or references under its title is taller.
            keep_together=_lines(rows[1:]) <= KEEP_TOGETHER_ROWS,
            keep_with_next=keep_with_next,
        )
        self.body.append(element)
        spacer = self.para("").paragraph_format
        spacer.space_after = Pt(2)
        spacer.keep_with_next = keep_with_next or None
        return Table(element, self.doc._body)

    def segments(self, value: Cell) -> list[Segment]:
        """A cell's runs: a status as bold, coloured symbol and words; text as is."""
        if isinstance(value, StatusLabel):
            colour = value.colour.lstrip("#")
            return [Segment(status_text(value), True, colour if len(colour) == 6 else "")]
        if isinstance(value, tuple):
            return list(value)
        return [Segment(value)]

    def heading(self, text: str, level: int) -> Any:
        """A heading kept on the page of what follows it, whatever the reference's style says."""
        self.toc_entries.append((level, text))
        paragraph = self.para(text, f"Heading {level}")
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
        return paragraph

    def para(self, text: str, style: str | None = None) -> Any:
        """A paragraph; a style the reference lacks falls back to Normal."""
        p = OxmlElement("w:p")
        style_id = self.style_id.get(style or "")
        if style_id is not None:  # by id: python-docx's lookup by name scans every style
            p.style = style_id
        self.body.append(p)
        paragraph = Paragraph(p, self.doc._body)
        if text:
            paragraph.add_run(clean_text(text))
        self.last_paragraph = paragraph
        return paragraph

    def caption(self, text: str) -> Any:
        """A caption, kept with the next paragraph (a table's caption with its table)."""
        paragraph = self.para(text, "Caption")
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True
        return paragraph

    def labelled(self, label: str, value: str) -> Any:
        """A ``Label: value`` paragraph with the label in bold."""
        paragraph = self.para("")
        paragraph.add_run(
            clean_text(f"{label}{self.label('colon')} " if value else label)
        ).bold = True
        if value:
            paragraph.add_run(clean_text(value))
        return paragraph

    def commentary(self, commentary: Commentary) -> None:
        for text in commentary.paragraphs:
            self.para(text)

    def status_run(self, paragraph: Any, status: StatusLabel) -> None:
        """The status as symbol and words, coloured too (never by colour alone)."""
        run = paragraph.add_run(clean_text(status_text(status)))
        run.bold = True
        colour = status.colour.lstrip("#")
        if len(colour) == 6:
            run.font.color.rgb = RGBColor.from_string(colour.upper())

    def footnotes(self, paragraph: Any, numbers: Sequence[int]) -> None:
        """Real footnotes at the end of ``paragraph``, marks separated by commas (not "23")."""
        first = True
        for number in numbers:
            text = self.note_text.get(number)
            if not text:
                continue
            if not first:  # styled as part of the marks, so the text around them stays clean
                add_note_separator(paragraph, ",")
            self.notes.add(paragraph, clean_text(text))
            first = False

    def chart(self, chart: ChartModel) -> bool:
        """A native chart of ``chart``, full text width, with alt text; False when nothing
        would be drawn (no value, no baseline, no target)."""
        plan = plan_chart(chart)
        if not plan.drawn:
            return False
        language = language_tag(self.model.lang)
        data = workbook(plan, self.label("col_period"))
        rid, shape_id = self.charts.add(
            lambda workbook_rid: chart_space(plan, language, self.font, workbook_rid), data
        )
        paragraph = self.para("")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        description = " ".join(t for t in (chart.alt_text, chart.summary) if t) or chart.title
        drawing = parse_xml(inline_chart(rid, shape_id, description, chart.title))
        paragraph.add_run()._r.append(drawing)
        return True


class _ChartParts:
    """Adds chart parts to the package with unique names and drawing ids, without rescanning the
    document for each one (python-docx's own lookups walk the whole document every time)."""

    def __init__(self, document: Any) -> None:
        self._part = document.part
        ids = [int(v) for v in document.element.xpath("//@id") if v.isdigit()]
        self._next_id = max([0, *ids]) + 1
        self._names = {str(part.partname) for part in self._part.package.iter_parts()}
        self._number = 0
        self._rid = 1

    def add(self, xml: Callable[[str], bytes], workbook: bytes) -> tuple[str, int]:
        """Relate a new chart part to the document, with its embedded ``workbook``; the chart's
        rId and a drawing id. ``xml`` gives the chart part's XML for the workbook's rId."""
        number = self._free_number()
        chart_name = PackURI(f"/word/charts/chart{number}.xml")
        data_name = PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx")
        self._names.update((str(chart_name), str(data_name)))
        package = self._part.package
        data = Part(data_name, WORKBOOK_CONTENT_TYPE, workbook, package)
        # A new part's first relationship is rId1: the XML can name it before it exists.
        chart = Part(chart_name, CHART_CONTENT_TYPE, xml("rId1"), package)
        if chart.relate_to(data, RT.PACKAGE) != "rId1":
            raise AssertionError("the chart part's workbook relationship is not rId1")
        # Not relate_to: it compares the new part with every relationship the document part
        # has, which grows quadratic with hundreds of charts.
        rels = self._part.rels
        while f"rId{self._rid}" in rels:
            self._rid += 1
        rid = f"rId{self._rid}"
        rels.add_relationship(RT.CHART, chart, rid)
        shape_id = self._next_id
        self._next_id += 1
        return rid, shape_id

    def _free_number(self) -> int:
        while True:
            self._number += 1
            names = (
                f"/word/charts/chart{self._number}.xml",
                f"/word/embeddings/Microsoft_Excel_Worksheet{self._number}.xlsx",
            )
            if not any(name in self._names for name in names):
                return self._number


class _BodyAppender:
    """Appends block elements to the body, before its final ``w:sectPr``.

    python-docx looks the ``w:sectPr`` up among all body children for every block it adds,
    which grows quadratic with a few thousand paragraphs; the end marker is found once here.
    """

    def __init__(self, body: Any) -> None:
        self._body = body
        self._sect_pr = body.find(qn("w:sectPr"))

    def append(self, element: Any) -> None:
        if self._sect_pr is not None:
            self._sect_pr.addprevious(element)
        else:
            self._body.append(element)


def _body_font(document: Any) -> str:
    """The typeface of the Normal style (the charts' text matches the body text)."""
    try:
        name = document.styles["Normal"].font.name
    except KeyError:
        return ""
    return name or ""


def status_text(status: StatusLabel) -> str:
    """A status in words, without its icon.

    The HTML report puts a symbol beside the words; a browser finds a font for any symbol. Word
    and LibreOffice draw the text in the reference document's font (Arial, or Liberation Sans
    for it), which lacks most of those symbols (✔ ✖ ◇) or draws them wrongly (◐): the bold,
    coloured words carry the status on their own, in colour and in greyscale alike.
    """
    return status.label.strip()


def _lines(rows: Sequence[Sequence[Sequence[Segment]]]) -> int:
    """Paragraphs down a table's rows: a row is as tall as its cell with the most."""
    return sum(
        max((1 + sum(1 for s in cell if s.new_paragraph) for cell in row), default=1)
        for row in rows
    )


def _cell_text(segments: Sequence[Segment], *, bold: bool) -> CellText:
    """What a cell's width depends on: its paragraphs of plain and bold runs."""
    paragraphs: list[list[tuple[str, bool]]] = [[]]
    for segment in segments:
        if segment.new_paragraph:
            paragraphs.append([])
        paragraphs[-1].append((segment.text, bold or segment.bold))
    return CellText(tuple(tuple(p) for p in paragraphs))


def _twips(widths_cm: Sequence[float]) -> list[int]:
    """Widths in twips that add up to the rounded total (no column lost to rounding)."""
    twips: list[int] = []
    done = 0.0
    for width in widths_cm:
        end = done + width * TWIPS_PER_CM
        twips.append(round(end) - round(done))
        done = end
    return twips
