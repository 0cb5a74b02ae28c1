"""Make report_templates/reference.docx, the Word reference document of the progress report.

Run from the repository root: ``.venv/bin/python scripts/make_reference_docx.py``. The result is
committed; a workspace may replace it with its own ``report_templates/reference.docx`` (keep the
style names below and the ``{title}`` / ``{page}`` placeholders in header and footer).

What it sets: A4 with 2.5 cm margins, body font with widow control, Title, Subtitle, Heading 1-4
and Caption (kept with the next paragraph; chapters do not start a new page), a table
style with its "Table Text" paragraph style, footnote and contents (TOC 1-3) styles, and a
header/footer with placeholders the renderer fills: ``{title}`` (programme title, plus a draft
marker when the report is a draft) and ``{page}`` ("Pagina X van Y" / "Page X of Y" with live
fields). The first page (the title page) has no header or footer.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor, Twips

from kpitrack.report.docx_fields import enable_update_fields
from kpitrack.report.docx_xml import save_stable

BODY_FONT = "Arial"  # metric-compatible with Liberation Sans, so LibreOffice lays out alike
DARK_BLUE = RGBColor(0x15, 0x42, 0x73)
TEXT_GREY = RGBColor(0x40, 0x40, 0x40)  # 10:1 on white: captions and footers stay legible
TABLE_STYLE = "Kpitrack Table"
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)


def make_reference(out: Path) -> None:
    """Build the reference document and write it to ``out``."""
    document = Document()
    _page_setup(document)
    _text_styles(document)
    _table_style(document)
    _footnote_styles(document)
    _toc_styles(document)
    _header_footer(document)
    enable_update_fields(document)
    props = document.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.comments = ""
    props.keywords = ""
    props.subject = ""
    save_stable(document, out, FIXED_DATE)


def _page_setup(document: Any) -> None:
    for section in document.sections:
        section.page_width = Twips(11906)  # A4 exactly
        section.page_height = Twips(16838)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.2)
        section.different_first_page_header_footer = True


def _font(style: Any, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = BODY_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:  # theme fonts would override the explicit name in Word
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:cs"), BODY_FONT)


def _text_styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, 10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    # No paragraph leaves its first or last line alone on a page.
    normal.paragraph_format.widow_control = True

    title = styles["Title"]
    _font(title, 26, bold=True, color=DARK_BLUE)
    title.paragraph_format.space_before = Pt(120)
    title.paragraph_format.space_after = Pt(18)
    ppr = title.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:  # the default Title has a blue rule under it; keep it plain
        ppr.remove(border)

    subtitle = styles["Subtitle"]
    _font(subtitle, 14, color=TEXT_GREY)
    subtitle.font.italic = False
    subtitle.paragraph_format.space_after = Pt(24)

    # Heading 4 (the parts of the method annex, left out of the contents) looks like a smaller
    # Heading 3: the built-in one is italic in the theme font, which the report does not use.
    for level, size, before in ((1, 16, 24), (2, 13, 18), (3, 11, 14), (4, 10, 10)):
        heading = styles[f"Heading {level}"]
        _font(heading, size, bold=True, color=DARK_BLUE)
        heading.font.italic = False
        fmt = heading.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        fmt.keep_together = True
        # Chapters follow on from each other: a chapter on a fresh page would leave half-empty
        # pages after the short ones. The renderer starts the summary on a page of its own.
        fmt.page_break_before = False

    caption = styles["Caption"]
    _font(caption, 9, color=TEXT_GREY)
    caption.font.italic = True
    caption.paragraph_format.space_before = Pt(2)
    caption.paragraph_format.space_after = Pt(10)
    caption.paragraph_format.keep_with_next = True  # a table's caption stays with its table

    for name in ("Header", "Footer"):
        _font(styles[name], 8.5, color=TEXT_GREY)

    if "TOC Heading" in [s.name for s in styles]:
        _font(styles["TOC Heading"], 16, bold=True, color=DARK_BLUE)
        styles["TOC Heading"].paragraph_format.space_before = Pt(0)


def _table_style(document: Any) -> None:
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.font.name = BODY_FONT
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    element = style.element
    element.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}>"
            "<w:tblBorders>"
            '<w:top w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:left w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:right w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
            "</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
    element.append(
        parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/></w:tcPr>'
            "</w:tblStylePr>"
        )
    )


def _footnote_styles(document: Any) -> None:
    styles = document.styles
    text = _builtin_style(document, "footnote text", "FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    _font(text, 8.5)
    text.paragraph_format.space_after = Pt(0)
    text.paragraph_format.line_spacing = 1.0

    ref = _builtin_style(
        document, "footnote reference", "FootnoteReference", WD_STYLE_TYPE.CHARACTER
    )
    ref.font.superscript = True


def _builtin_style(document: Any, name: str, style_id: str, kind: Any) -> Any:
    """Add a style under Word's built-in name and id, so Word treats it as its own."""
    style = document.styles.add_style(name.title(), kind)
    style.element.set(qn("w:styleId"), style_id)
    style.element.find(qn("w:name")).set(qn("w:val"), name)
    return style


def _toc_styles(document: Any) -> None:
    # Word's names for the entries of the table of contents; the renderer pre-fills the
    # contents with them so readers see an outline even before the fields are updated.
    for level in (1, 2, 3):
        style = _builtin_style(document, f"toc {level}", f"TOC{level}", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        style.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
        style.font.bold = level == 1
    text = document.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = document.styles["Normal"]
    _font(text, 9)
    text.paragraph_format.space_before = Pt(0)
    text.paragraph_format.space_after = Pt(0)
    text.paragraph_format.line_spacing = 1.0


def _header_footer(document: Any) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "{title}"
    header.style = document.styles["Header"]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.text = "{page}"
    footer.style = document.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.CENTER)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("report_templates/reference.docx"))
    args = parser.parse_args()
    make_reference(args.out)
    print(args.out)


if __name__ == "__main__":
    main()
