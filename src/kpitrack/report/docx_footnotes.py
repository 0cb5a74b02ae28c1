"""Real Word footnotes: a ``footnotes.xml`` part related to the document part.

python-docx has no footnote API. Word numbers the notes itself; the reference document carries
the ``FootnoteText`` and ``FootnoteReference`` styles.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import PartFactory, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement

from kpitrack.report.docx_xml import run_element, text_element

# Without this, python-docx loads footnotes.xml of a re-opened document as an opaque blob and
# the footnotes we add to it would be lost on save.
PartFactory.part_type_for[CT.WML_FOOTNOTES] = XmlPart

FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"

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
        p.append(run_element(text_element(" " + text)))
        footnote.append(p)
        self._part.element.append(footnote)
        return note_id


def add_note_separator(paragraph: Any, text: str) -> None:
    """Put ``text`` between two footnote marks, in the footnote-reference style."""
    run = _styled_run(FOOTNOTE_REFERENCE_STYLE, text_element(text))
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
