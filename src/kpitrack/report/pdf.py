"""The PDF report: the Word report, laid out and exported by LibreOffice (``--format pdf``).

LibreOffice's own ``--convert-to pdf`` keeps the table of contents as the Word file cached it,
without page numbers; so a small script (:mod:`kpitrack.report.lo_pdf_export`) run by
LibreOffice's Python bridge opens the document, updates the contents and exports a tagged PDF.
Each run gets a LibreOffice profile of its own (runs side by side would otherwise fail
silently), and since LibreOffice can exit 0 without writing anything, the PDF is checked: it
must exist, be a PDF and have pages.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ReportError

if TYPE_CHECKING:
    from kpitrack.report.model import ReportModel
    from kpitrack.report.templates import TemplateSet

INSTALL_HINT = "apt-get install libreoffice-writer-nogui python3-uno"
TIMEOUT_SECONDS = 600
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_bytes(model: ReportModel, templates: TemplateSet) -> bytes:
    """The PDF report of ``model``: the Word report, converted by LibreOffice.

    Raises :class:`ReportError` when LibreOffice (or its Python bridge) is missing, and when
    the conversion fails or yields no pages.
    """
    from kpitrack.report.docx import docx_bytes

    soffice, python = find_libreoffice()
    with tempfile.TemporaryDirectory(prefix="kpitrack-pdf-") as tmp:
        work = Path(tmp)
        source = work / "report.docx"
        source.write_bytes(docx_bytes(model, templates))
        target = work / "report.pdf"
        convert(source, target, soffice=soffice, python=python)
        return target.read_bytes()


def find_libreoffice() -> tuple[str, str]:
    """LibreOffice's ``soffice`` and a Python that has LibreOffice's ``uno`` module.

    Raises :class:`ReportError` naming the packages to install when either is missing.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReportError(
            f"--format pdf needs LibreOffice, which is not installed; install it with: "
            f"{INSTALL_HINT}"
        )
    for python in _python_candidates(soffice):
        try:
            found = subprocess.run(
                [python, "-c", "import uno"], capture_output=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return soffice, python
    raise ReportError(
        "--format pdf needs LibreOffice's Python bridge (the uno module), which is not "
        f"installed; install it with: {INSTALL_HINT}"
    )


def convert(source: Path, target: Path, *, soffice: str, python: str) -> None:
    """Convert the Word file ``source`` to a tagged PDF ``target`` with an updated contents."""
    script = Path(__file__).with_name("lo_pdf_export.py")
    profile = Path(tempfile.mkdtemp(prefix="kpitrack-lo-profile-"))
    command = [python, str(script), soffice, profile.as_uri(), str(source), str(target)]
    try:
        # A session of its own: on a time-out the converter and the LibreOffice it started
        # are stopped together, and nothing else.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ReportError(
                f"LibreOffice did not finish the PDF of {source.name} within {TIMEOUT_SECONDS} s"
            ) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    message = err.decode("utf-8", "replace").strip().splitlines()
    if process.returncode != 0:
        detail = message[-1] if message else f"exit status {process.returncode}"
        raise ReportError(f"LibreOffice could not convert {source.name} to PDF: {detail}")
    pages = pdf_pages(target)
    if pages == 0:
        raise ReportError(f"LibreOffice wrote no usable PDF for {source.name}")


def pdf_pages(path: Path) -> int:
    """The number of pages of the PDF at ``path``; 0 when it is missing or not a PDF."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    if not data.startswith(b"%PDF-"):
        return 0
    return len(_PAGE.findall(data))


def _python_candidates(soffice: str) -> list[str]:
    """Pythons that may have ``uno``: LibreOffice's own (bundled on Windows and macOS, and in
    The Document Foundation's packages), then the system's (Debian's ``python3-uno``)."""
    program = Path(os.path.realpath(soffice)).parent
    candidates = [str(program / "python"), str(program / "python.exe"), "/usr/bin/python3"]
    system = shutil.which("python3")
    if system is not None:
        candidates.append(system)
    seen: list[str] = []
    for candidate in candidates:
        if candidate not in seen and Path(candidate).is_file():
            seen.append(candidate)
    return seen
