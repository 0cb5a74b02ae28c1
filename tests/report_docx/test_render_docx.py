"""The Word report: structure, accessibility hooks, footnotes, robustness, reproducibility."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.shape import WD_INLINE_SHAPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx_builders import make_indicator, make_model

from kpitrack.core.errors import ReportError
from kpitrack.report.docx import render_docx
from kpitrack.report.docx_footnotes import footnote_texts
from kpitrack.report.templates import TemplateSet

BUILTIN = TemplateSet.for_workspace(None)


def _render(tmp_path: Path, model=None, name: str = "r.docx") -> Path:
    out = tmp_path / "out" / name
    render_docx(model or make_model(), out, BUILTIN)
    return out


def _headings(document) -> list[tuple[int, str]]:
    return [
        (int(p.style.name.split()[-1]), p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading ")
    ]


def test_sections_in_the_order_of_the_design(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    assert _headings(document) == [
        (1, "Samenvatting"),
        (2, "Kernboodschap"),
        (2, "Toelichting van de rapporteur"),
        (2, "Status indicatoren"),
        (2, "Stand acties"),
        (1, "AL1 Basisaanpak op orde"),
        (2, "Acties en mijlpalen"),
        (2, "Indicatoren"),
        (3, "Regio's met zorgcoördinatie"),
        (3, "Veroordelingen voor mensenhandel"),
        (1, "AL2 Arbeidsuitbuiting"),
        (2, "Acties en mijlpalen"),
        (2, "Indicatoren"),
        (1, "Wijzigingen sinds de vorige rapportage"),
        (1, "Bijlage"),
        (2, "Werkwijze"),
        (4, "Hoe de status wordt bepaald"),
        (4, "Aanduidingen"),
        (4, "Verouderde cijfers en leemten in de rapportage"),
        (4, "Reeksen, bijgestelde streefwaarden en de rapportagekalender"),
        (4, "Verwachting"),
        (2, "Volledigheid van de gegevens per partner"),
        (2, "Alle acties en mijlpalen"),
        (2, "Versie en gegevens"),
    ]
    texts = [p.text for p in document.paragraphs]
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text == "Samen tegen mensenhandel"
    front = "\n".join(texts[: texts.index("Samenvatting")])
    for fact in (
        "Peildatum: 30 juni 2020",
        "Opgesteld op: 1 juli 2020",
        "Cijfers ontvangen tot en met: 30 juni 2020",
        "2019.1",
        "13 november 2018",
        "Kamerstuk 28638, nr. 164",
    ):
        assert fact in front
    assert "sha256:ab12" not in front  # the data snapshot is in the annex
    assert any(t.startswith("Momentopname gegevens: sha256:ab12") for t in texts)
    assert "CONCEPT" not in front  # once per page, in the header (see the draft tests)
    assert "Geen acties in deze actielijn." in texts
    assert "Sinds de vorige rapportage is er niets gewijzigd." in texts


def test_toc_field_lists_the_headings(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    body = document.element.body
    assert next(i.text for i in body.iter(qn("w:instrText"))) == ' TOC \\o "1-3" \\h \\z \\u '
    toc = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert toc[:3] == ["Samenvatting", "Kernboodschap", "Toelichting van de rapporteur"]
    assert toc[-1] == "Versie en gegevens"
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_every_chart_is_native_with_alt_text(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    shapes = document.inline_shapes
    assert len(shapes) == 2
    for shape in shapes:
        assert shape.type == WD_INLINE_SHAPE.CHART  # a chart part, not a picture
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr", "").startswith("Lijngrafiek van ")
        assert doc_pr.get("title")
    charts = [r.target_part for r in document.part.rels.values() if r.reltype == RT.CHART]
    assert [str(part.partname) for part in charts] == [
        "/word/charts/chart1.xml",
        "/word/charts/chart2.xml",
    ]
    assert not [r for r in document.part.rels.values() if r.reltype == RT.IMAGE]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Figuur 1. Regio's met zorgcoördinatie" in captions
    assert "Figuur 2. Veroordelingen voor mensenhandel" in captions


def test_every_table_repeats_its_header_row(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    assert len(document.tables) >= 8
    for table in document.tables:
        first, *rest = table.rows
        assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rest)
        assert table.style.name == "Kpitrack Table"


def test_value_table_and_status_in_words(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    value_tables = [t for t in document.tables if t.rows[0].cells[1].text == "Waarde"]
    rows = [[c.text for c in r.cells] for r in value_tables[1].rows]
    assert rows[0] == [
        "Periode",
        "Waarde",
        "Status van de waarneming",
        "Onzekerheidsinterval",
        "Toelichting",
    ]
    assert [r[:2] for r in rows[1:]] == [["2012", "110"], ["2013", "156"], ["2014", "133"],
                                          ["2015", "139"]]  # fmt: skip
    statuses = [p.text for p in document.paragraphs if p.text.startswith("Status: ")]
    # Words without the HTML's symbols: the reference document's fonts lack most of them.
    assert statuses[0].startswith("Status: Risico")
    summary = document.tables[0]
    assert summary.rows[0].cells[1].text == "AL1"
    assert [r.cells[0].text for r in summary.rows][1:3] == ["achieved", "Op koers"]


def test_sources_and_caveats_are_real_footnotes(tmp_path: Path) -> None:
    out = _render(tmp_path)
    document = docx.Document(str(out))
    notes = footnote_texts(document)
    assert notes == [
        "Bron: Voortgangsbrieven van het programma",
        "Bron: Nationaal Rapporteur, dadermonitor",
        "Kanttekening: alleen eerste aanleg",
        "Inclusief hoger beroep",
    ]
    # The row note sits in the table row of its period.
    refs_in_tables = [
        row.cells[0].text
        for table in document.tables
        for row in table.rows
        if row._tr.find(f".//{qn('w:footnoteReference')}") is not None
    ]
    assert refs_in_tables == ["2014"]


def test_header_footer_filled_for_the_language(tmp_path: Path) -> None:
    out = _render(tmp_path, make_model("en", draft=False, title="Together against trafficking"))
    section = docx.Document(str(out)).sections[0]
    assert section.header.paragraphs[0].text == "Together against trafficking"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Page ") and " of " in footer.text
    instr = [i.text.strip() for i in footer._p.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    draft = docx.Document(str(_render(tmp_path, name="d.docx"))).sections[0]
    assert draft.header.paragraphs[0].text == "Samen tegen mensenhandel — CONCEPT"


def test_control_characters_are_removed_not_fatal(tmp_path: Path) -> None:
    dirty = make_indicator(
        "vies", "Naam\x00 met\x0b stuurteken\x1f", source="Bron\x07 X", caveats="Let\x01 op"
    )
    model = make_model(title="Programma\x0c\x1b titel")
    line = dataclasses.replace(model.action_lines[0], indicators=(dirty,), title="Lijn\x02")
    model = dataclasses.replace(model, action_lines=(line,))
    out = _render(tmp_path, model)
    document = docx.Document(str(out))
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "Programma titel" in texts and "Naam met stuurteken" in texts
    assert "Bron X" in texts and "AL1 Lijn" in texts
    assert not any(ch in texts for ch in "\x00\x01\x02\x07\x0b\x0c\x1b\x1f")


def test_same_model_gives_identical_bytes(tmp_path: Path) -> None:
    one = _render(tmp_path, name="one.docx").read_bytes()
    two = _render(tmp_path, name="two.docx").read_bytes()
    assert one == two
    other = _render(tmp_path, make_model(title="Ander programma"), "three.docx")
    assert other.read_bytes() != one
    props = docx.Document(str(tmp_path / "out" / "one.docx")).core_properties
    assert props.created.isoformat().startswith("2020-06-30")
    assert props.language == "nl-NL"


def test_workspace_reference_overrides_the_builtin(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "report_templates").mkdir(parents=True)
    custom = docx.Document(str(BUILTIN.path("reference.docx")))
    custom.sections[0].header.paragraphs[0].text = "Eigen kop: {title}"
    custom.save(str(workspace / "report_templates" / "reference.docx"))
    out = tmp_path / "o.docx"
    render_docx(make_model(draft=False), out, TemplateSet.for_workspace(workspace))
    header = docx.Document(str(out)).sections[0].header.paragraphs[0].text
    assert header == "Eigen kop: Samen tegen mensenhandel"


def test_broken_reference_is_a_report_error(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "report_templates").mkdir(parents=True)
    (workspace / "report_templates" / "reference.docx").write_text("geen zip")
    with pytest.raises(ReportError, match="not a usable Word document"):
        render_docx(make_model(), tmp_path / "o.docx", TemplateSet.for_workspace(workspace))


# --- LibreOffice: the document opens and lays out -----------------------------------------------


def to_pdf(docx_path: Path, tmp_path: Path) -> tuple[Path, int]:
    """Convert with a private LibreOffice profile; return the PDF and its page count."""
    profile = tmp_path / f"lo-profile-{docx_path.stem}"
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
        check=False, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = docx_path.with_suffix(".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF (its exit code says nothing)"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    return pdf, pages


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_renders_every_page(tmp_path: Path) -> None:
    out = _render(tmp_path)
    pdf, pages = to_pdf(out, tmp_path)
    # Title page, contents, summary, two action lines, changes, annex: each starts a page.
    assert pages >= 7
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Pagina 2 van" in text
    assert "Bron: Nationaal Rapporteur, dadermonitor" in text  # the footnote is laid out


def test_indicator_without_values_keeps_its_source_footnote(tmp_path: Path) -> None:
    empty = make_indicator("leeg", "Zonder waarden", values=[], footnotes=(1,))
    model = make_model()
    line = dataclasses.replace(model.action_lines[0], indicators=(empty,))
    out = _render(tmp_path, dataclasses.replace(model, action_lines=(line,)))
    document = docx.Document(str(out))
    assert footnote_texts(document) == ["Bron: Voortgangsbrieven van het programma"]
    assert "Nog geen waarden." in [p.text.rstrip(",") for p in document.paragraphs]
