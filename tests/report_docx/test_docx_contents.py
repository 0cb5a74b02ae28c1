"""What the Word report shows: title page, milestones, captions, draft mark, units, alignment."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx_builders import make_indicator, make_model

from kpitrack.i18n.report_texts import report_texts as texts_for
from kpitrack.report import model as rm
from kpitrack.report.docx import render_docx
from kpitrack.report.templates import TemplateSet

BUILTIN = TemplateSet.for_workspace(None)
RENDERER_LABELS = ("figure_label", "table_label", "page_x_of_y", "toc_hint")


def _render(tmp_path: Path, model=None, name: str = "r.docx", templates=BUILTIN) -> Path:
    out = tmp_path / "out" / name
    render_docx(model or make_model(), out, templates)
    return out


def _front(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    return texts[: texts.index("Samenvatting")]


def _text_without_note_marks(paragraph) -> str:
    """The paragraph's text, leaving out runs in the footnote-reference style (marks, commas)."""
    parts = []
    for run in paragraph._p.iter(qn("w:r")):
        style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if style is not None and style.get(qn("w:val")) == "FootnoteReference":
            continue
        parts.extend(t.text or "" for t in run.iter(qn("w:t")))
    return "".join(parts)


# --- 1. title page --------------------------------------------------------------------------


def test_the_annex_names_the_definitions_commit_not_the_title_page(tmp_path: Path) -> None:
    commit = "3cbef19bae2706fe2ae4b7534f154563d5a77dc5"
    model = dataclasses.replace(make_model(), definitions_commit=commit)
    document = docx.Document(str(_render(tmp_path, model)))
    line = f"Definities vastgelegd in (git-commit): {commit}"
    assert not any(commit in text for text in _front(document))
    texts = [p.text for p in document.paragraphs]
    # In the annex, under "Versie en gegevens", after the line that says what it identifies.
    at = len(texts) - 1 - texts[::-1].index("Versie en gegevens")  # the heading, not the TOC
    assert line in texts[at:]
    assert texts[at + 1].startswith("De git-commit legt de versie vast")

    modified = dataclasses.replace(model, definitions_modified=True)
    texts = [p.text for p in docx.Document(str(_render(tmp_path, modified, "m.docx"))).paragraphs]
    assert f"{line} (met nog niet vastgelegde wijzigingen)" in texts


def test_title_page_without_git_has_no_commit_line(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    assert not any("git-commit" in line for line in _front(document))
    assert not any(p.text.startswith("Definities vastgelegd") for p in document.paragraphs)


# --- 2. milestones --------------------------------------------------------------------------


def test_milestone_rows_say_they_are_milestones(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    # The chapters' tables have the latest update under the title: "Actie" over "Laatste melding".
    chapter = next(t for t in document.tables if t.rows[0].cells[1].text.startswith("Actie\n"))
    rows = {r.cells[0].text: r.cells[1].paragraphs[0].text for r in chapter.rows[1:]}
    assert rows["AL1.4.a"] == "mijlpaal: Alle 35 regio's een zorgcoördinator"
    assert rows["AL1.4"] == "Landelijke dekking met zorgcoördinatoren"
    # The label is muted, the title is not (as in the HTML).
    cell = next(r.cells[1] for r in chapter.rows if r.cells[0].text == "AL1.4.a")
    label, title = cell.paragraphs[0].runs
    assert label.text == "mijlpaal: " and str(label.font.color.rgb) == "4B5563"
    assert title.font.color.rgb is None
    # The annex lists every action and milestone the same way, without the latest updates.
    annex = document.tables[-1]
    assert [c.text for c in annex.rows[0].cells][1] == "Actie"
    milestone = next(r for r in annex.rows if r.cells[0].text == "AL1.4.a")
    assert milestone.cells[1].text == "mijlpaal: Alle 35 regio's een zorgcoördinator"


def test_milestone_label_in_english(tmp_path: Path) -> None:
    model = make_model("en")
    line = model.action_lines[0]
    milestone = dataclasses.replace(line.actions[0].milestones[0], kind_label="milestone")
    action = dataclasses.replace(line.actions[0], milestones=(milestone,))
    model = dataclasses.replace(
        model, action_lines=(dataclasses.replace(line, actions=(action,)), *model.action_lines[1:])
    )
    document = docx.Document(str(_render(tmp_path, model)))
    chapter = next(t for t in document.tables if t.rows[0].cells[1].text.startswith("Action\n"))
    assert chapter.rows[2].cells[1].text.startswith("milestone: ")


# --- 3. value table captions ----------------------------------------------------------------


def test_value_caption_carries_the_unit_and_ends_tidily(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    captions = [
        p for p in document.paragraphs if p.style.name == "Caption" and "Waarden van" in p.text
    ]
    texts = [re.sub(r"^Tabel \d+\. ", "", _text_without_note_marks(p)) for p in captions]
    assert texts == [
        "Waarden van Regio's met zorgcoördinatie (regio's)",
        "Waarden van Veroordelingen voor mensenhandel (regio's)",
    ]
    # Two notes on one caption: their marks are separated by a comma styled as a mark itself.
    two = captions[1]._p
    runs = list(two.iter(qn("w:r")))
    refs = [i for i, r in enumerate(runs) if r.find(qn("w:footnoteReference")) is not None]
    assert len(refs) == 2
    (separator,) = runs[refs[0] + 1 : refs[1]]
    assert "".join(t.text for t in separator.iter(qn("w:t"))) == ","
    assert separator.find(f"{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == (
        "FootnoteReference"
    )
    assert separator.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript"


def test_target_caption_carries_the_unit(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    captions = [p.text for p in document.paragraphs if "Streefwaarden van" in p.text]
    assert captions
    assert all(c.endswith(" (regio's)") for c in captions), captions


def test_value_caption_without_unit_has_no_empty_brackets(tmp_path: Path) -> None:
    plain = dataclasses.replace(make_indicator("index", "Index"), unit="")
    model = make_model()
    line = dataclasses.replace(model.action_lines[0], indicators=(plain,))
    model = dataclasses.replace(model, action_lines=(line, *model.action_lines[1:]))
    document = docx.Document(str(_render(tmp_path, model)))
    caption = next(p for p in document.paragraphs if "Waarden van" in p.text)
    assert re.fullmatch(r"Tabel \d+\. Waarden van Index", _text_without_note_marks(caption))


# --- 4. draft mark on every page ------------------------------------------------------------


def _shown_headers(document) -> list:
    section = document.sections[0]
    headers = [section.header]
    if section.different_first_page_header_footer:
        headers.append(section.first_page_header)
    return headers


def test_draft_mark_in_every_header_and_only_there(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    headers = _shown_headers(document)
    assert len(headers) == 2  # the reference has its own (empty) title-page header
    for header in headers:
        assert "CONCEPT" in "\n".join(p.text for p in header.paragraphs)
    assert not any("CONCEPT" in p.text for p in document.paragraphs)
    final = docx.Document(str(_render(tmp_path, make_model(draft=False), "final.docx")))
    for header in _shown_headers(final):
        assert "CONCEPT" not in "\n".join(p.text for p in header.paragraphs)
    assert final.sections[0].header.paragraphs[0].text == "Samen tegen mensenhandel"


def test_draft_mark_survives_a_reference_without_title_placeholder(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "report_templates").mkdir(parents=True)
    custom = docx.Document(str(BUILTIN.path("reference.docx")))
    custom.sections[0].header.paragraphs[0].text = "Ministerie van Justitie en Veiligheid"
    custom.save(str(workspace / "report_templates" / "reference.docx"))
    templates = TemplateSet.for_workspace(workspace)
    document = docx.Document(str(_render(tmp_path, templates=templates)))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert "CONCEPT" in header and "Ministerie van Justitie en Veiligheid" in header


def _page_tops(pdf: Path, pages: int) -> list[str]:
    """Text of the top band (header area) of each page."""
    tops = []
    for page in range(1, pages + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-x", "0", "-y", "0",
             "-W", "600", "-H", "60", str(pdf), "-"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        tops.append(out.stdout)
    return tops


@pytest.mark.office
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("draft", [True, False])
def test_draft_mark_on_every_printed_page(tmp_path: Path, draft: bool) -> None:
    from test_render_docx import to_pdf

    out = _render(tmp_path, make_model(draft=draft), f"draft-{draft}.docx")
    pdf, pages = to_pdf(out, tmp_path)
    assert pages >= 7
    tops = _page_tops(pdf, pages)
    whole = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    if draft:
        assert all("CONCEPT" in top for top in tops), tops
        assert whole.count("CONCEPT") == pages  # once per page, never in the body
    else:
        assert "CONCEPT" not in whole
        assert all("Samen tegen mensenhandel" in top for top in tops[1:])


# --- 5. unit and measure --------------------------------------------------------------------


def _facts(document, name: str) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    start = next(
        i
        for i, p in enumerate(document.paragraphs)
        if p.style.name == "Heading 3" and p.text == name
    )
    paragraphs = document.paragraphs
    end = next(
        i for i in range(start + 1, len(texts)) if paragraphs[i].style.name.startswith("Heading")
    )
    return texts[start:end]


def test_unit_is_not_repeated_where_figures_carry_it(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    facts = _facts(document, "Regio's met zorgcoördinatie")
    assert not any(f.startswith("Eenheid:") for f in facts)
    assert "Soort maat: aantal" in facts


def test_unit_shown_once_when_no_figure_carries_it(tmp_path: Path) -> None:
    bare = dataclasses.replace(
        make_indicator("leeg", "Zonder waarden", values=[]), baseline="", target=""
    )
    model = make_model()
    line = dataclasses.replace(model.action_lines[0], indicators=(bare,), actions=())
    model = dataclasses.replace(model, action_lines=(line,))
    texts = [p.text for p in docx.Document(str(_render(tmp_path, model))).paragraphs]
    assert "Soort maat: aantal (regio's)" in texts
    assert not any(t.startswith("Eenheid:") for t in texts)


# --- 6. renderer labels come from texts.py ---------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en", "fr"])
def test_renderer_labels_are_report_texts(lang: str) -> None:
    texts = texts_for(lang)
    assert all(texts.get(key) for key in RENDERER_LABELS)
    assert "{page}" in texts["page_x_of_y"] and "{pages}" in texts["page_x_of_y"]


def test_renderer_uses_the_model_texts_for_its_labels(tmp_path: Path) -> None:
    model = make_model("en", draft=False)
    texts = {**model.texts, "table_label": "Tbl", "figure_label": "Fig", "toc_hint": "Press F9"}
    texts["page_x_of_y"] = "p. {page}/{pages}"
    document = docx.Document(str(_render(tmp_path, dataclasses.replace(model, texts=texts))))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tbl 1. ")
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("p. ") and "/" in footer


# --- 7. numbers right-aligned ----------------------------------------------------------------


def _alignments(table) -> list[list[bool]]:
    return [
        [c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT for c in r.cells] for r in table.rows
    ]


def test_numeric_columns_are_right_aligned(tmp_path: Path) -> None:
    document = docx.Document(str(_render(tmp_path)))
    for summary in document.tables[:2]:
        for row in _alignments(summary):
            assert row == [False] + [True] * (len(row) - 1)
    values = next(t for t in document.tables if t.rows[0].cells[1].text == "Waarde")
    for row in _alignments(values):
        assert row == [False, True, False, True, False]
    targets = next(t for t in document.tables if t.rows[0].cells[1].text == "Streefwaarde")
    assert all(row == [False, True, False, False, False] for row in _alignments(targets))
    completeness = next(t for t in document.tables if t.rows[0].cells[0].text == "Partner")
    assert all(row == [False, True, True, True, False, False] for row in _alignments(completeness))


def test_the_texts_around_a_verdict_come_before_the_chart(tmp_path: Path) -> None:
    model = make_model()
    line = model.action_lines[0]
    first = line.indicators[0]
    texts = {
        "target_verdicts": "Op koers ten opzichte van de bijgestelde streefwaarde 32; ten "
        "opzichte van de oorspronkelijke 35: risico",
        "since_previous": "Sinds de vorige rapportage (31 december 2019): 25 (2019) → 30 (2020); "
        "risico → op koers.",
        "forecast": "In dit tempo wordt de streefwaarde van 35 in 2025 gehaald, drie jaar na het "
        "einde van het programma.",
        "next_expected": "Het cijfer over 2021 had uiterlijk op 31 maart 2022 binnen moeten zijn "
        "en is niet ontvangen: te laat.",
    }
    values = tuple(dataclasses.replace(v, marks=("nog niet geaccordeerd",)) for v in first.values)
    changed = dataclasses.replace(first, next_late=True, values=values, **texts)
    line = dataclasses.replace(line, indicators=(changed, *line.indicators[1:]))
    document = docx.Document(
        str(
            _render(
                tmp_path, dataclasses.replace(model, action_lines=(line, *model.action_lines[1:]))
            )
        )
    )
    paragraphs = [p.text for p in document.paragraphs]
    at = [paragraphs.index(text) for text in texts.values()]
    caption = next(i for i, t in enumerate(paragraphs) if t.startswith("Figuur 1."))
    assert at == sorted(at) and at[-1] < caption  # all four, in order, before the chart
    late = document.paragraphs[at[-1]]
    assert all(run.bold for run in late.runs)  # a late figure stands out
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(c.endswith("nog niet geaccordeerd") for c in cells)  # the place for review marks


def test_the_sentence_before_the_changes_table_stays_with_it(tmp_path: Path) -> None:
    change = rm.ChangeEntry(
        "target_revised", "Streefwaarde herzien", "Zaken naar het OM (zaken)", "200", "240",
        "1 maart 2020", "Ministerie",
    )  # fmt: skip
    model = make_model(changes=(change,))
    document = docx.Document(str(_render(tmp_path, model)))
    (since,) = [p for p in document.paragraphs if p.text == model.previous_report]
    assert since.paragraph_format.keep_with_next is True
    without = dataclasses.replace(model, changes=())
    document = docx.Document(str(_render(tmp_path, without, name="none.docx")))
    (since,) = [p for p in document.paragraphs if p.text == model.previous_report]
    assert not since.paragraph_format.keep_with_next  # "no changes" follows: nothing to keep


def test_a_partner_without_data_reads_as_in_the_html_annex(tmp_path: Path) -> None:
    model = make_model()
    empty = rm.CompletenessRow("szw", "Ministerie van SZW", 0, 0, "0", "0", "", "")
    annex = dataclasses.replace(model.annex, completeness=(*model.annex.completeness, empty))
    document = docx.Document(str(_render(tmp_path, dataclasses.replace(model, annex=annex))))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == model.texts["col_partner"]]
    last = [cell.text for cell in table.rows[-1].cells]
    assert last == ["Ministerie van SZW", "0", "0", "–", "–", "–"]  # as the HTML shows it
