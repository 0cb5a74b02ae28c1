"""Low-level WordprocessingML that python-docx has no API for.

Footnotes, the table-of-contents field, page-number fields, alt text, repeating header rows,
the document language, control-character stripping and a byte-stable save. Imported only by the
Word renderer (python-docx and lxml are heavy; ``import kpitrack`` must stay fast).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

# Without this, python-docx loads footnotes.xml of a re-opened document as an opaque blob and
# the footnotes we add to it would be lost on save.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart

FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF;
# lxml refuses them, so one stray byte from a partner's Excel would abort the whole report.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Fixed zip entry time: python-docx stamps every entry with "now", which makes two renders of
# the same report differ byte for byte.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

_LANGUAGE_TAGS = {"nl": "nl-NL", "en": "en-GB", "fr": "fr-BE", "de": "de-DE", "fy": "fy-NL"}


def clean_text(text: str) -> str:
    """Remove the characters XML 1.0 forbids (control characters, lone surrogates)."""
    return _FORBIDDEN.sub("", text)


def language_tag(lang: str) -> str:
    """BCP 47 tag Word expects for a programme language code (``nl`` -> ``nl-NL``)."""
    return _LANGUAGE_TAGS.get(lang, lang)


# --- fields -----------------------------------------------------------------------------------


def _run(*children: Any) -> Any:
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def _fld_char(kind: str, *, dirty: bool = False) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def _text(value: str) -> Any:
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = clean_text(value)
    return t


def _instr(instruction: str) -> Any:
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    return instr


def add_field(paragraph: Any, instruction: str, cached: str, *, dirty: bool = False) -> None:
    """Append a complex field (``PAGE``, ``TOC ...``) that shows ``cached`` until updated."""
    p = paragraph._p
    p.append(_run(_fld_char("begin", dirty=dirty)))
    p.append(_run(_instr(f" {instruction.strip()} ")))
    p.append(_run(_fld_char("separate")))
    p.append(_run(_text(cached)))
    p.append(_run(_fld_char("end")))


def add_toc(paragraph: Any, placeholder: str, levels: str = "1-3") -> None:
    """Append a table-of-contents field; Word fills it on open (:func:`enable_update_fields`)."""
    add_field(paragraph, f'TOC \\o "{levels}" \\h \\z \\u', placeholder, dirty=True)


def add_page_x_of_y(paragraph: Any, template: str) -> None:
    """Write ``template`` (e.g. ``"Pagina {page} van {pages}"``) with live page-number fields."""
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            add_field(paragraph, "PAGE", "1")
        elif piece == "{pages}":
            add_field(paragraph, "NUMPAGES", "1")
        elif piece:
            paragraph.add_run(clean_text(piece))


def enable_update_fields(document: Any) -> None:
    """Ask Word to refresh fields (the TOC, page counts) when the document is opened."""
    settings = document.settings.element
    existing = settings.find(qn("w:updateFields"))
    if existing is None:
        existing = OxmlElement("w:updateFields")
        # Schema order: updateFields follows the view/zoom/protection block; right after
        # w:zoom (or first) is accepted by Word and LibreOffice.
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:
            zoom.addnext(existing)
        else:
            settings.insert(0, existing)
    existing.set(qn("w:val"), "true")


# --- pictures, tables, language -----------------------------------------------------------------


def set_alt_text(inline_shape: Any, description: str, title: str = "") -> None:
    """Give a picture its alternative text (``docPr/@descr``) and title for screen readers."""
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", clean_text(description))
    if title:
        doc_pr.set("title", clean_text(title))


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


def set_document_language(document: Any, lang: str) -> None:
    """Set the default proofing language (screen readers and hyphenation follow it)."""
    tag = language_tag(lang)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), tag)
    document.core_properties.language = tag


# --- footnotes ----------------------------------------------------------------------------------

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


class Footnotes:
    """The document's footnotes part: adds real Word footnotes, numbered by Word."""

    def __init__(self, document: Any) -> None:
        self._part = _footnotes_part(document)
        ids = [int(f.get(qn("w:id"))) for f in self._part.element.findall(qn("w:footnote"))]
        self._next_id = max([0, *ids]) + 1

    def add(self, paragraph: Any, text: str) -> int:
        """Put a footnote reference at the end of ``paragraph`` with ``text`` as its note."""
        note_id = self._next_id
        self._next_id += 1
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        paragraph._p.append(_styled_run(FOOTNOTE_REFERENCE_STYLE, ref))

        footnote = OxmlElement("w:footnote")
        footnote.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        pstyle = OxmlElement("w:pStyle")
        pstyle.set(qn("w:val"), FOOTNOTE_TEXT_STYLE)
        ppr.append(pstyle)
        p.append(ppr)
        p.append(_styled_run(FOOTNOTE_REFERENCE_STYLE, OxmlElement("w:footnoteRef")))
        p.append(_run(_text(" " + text)))
        footnote.append(p)
        self._part.element.append(footnote)
        return note_id


def add_note_separator(paragraph: Any, text: str) -> None:
    """Put ``text`` between two footnote marks, in the footnote-reference style."""
    run = _styled_run(FOOTNOTE_REFERENCE_STYLE, _text(text))
    # Superscript even on a workspace reference document that lacks the style.
    align = OxmlElement("w:vertAlign")
    align.set(qn("w:val"), "superscript")
    run.find(qn("w:rPr")).append(align)
    paragraph._p.append(run)


def _styled_run(style_id: str, child: Any) -> Any:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), style_id)
    rpr.append(rstyle)
    run.append(rpr)
    run.append(child)
    return run


def _footnotes_part(document: Any) -> Any:
    """The footnotes part related to the main document, created when absent."""
    doc_part = document.part
    for rel in doc_part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            if not isinstance(part, XmlPart):  # loaded before our registration took effect
                part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = part
            return part
    element = parse_xml(_FOOTNOTES_XML)
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, element, doc_part.package)
    doc_part.relate_to(part, RT.FOOTNOTES)
    return part


def footnote_texts(document: Any) -> list[str]:
    """The text of each real (non-separator) footnote, in document order (for tests and checks)."""
    texts: list[str] = []
    for rel in document.part.rels.values():
        if rel.reltype != RT.FOOTNOTES:
            continue
        element = parse_xml(rel.target_part.blob)
        for note in element.findall(qn("w:footnote")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            texts.append("".join(t.text or "" for t in note.iter(qn("w:t"))).strip())
    return texts


# --- saving ------------------------------------------------------------------------------------


def save_stable(document: Any, out_path: Path, when: datetime) -> None:
    """Save with fixed core-property dates and zip timestamps, atomically (tmp + rename)."""
    props = document.core_properties
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    os.replace(tmp, out_path)


def iter_body_paragraph_texts(document: Any) -> Iterable[tuple[str, str]]:
    """``(style name, text)`` of each body paragraph, in order (for tests and checks)."""
    for paragraph in document.paragraphs:
        yield paragraph.style.name if paragraph.style is not None else "", paragraph.text


def fill_toc(paragraph: Any, entries: list[tuple[int, str]], style_ids: set[str]) -> None:
    """Show ``(level, heading)`` entries as the TOC field's result until Word recomputes it.

    LibreOffice and Word-before-update otherwise show only the placeholder. Page numbers are
    unknown before layout, so the entries have none; ``\\h`` makes them links once updated.
    """
    p = paragraph._p
    runs = p.findall(qn("w:r"))
    if not entries or len(runs) < 2 or runs[-1].find(qn("w:fldChar")) is None:
        return
    end_run, placeholder_run = runs[-1], runs[-2]

    def style(element: Any, level: int) -> None:
        if f"TOC{level}" in style_ids:
            element.style = f"TOC{level}"

    level, text = entries[0]
    placeholder_run.find(qn("w:t")).text = clean_text(text)
    style(p, level)
    previous = p
    for level, text in entries[1:]:
        entry = OxmlElement("w:p")
        style(entry, level)
        entry.append(_run(_text(text)))
        previous.addnext(entry)
        previous = entry
    p.remove(end_run)
    previous.append(end_run)


# --- fast building of tables and pictures -----------------------------------------------------
# python-docx's cell-by-cell API searches each element's children on every property set and
# walks the whole document for each picture id: 300 indicators took ~20 s. Built as one XML
# string per table and with a running picture id it is a fraction of that.


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text in a table cell: bold and/or coloured (``rrggbb``)."""

    text: str
    bold: bool = False
    colour: str = ""


def table_element(
    rows: list[list[list[Segment]]],
    widths_twips: list[int],
    *,
    style_id: str | None,
    cell_style_id: str | None,
    caption: str = "",
    keep_together: bool = False,
    right_aligned: frozenset[int] = frozenset(),
) -> Any:
    """A ``w:tbl``: first row a repeating header, rows never split, fixed column widths.

    ``caption`` becomes the table's accessible title (``w:tblCaption``); ``keep_together``
    keeps every row with the next, so a short table is not broken across pages; the columns
    numbered in ``right_aligned`` (0-based) are right-aligned.
    """
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
        keep = "<w:keepNext/>" if keep_together and index < len(rows) - 1 else ""
        for column, (segments, width) in enumerate(zip(cells, widths_twips, strict=True)):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>')
            jc = '<w:jc w:val="right"/>' if column in right_aligned else ""
            if ppr or keep or jc:  # schema order: pStyle, keepNext, ..., jc
                out.append(f"<w:pPr>{ppr}{keep}{jc}</w:pPr>")
            out.extend(_segment_xml(s, bold=index == 0) for s in segments if s.text)
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


class Pictures:
    """Adds pictures with unique shape ids without rescanning the document for each one."""

    def __init__(self, document: Any) -> None:
        self._part = document.part
        ids = [int(v) for v in document.element.xpath("//@id") if v.isdigit()]
        self._next = max([0, *ids]) + 1

    def add(self, paragraph: Any, path: Path, width_emu: int) -> Any:
        """Append the picture at ``path``, ``width_emu`` wide, to ``paragraph``; the shape."""
        from docx.oxml.shape import CT_Inline
        from docx.shape import InlineShape

        rid, image = self._part.get_or_add_image(str(path))
        cx, cy = image.scaled_dimensions(width_emu, None)
        inline = CT_Inline.new_pic_inline(self._next, rid, image.filename, cx, cy)
        self._next += 1
        paragraph.add_run()._r.add_drawing(inline)
        return InlineShape(inline)
