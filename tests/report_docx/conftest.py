"""Fixtures of the Word renderer tests; model builders live in docx_builders.py."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice executable; the test is skipped where it is not installed."""
    found = shutil.which("soffice")
    if found is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs LibreOffice and poppler-utils")
    return found
