"""Word fields python-docx has no API for: the table of contents and page numbers.

A field shows its cached result until Word updates it; :func:`enable_update_fields` asks Word to
do that on opening, and :func:`fill_toc` puts the headings in the cached result for readers
that never update (LibreOffice's conversion, Word before the update).
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from kpitrack.report.docx_text import clean_text
from kpitrack.report.docx_xml import run_element, text_element


def _fld_char(kind: str, *, dirty: bool = False) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return char


def _instr(instruction: str) -> Any:
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    return instr


def add_field(paragraph: Any, instruction: str, cached: str, *, dirty: bool = False) -> None:
    """Append a complex field (``PAGE``, ``TOC ...``) that shows ``cached`` until updated."""
    p = paragraph._p
    p.append(run_element(_fld_char("begin", dirty=dirty)))
    p.append(run_element(_instr(f" {instruction.strip()} ")))
    p.append(run_element(_fld_char("separate")))
    p.append(run_element(text_element(cached)))
    p.append(run_element(_fld_char("end")))


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
        entry.append(run_element(text_element(text)))
        previous.addnext(entry)
        previous = entry
    p.remove(end_run)
    previous.append(end_run)
