"""The low-level Word XML helpers (text, fields, footnotes, tables, saving), on a blank document
and the reference document."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from kpitrack.report import docx_fields, docx_footnotes, docx_tables, docx_text, docx_xml

REFERENCE = Path(__file__).resolve().parents[2] / "report_templates" / "reference.docx"
WHEN = datetime(2020, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b\x01c\x08d", "abcd"),
        ("tab\tnew\nline\rok", "tab\tnew\nline\rok"),
        ("form\x0cfeed\x0bvt\x1fus", "formfeedvtus"),
        ("bad\ufffe\uffffend", "badend"),
        ("lone\ud800surrogate", "lonesurrogate"),
        ("ĳsland € ✔ 😀", "ĳsland € ✔ 😀"),
    ],
)
def test_clean_text_removes_only_what_xml_forbids(raw: str, clean: str) -> None:
    assert docx_text.clean_text(raw) == clean


def test_cleaned_text_survives_python_docx(tmp_path: Path) -> None:
    document = docx.Document()
    with pytest.raises(ValueError, match="XML compatible"):  # what clean_text prevents
        document.add_paragraph("x\x01y")
    document.add_paragraph(docx_text.clean_text("x\x01y\x1bz"))
    out = tmp_path / "c.docx"
    docx_xml.save_stable(document, out, WHEN)
    assert docx.Document(str(out)).paragraphs[-1].text == "xyz"


def test_footnotes_survive_save_and_reopen(tmp_path: Path) -> None:
    document = docx.Document(str(REFERENCE))
    notes = docx_footnotes.Footnotes(document)
    first = notes.add(document.add_paragraph("Figure one"), "Bron: Politie, jaarverslag")
    second = notes.add(document.add_paragraph("Figure two"), "Let op: \x07voorlopig")
    assert (first, second) == (1, 2)
    out = tmp_path / "f.docx"
    docx_xml.save_stable(document, out, WHEN)

    reopened = docx.Document(str(out))
    notes = docx_footnotes.footnote_texts(reopened)
    assert notes == ["Bron: Politie, jaarverslag", "Let op: voorlopig"]
    refs = reopened.element.body.findall(f".//{qn('w:footnoteReference')}")
    assert [r.get(qn("w:id")) for r in refs] == ["1", "2"]
    # A re-opened document takes further footnotes, numbered after the existing ones.
    more = docx_footnotes.Footnotes(reopened)
    assert more.add(reopened.add_paragraph("three"), "Derde") == 3
    docx_xml.save_stable(reopened, out, WHEN)
    assert docx_footnotes.footnote_texts(docx.Document(str(out)))[-1] == "Derde"
    with zipfile.ZipFile(out) as z:
        assert "word/footnotes.xml" in z.namelist()
        assert "footnotes+xml" in z.read("[Content_Types].xml").decode()


def test_toc_field_and_update_fields(tmp_path: Path) -> None:
    document = docx.Document()
    docx_fields.add_toc(document.add_paragraph(), "Werk de inhoudsopgave bij")
    docx_fields.enable_update_fields(document)
    docx_fields.enable_update_fields(document)  # idempotent
    out = tmp_path / "t.docx"
    docx_xml.save_stable(document, out, WHEN)
    reopened = docx.Document(str(out))
    instr = [i.text for i in reopened.element.body.iter(qn("w:instrText"))]
    assert instr == [' TOC \\o "1-3" \\h \\z \\u ']
    kinds = [c.get(qn("w:fldCharType")) for c in reopened.element.body.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    flags = reopened.settings.element.findall(qn("w:updateFields"))
    assert len(flags) == 1 and flags[0].get(qn("w:val")) == "true"


def test_page_x_of_y_fields() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    docx_fields.add_page_x_of_y(paragraph, "Pagina {page} van {pages}")
    instr = [i.text.strip() for i in paragraph._p.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    assert paragraph.text.startswith("Pagina ") and " van " in paragraph.text


def test_header_row_and_language(tmp_path: Path) -> None:
    document = docx.Document(str(REFERENCE))
    table = document.add_table(rows=2, cols=2)
    docx_tables.repeat_header_row(table.rows[0])
    docx_tables.repeat_header_row(table.rows[0])
    docx_tables.keep_row_together(table.rows[1])
    docx_xml.set_document_language(document, "nl")
    out = tmp_path / "a.docx"
    docx_xml.save_stable(document, out, WHEN)

    reopened = docx.Document(str(out))
    first, second = reopened.tables[0].rows
    assert len(first._tr.trPr.findall(qn("w:tblHeader"))) == 1
    assert second._tr.trPr.find(qn("w:tblHeader")) is None
    assert second._tr.trPr.find(qn("w:cantSplit")) is not None
    assert reopened.core_properties.language == "nl-NL"
    lang = reopened.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "nl-NL"


def test_save_stable_is_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("one.docx", "two.docx"):
        document = docx.Document(str(REFERENCE))
        document.add_paragraph("Zelfde inhoud")
        docx_footnotes.Footnotes(document).add(document.paragraphs[0], "Bron")
        out = tmp_path / name
        docx_xml.save_stable(document, out, WHEN)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert docx.Document(str(tmp_path / "one.docx")).core_properties.created == WHEN
    assert not list(tmp_path.glob(".*.tmp"))


def test_reference_document_styles_and_page() -> None:
    document = docx.Document(str(REFERENCE))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    assert section.left_margin.cm == pytest.approx(2.5, abs=0.01)
    ids = {s.style_id for s in document.styles}
    for style_id in (
        "Title",
        "Heading1",
        "Heading2",
        "Heading3",
        "Caption",
        "FootnoteText",
        "FootnoteReference",
        "KpitrackTable",
    ):
        assert style_id in ids
    assert [p.text for p in section.header.paragraphs] == ["{title}"]
    assert [p.text for p in section.footer.paragraphs] == ["{page}"]
    assert section.different_first_page_header_footer
    assert not document.paragraphs  # body empty: the renderer writes everything
