"""A report that is not published is marked as a draft (concept), on every printed page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import History


def _html(history: History, tmp_path: Path, cli, *extra: str) -> str:
    out = tmp_path / "out"
    args = ["report", str(history.root), "--as-of", "2020-12-31", "--lang", "nl"]
    result = cli(*args, "--format", "html", "--out", str(out), *extra)
    assert result.code == 0, result.err
    return (out / "proef_2020-12-31_nl.html").read_text(encoding="utf-8")


def test_draft_has_banner_published_has_none(history: History, tmp_path: Path, cli) -> None:
    assert '<p class="draft-banner">Concept</p>' in _html(history, tmp_path, cli)
    assert 'class="draft-banner"' not in _html(history, tmp_path, cli, "--publish")


@pytest.mark.browser
@pytest.mark.slow
def test_draft_mark_on_every_printed_page(history: History, tmp_path: Path, cli) -> None:
    chromium, pdftotext = shutil.which("chromium"), shutil.which("pdftotext")
    if chromium is None or pdftotext is None:
        pytest.skip("needs chromium and poppler-utils")
    _html(history, tmp_path, cli)
    page = tmp_path / "out" / "proef_2020-12-31_nl.html"
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    assert all("CONCEPT" in p for p in pages)
