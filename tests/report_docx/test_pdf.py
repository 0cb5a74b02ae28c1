"""``kpitrack report --format pdf``: the Word report as a tagged PDF whose contents list pages.

LibreOffice lays the Word file out and its Python bridge updates the contents before export;
without LibreOffice the command says what to install and writes nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx_builders import make_model

from kpitrack.core.errors import ReportError
from kpitrack.report import pdf as pdf_module
from kpitrack.report.pdf import convert, find_libreoffice, pdf_bytes, pdf_pages
from kpitrack.report.templates import TemplateSet
from small_workspace import write_small_workspace


def _text(path: Path, *pages: int) -> str:
    first, last = (pages[0], pages[-1]) if pages else (1, 0)
    args = ["pdftotext", "-layout", "-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run(
        [*args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.office
@pytest.mark.slow
def test_pdf_is_tagged_and_its_contents_have_page_numbers(soffice: str, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(pdf_bytes(make_model("nl"), TemplateSet.for_workspace(None)))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    pages = pdf_pages(out)
    assert pages >= 3 and f"Pages:           {pages}" in info
    contents = _text(out, 2)
    assert "Inhoud" in contents
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", contents, re.M)
    assert len(entries) >= 5, contents
    assert entries[0][0] == "Samenvatting" and entries[0][1] == "3"
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[-1] <= pages
    assert not list(tmp_path.glob(".kpitrack-pdf-*"))  # the work files are gone


@pytest.mark.office
@pytest.mark.slow
def test_report_command_writes_html_docx_and_pdf(soffice: str, tmp_path: Path) -> None:
    root = write_small_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "report", str(root), "--as-of", "2020-12-31",
         "--lang", "nl", "--format", "html,docx,pdf", "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"proef_2020-12-31_nl.{ext}" for ext in ("docx", "html", "pdf")]
    assert pdf_pages(out / "proef_2020-12-31_nl.pdf") >= 2
    assert "Proefprogramma" in _text(out / "proef_2020-12-31_nl.pdf", 1, 1)


def test_without_libreoffice_the_command_says_what_to_install(tmp_path: Path) -> None:
    root = write_small_workspace(tmp_path / "ws")
    out = tmp_path / "out"
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "report", str(root), "--as-of", "2020-12-31",
         "--format", "html,pdf", "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    message = done.stdout + done.stderr
    assert "LibreOffice" in message
    assert "apt-get install libreoffice-writer-nogui" in message
    assert "Traceback" not in message
    assert not out.exists()  # checked before anything was written


def test_without_the_python_bridge_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module, "_python_candidates", lambda soffice: [])
    with pytest.raises(ReportError, match="python3-uno"):
        find_libreoffice()


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    root = write_small_workspace(tmp_path / "ws")
    done = subprocess.run(
        [sys.executable, "-m", "kpitrack", "report", str(root), "--format", "odt",
         "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2
    assert "html, docx, pdf" in done.stdout + done.stderr


@pytest.mark.office
def test_a_failed_conversion_is_an_error_not_silence(soffice: str, tmp_path: Path) -> None:
    soffice_path, python = find_libreoffice()
    with pytest.raises(ReportError, match=r"could not convert|no usable PDF"):
        convert(tmp_path / "missing.docx", tmp_path / "x.pdf", soffice=soffice_path, python=python)
    assert not (tmp_path / "x.pdf").exists()


def test_page_count_of_what_is_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"<html>/Type /Page</html>")
    assert pdf_pages(fake) == 0
    assert pdf_pages(tmp_path / "missing.pdf") == 0
    real = tmp_path / "real.pdf"
    real.write_bytes(b"%PDF-1.6\n1 0 obj<</Type/Pages/Kids[2 0 R 3 0 R]>>\n"
                     b"2 0 obj<</Type/Page>>\n3 0 obj<</Type /Page/Parent 1 0 R>>\n")  # fmt: skip
    assert pdf_pages(real) == 2
