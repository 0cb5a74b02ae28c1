"""Run by LibreOffice's Python (Debian: ``python3-uno``), never imported by kpitrack.

``python3 lo_pdf_export.py SOFFICE PROFILE_URL IN.docx OUT.pdf`` starts LibreOffice headless with
the given profile, opens the Word file, updates its table of contents (``soffice --convert-to``
leaves a contents field as the Word file cached it, without page numbers), and exports a tagged
PDF (structure and alternative texts kept for screen readers) with the headings as bookmarks.
Exit status 0 when the PDF was written; otherwise 1 with the reason on stderr (SystemExit's
message: this is a script, not a part of the library that draws on a terminal).

Standard library and ``uno`` only: this runs outside kpitrack's virtual environment.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from typing import Any

CONNECT_SECONDS = 60


def main(argv: list[str]) -> int:
    """Convert ``argv[3]`` (.docx) to ``argv[4]`` (.pdf) with LibreOffice ``argv[1]``."""
    if len(argv) != 5:
        raise SystemExit("usage: lo_pdf_export.py SOFFICE PROFILE_URL IN.docx OUT.pdf")
    soffice, profile_url, source, target = argv[1:]
    import uno  # type: ignore[import-not-found]

    pipe = f"kpitrack_pdf_{os.getpid()}"
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile_url}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    desktop: Any = None
    try:
        context = _connect(uno, office, pipe)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)),
            "_blank",
            0,
            (_property(uno, "Hidden", True),),
        )
        if document is None:
            raise SystemExit(f"LibreOffice could not open {source}")
        try:
            _update_indexes(document)
            filter_data = uno.Any(
                "[]com.sun.star.beans.PropertyValue",
                (
                    _property(uno, "UseTaggedPDF", True),
                    _property(uno, "ExportBookmarks", True),
                    _property(uno, "ExportFormFields", False),
                ),
            )
            uno.invoke(
                document,
                "storeToURL",
                (
                    uno.systemPathToFileUrl(os.path.abspath(target)),
                    (
                        _property(uno, "FilterName", "writer_pdf_Export"),
                        _property(uno, "FilterData", filter_data),
                    ),
                ),
            )
        finally:
            document.close(True)
        return 0
    except Exception as exc:  # a UNO error of any kind: say what, the caller reports it
        raise SystemExit(f"LibreOffice failed: {exc}") from exc
    finally:
        _stop(desktop, office)


def _connect(uno: Any, office: subprocess.Popen[bytes], pipe: str) -> Any:
    """The component context of the LibreOffice just started, once it accepts connections."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    no_connection = uno.getClass("com.sun.star.connection.NoConnectException")
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        if office.poll() is not None:
            raise RuntimeError(f"LibreOffice stopped at start-up (exit {office.returncode})")
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except no_connection:
            if time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start in time") from None
            time.sleep(0.1)


def _update_indexes(document: Any) -> None:
    """Fill the table of contents with the headings and their page numbers.

    Twice: the first pass may change the contents' length and so move the pages it lists.
    """
    indexes = document.getDocumentIndexes()
    for _ in range(2):
        for number in range(indexes.getCount()):
            indexes.getByIndex(number).update()
        document.getTextFields().refresh()


def _stop(desktop: Any, office: subprocess.Popen[bytes]) -> None:
    if desktop is not None:
        # The bridge may already be gone when LibreOffice quits: nothing left to do then.
        with contextlib.suppress(Exception):
            desktop.terminate()
    try:
        office.wait(timeout=30)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def _property(uno: Any, name: str, value: Any) -> Any:
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name = name
    prop.Value = value
    return prop


if __name__ == "__main__":
    sys.exit(main(sys.argv))
