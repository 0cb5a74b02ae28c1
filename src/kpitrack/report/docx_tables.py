"""Word tables built as one XML string each, with repeating header rows and rows kept whole.

python-docx's cell-by-cell API searches each element's children on every property set: 300
indicators took ~20 s. One string per table is a fraction of that.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

from kpitrack.report.docx_text import clean_text


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text in a table cell: bold and/or coloured (``rrggbb``); ``new_paragraph``
    starts a paragraph of its own in the cell (a note under a title)."""

    text: str
    bold: bool = False
    colour: str = ""
    new_paragraph: bool = False


def table_element(
    rows: list[list[list[Segment]]],
    widths_twips: list[int],
    *,
    style_id: str | None,
    cell_style_id: str | None,
    caption: str = "",
    keep_together: bool = False,
    keep_with_next: bool = False,
    right_aligned: frozenset[int] = frozenset(),
) -> Any:
    """A ``w:tbl``: first row a repeating header, rows never split, fixed column widths.

    ``caption`` becomes the table's accessible title (``w:tblCaption``); ``keep_together``
    keeps every row with the next, so a short table is not broken across pages. A longer table
    may break between rows, but never leaves a row alone: its header and first two rows stay
    together, and so do its last two rows. The columns numbered in ``right_aligned`` (0-based)
    are right-aligned. ``keep_with_next`` keeps the last row with what follows the table too.
    """
    last = len(rows) - 1
    kept = (
        set(range(last))
        if keep_together
        else {0, 1, last - 1} & set(range(last))  # header + first row, last two rows
    )
    if keep_with_next:
        kept.add(last)
    out = [f"<w:tbl {nsdecls('w')}><w:tblPr>"]
    if style_id:
        out.append(f'<w:tblStyle w:val="{_attr(style_id)}"/>')
    out.append(
        f'<w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
    )
    if caption:
        out.append(f'<w:tblCaption w:val="{_attr(clean_text(caption))}"/>')
    out.append("</w:tblPr><w:tblGrid>")
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    out.append("</w:tblGrid>")
    ppr = f'<w:pStyle w:val="{_attr(cell_style_id)}"/>' if cell_style_id else ""
    for index, cells in enumerate(rows):
        header = "<w:tblHeader/>" if index == 0 else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        keep = "<w:keepNext/>" if index in kept else ""
        for column, (segments, width) in enumerate(zip(cells, widths_twips, strict=True)):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>')
            jc = '<w:jc w:val="right"/>' if column in right_aligned else ""
            # schema order: pStyle, keepNext, ..., jc
            p_open = f"<w:p><w:pPr>{ppr}{keep}{jc}</w:pPr>" if ppr or keep or jc else "<w:p>"
            out.append(p_open)
            for segment in segments:
                if segment.new_paragraph:
                    out.append("</w:p>" + p_open)
                if segment.text:
                    out.append(_segment_xml(segment, bold=index == 0))
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))


def _segment_xml(segment: Segment, *, bold: bool) -> str:
    props = ""
    if bold or segment.bold:
        props += "<w:b/><w:bCs/>"
    if segment.colour:
        props += f'<w:color w:val="{_attr(segment.colour)}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_esc(segment.text)}</w:t></w:r>'


def _esc(text: str) -> str:
    return escape(clean_text(text))


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def repeat_header_row(row: Any) -> None:
    """Mark a table row as a header row that repeats at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)


def keep_row_together(row: Any) -> None:
    """Forbid a row from breaking across pages."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))
