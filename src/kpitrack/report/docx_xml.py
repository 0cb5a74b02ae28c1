"""Low-level WordprocessingML shared by the Word renderer's modules.

Runs and text elements, the document language, and a byte-stable save. Fields, footnotes and
tables have their own modules (``docx_fields``, ``docx_footnotes``, ``docx_tables``), text
cleaning is in ``docx_text``. Imported only by the Word renderer (python-docx and lxml are heavy;
``import kpitrack`` must stay fast).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from kpitrack.core.files import write_file
from kpitrack.report.docx_text import clean_text, language_tag

# Fixed zip entry time: python-docx stamps every entry with "now", which makes two renders of
# the same report differ byte for byte.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def run_element(*children: Any) -> Any:
    """A ``w:r`` holding ``children``."""
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def text_element(value: str) -> Any:
    """A ``w:t`` that keeps its spaces, with the characters XML forbids removed."""
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = clean_text(value)
    return t


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


def set_widow_control(document: Any) -> None:
    """Turn widow and orphan control on for every paragraph whose style does not say otherwise.

    Set in the document defaults, below every style: a workspace's reference document that
    turns it off in a style keeps its choice, one that never mentions it still gets it.
    """
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        defaults.append(ppr_default)  # schema order: rPrDefault, then pPrDefault
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    if ppr.find(qn("w:widowControl")) is None:
        # Schema order: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl...
        later = [c for c in ppr if c.tag not in {qn(t) for t in _BEFORE_WIDOW_CONTROL}]
        control = OxmlElement("w:widowControl")
        if later:
            later[0].addprevious(control)
        else:
            ppr.append(control)


_BEFORE_WIDOW_CONTROL = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr")


def save_stable(document: Any, out_path: Path, when: datetime) -> None:
    """Save with fixed core-property dates and zip timestamps, whole or not at all."""
    write_file(out_path, stable_bytes(document, when))


def stable_bytes(document: Any, when: datetime) -> bytes:
    """The document as .docx bytes with fixed core-property dates and zip timestamps."""
    props = document.core_properties
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    stable = io.BytesIO()
    with zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return stable.getvalue()


def iter_body_paragraph_texts(document: Any) -> Iterable[tuple[str, str]]:
    """``(style name, text)`` of each body paragraph, in order (for tests and checks)."""
    for paragraph in document.paragraphs:
        yield paragraph.style.name if paragraph.style is not None else "", paragraph.text
