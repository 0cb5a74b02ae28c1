"""The Word report: each figure's own source beside it, and the warnings at submission per partner.

Read back with python-docx, then laid out by LibreOffice: the letters' sources stay on the page
of their table. The workspace is built through the real intake (tests/sourced_workspace.py);
the HTML side is tested in tests/report/test_figure_sources.py and test_completeness_warnings.py.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from kpitrack.report.build import write_reports
from sourced_workspace import CBS, FIRST, SHOWN_HOSTILE, write_sourced_workspace

AS_OF = date(2022, 12, 31)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("docx-sources")
    root = write_sourced_workspace(base / "ws")
    found: dict[str, Path] = {}
    for lang in ("nl", "en"):
        (path,) = write_reports(root, as_of=AS_OF, lang=lang, formats=["docx"], out=base / "out")
        found[lang] = path
    return found


def _tables(path: Path) -> list[list[list[str]]]:
    import docx

    document = docx.Document(str(path))
    return [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]


def _after(path: Path, first_cell: str) -> list[str]:
    """The paragraphs right after the table whose first body row starts with ``first_cell``."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    body = list(document.element.body)
    for index, element in enumerate(body):
        if element.tag != qn("w:tbl"):
            continue
        rows = element.findall(qn("w:tr"))
        cells = rows[1].findall(qn("w:tc")) if len(rows) > 1 else []
        if cells and "".join(t.text or "" for t in cells[0].iter(qn("w:t"))) == first_cell:
            found = []
            for following in body[index + 1 : index + 6]:
                if following.tag != qn("w:p"):
                    break
                found.append("".join(t.text or "" for t in following.iter(qn("w:t"))))
            return found
    raise AssertionError(f"no table starting with {first_cell!r}")


@pytest.mark.parametrize(("lang", "word"), [("nl", "Bron"), ("en", "Source")])
def test_the_value_table_has_a_source_letter_beside_each_sourced_figure(
    reports, lang, word
) -> None:
    tables = _tables(reports[lang])
    zaken = next(t for t in tables if t[1][:2] == ["2018", "180"])
    assert zaken[0][:3] == [
        {"nl": "Periode", "en": "Period"}[lang],
        {"nl": "Waarde", "en": "Value"}[lang],
        word,
    ]
    assert [(row[0], row[2]) for row in zaken[1:]] == [
        ("2018", "a"),
        ("2019", "b"),
        ("2020", "b"),
        ("2021", ""),
        ("2022", ""),
    ]
    heading = {"nl": "Bron per cijfer", "en": "Source per figure"}[lang]
    # The tab between letter and text reads as a space in python-docx's w:t text.
    assert _after(reports[lang], "2018")[1:4] == [heading, f"a{FIRST}", f"b{CBS}"]
    # A table whose figures name no source of their own has no such column.
    aandeel = next(t for t in tables if t[1][1] == "43")
    assert word not in aandeel[0]
    meldingen = next(t for t in tables if t[1][:2] == ["2019", "40"])
    assert [row[2] for row in meldingen[1:]] == ["a", ""]
    listed = _after(reports[lang], "2019")
    assert f"a{SHOWN_HOSTILE}" in listed and not any("\u202e" in p for p in listed)


@pytest.mark.parametrize(
    ("lang", "header", "cells"),
    [
        (
            "nl",
            "Waarschuwingen bij aanlevering",
            ("4 (in 3 aanleveringen)", "1 (in 1 aanlevering)"),
        ),
        ("en", "Warnings at submission", ("4 (in 3 submissions)", "1 (in 1 submission)")),
    ],
)
def test_the_annex_counts_the_warnings_at_submission(reports, lang, header, cells) -> None:
    import docx

    annex = next(t for t in _tables(reports[lang]) if t[0][0] == "Partner")
    assert annex[0][-1] == header
    assert {row[0]: row[-1] for row in annex[1:]} == dict(
        zip(("Politie", "NGO"), cells, strict=True)
    )
    paragraphs = [p.text for p in docx.Document(str(reports[lang])).paragraphs]
    note = next(p for p in paragraphs if p.startswith(("Een waarschuwing", "A warning")))
    assert ("uitsplitsing" if lang == "nl" else "breakdown") in note


@pytest.mark.office
@pytest.mark.slow
def test_on_paper_the_sources_stay_with_their_table(reports, soffice: str, tmp_path: Path) -> None:
    source = tmp_path / reports["nl"].name
    source.write_bytes(reports["nl"].read_bytes())
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=False, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = source.with_suffix(".pdf")
    assert pdf.is_file(), "LibreOffice wrote no PDF (its exit code says nothing)"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")

    def page_of(snippet: str) -> int:
        return next(i for i, page in enumerate(pages) if snippet in page)

    assert page_of("Waarden van Zaken") == page_of(FIRST) == page_of(CBS)
    assert page_of("Waarden van Meldingen") == page_of("=HYPERLINK")
    assert "Waarschuwingen bij" in pages[page_of("4 (in 3 aanleveringen)")]
