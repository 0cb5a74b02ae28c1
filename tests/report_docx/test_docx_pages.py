"""The Word report's pages: what keeps together, column widths, fonts, contents, page fill.

Headings and captions stay with what follows; rows never split and no row is left alone on a
page; columns are never narrower than their longest word (dates and states than their whole
text); every character is drawn in the document's own font; the contents are a field Word
updates on opening; and the example's pages are filled (LibreOffice lays them out).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx_builders import make_model

from kpitrack.report.build import write_reports
from kpitrack.report.docx import render_docx
from kpitrack.report.docx_widths import CellText, column_widths, text_width_cm
from kpitrack.report.templates import TemplateSet
from kpitrack.report.texts import ACTION_ICONS, STATUS_ICONS

ROOT = Path(__file__).resolve().parents[2]
TWIPS_PER_CM = 1440 / 2.54


def _render(tmp_path: Path, lang: str = "nl") -> Any:
    out = tmp_path / f"report_{lang}.docx"
    render_docx(make_model(lang), out, TemplateSet.for_workspace(None))
    return docx.Document(str(out))


def _keep_next(paragraph: Any) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn("w:keepNext")) is not None


def _row_keeps(row: Any) -> bool:
    return all(_keep_next(p) for cell in row.cells for p in cell.paragraphs)


# --- what keeps together ----------------------------------------------------------------------


def test_headings_and_captions_keep_with_the_next_paragraph(tmp_path: Path) -> None:
    document = _render(tmp_path)
    body = document.paragraphs
    headings = [p for p in body if p.style.name.startswith("Heading")]
    captions = [p for p in body if p.style.name == "Caption" and p.text.startswith("Tabel")]
    assert len(headings) > 10 and len(captions) > 3
    for paragraph in headings + captions:
        assert _keep_next(paragraph), paragraph.text
        assert paragraph.paragraph_format.keep_together, paragraph.text


def test_rows_never_split_and_no_row_is_left_alone(tmp_path: Path) -> None:
    document = _render(tmp_path)
    for table in document.tables:
        rows = table.rows
        for row in rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert not _row_keeps(rows[-1])  # the table may end a page
        if len(rows) <= 16:  # a short table is kept on one page
            assert all(_row_keeps(r) for r in rows[:-1])
        else:  # header + first row together, and the last two rows together
            assert _row_keeps(rows[0]) and _row_keeps(rows[1]) and _row_keeps(rows[-2])


def test_long_tables_break_between_rows_but_keep_their_ends(tmp_path: Path) -> None:
    from kpitrack.report.docx_tables import Segment, table_element

    rows = [[[Segment(f"r{i}")], [Segment("x")]] for i in range(30)]
    table = table_element(rows, [2000, 2000], style_id=None, cell_style_id=None)
    kept = [r.find(f".//{qn('w:keepNext')}") is not None for r in table.findall(qn("w:tr"))]
    assert [i for i, k in enumerate(kept) if k] == [0, 1, 28]


def test_widow_control_is_on(tmp_path: Path) -> None:
    document = _render(tmp_path)
    defaults = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}")
    assert defaults.find(f"{qn('w:pPr')}/{qn('w:widowControl')}") is not None
    assert document.styles["Normal"].paragraph_format.widow_control is True


def test_chapters_follow_on_only_the_summary_starts_a_page(tmp_path: Path) -> None:
    document = _render(tmp_path)
    assert not document.styles["Heading 1"].paragraph_format.page_break_before
    first = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert first[0].text == "Samenvatting" and first[0].paragraph_format.page_break_before
    assert not any(p.paragraph_format.page_break_before for p in first[1:])


# --- widths -----------------------------------------------------------------------------------


def cell(text: str, *, bold: bool = False) -> CellText:
    return CellText((((text, bold),),))


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    notes = "18 november 2020: Kamerstuk 28638, nr. 184, 18 november 2020: aangekondigd"
    rows = [
        [cell(h, bold=True) for h in ("Nr.", "Actie", "Gereed", "Stand", "Laatste melding")],
        [cell(t, bold=b) for t, b in (
            ("AL1.9", False), ("Informatiegestuurd werken in alle eenheden", False),
            ("31 december 2022", False), ("in uitvoering", True), (notes, False),
        )],
    ]  # fmt: skip
    widths = column_widths(rows, nowrap=(0, 2, 3))
    assert abs(sum(widths) - 16.0) < 1e-9
    assert widths[4] > widths[1] > widths[2]  # the notes get the room
    assert widths[2] >= text_width_cm("31 december 2022", 9)  # dates on one line
    assert widths[3] >= text_width_cm("in uitvoering", 9, bold=True)
    assert widths[1] >= text_width_cm("Informatiegestuurd", 9)
    assert widths[4] >= text_width_cm("Laatste", 9, bold=True)


def test_too_much_to_fit_narrows_every_column_in_proportion() -> None:
    word = "x" * 200
    widths = column_widths([[cell(word), cell(word)]])
    assert widths == pytest.approx([8.0, 8.0])


# --- fonts and icons --------------------------------------------------------------------------


def test_statuses_are_words_without_symbols_the_fonts_lack(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    render_docx(make_model("nl"), out, TemplateSet.for_workspace(None))
    import zipfile

    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    icons = set(STATUS_ICONS.values()) | set(ACTION_ICONS.values()) - {"–"}
    assert not [icon for icon in icons if icon in xml]
    assert "Risico" in xml  # the status is there, in words


# --- contents ---------------------------------------------------------------------------------


def test_contents_are_a_field_word_updates_on_opening(tmp_path: Path) -> None:
    document = _render(tmp_path)
    settings = document.settings.element.find(qn("w:updateFields"))
    assert settings is not None and settings.get(qn("w:val")) == "true"
    body = document.element.body
    instructions = [i.text for i in body.iter(qn("w:instrText"))]
    assert any(re.fullmatch(r'\s*TOC \\o "1-3" \\h \\z \\u\s*', i or "") for i in instructions)
    begin = next(c for c in body.iter(qn("w:fldChar")) if c.get(qn("w:fldCharType")) == "begin")
    assert begin.get(qn("w:dirty")) == "true"


# --- the example, laid out by LibreOffice -----------------------------------------------------


def _page_fill() -> ModuleType:
    spec = importlib.util.spec_from_file_location("page_fill", ROOT / "scripts" / "page_fill.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("example-pages")
    (path,) = write_reports(ROOT, as_of=date(2022, 12, 31), lang="nl", formats=["docx"], out=out)
    return path, _page_fill().docx_to_pdf(path, out)


@pytest.mark.office
@pytest.mark.slow
def test_example_pages_are_filled(example: tuple[Path, Path]) -> None:
    pages = _page_fill().page_fill(example[1])
    assert len(pages) >= 10
    sparse = [p.page for p in pages if p.fill < 0.25]
    # Only the title page, the contents and the last page may be mostly white.
    assert set(sparse) <= {1, 2, len(pages)}, [(p.page, round(p.fill, 2)) for p in pages]


@pytest.mark.office
@pytest.mark.slow
def test_example_draws_every_character_in_its_own_font(example: tuple[Path, Path]) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(example[1])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    # Arial, which LibreOffice draws with Liberation Sans; no fallback font for a symbol.
    assert names and all(n.startswith("LiberationSans") for n in names), names


@pytest.mark.office
@pytest.mark.slow
def test_example_breaks_no_word_and_no_date(example: tuple[Path, Path]) -> None:
    document = docx.Document(str(example[0]))
    text = subprocess.run(
        ["pdftotext", "-raw", str(example[1]), "-"], capture_output=True, text=True, check=True
    ).stdout
    printed = set(text.split())
    dates = set()
    for table in document.tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                for word in cell.text.split():
                    if len(word) >= 6 and "-" not in word and "/" not in word:
                        assert word in printed, f"{word!r} broken across lines"
                match = re.fullmatch(r"\d{1,2} \w+ \d{4}", cell.text)
                if match:
                    dates.add(cell.text)
    assert len(dates) > 10
    lines = set(text.splitlines())
    for due in dates:  # a date cell holds its date on one line
        assert any(due in line for line in lines), due
