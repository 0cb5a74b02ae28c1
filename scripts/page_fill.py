"""How full is each page of a report? Pages, and those less than a quarter filled.

Usage (from the repository root)::

    .venv/bin/python scripts/page_fill.py out/samen-tegen-mensenhandel_2022-12-31_nl.docx
    .venv/bin/python scripts/page_fill.py report.pdf --json

A .docx is first converted to PDF by LibreOffice (its own profile, so it runs beside an open
LibreOffice). Each page is rendered in grey by poppler's ``pdftoppm``; the share of the text
area (the page less its margins, where the running header and page number sit) covered by
content is the page's fill. A row of pixels counts as covered when it has ink, or lies in a gap
of less than a line between rows with ink (the white between the lines of a paragraph is part
of the text). Needs LibreOffice (for .docx) and poppler-utils.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

DPI = 40
INK = 200  # grey level below which a pixel is ink (0 black, 255 white)
MARGIN_CM = 2.3  # top and bottom: header and footer sit outside the text area
LINE_CM = 0.6  # a gap smaller than this between rows with ink is part of the text
QUARTER = 0.25


@dataclass(frozen=True)
class PageFill:
    """One page: its number and the share of its text area covered by content."""

    page: int
    fill: float


def page_fill(pdf: Path) -> list[PageFill]:
    """The fill of every page of ``pdf``."""
    with tempfile.TemporaryDirectory(prefix="kpitrack-fill-") as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(DPI), str(pdf), str(prefix)],
            check=True,
            capture_output=True,
        )
        pages = sorted(Path(tmp).glob("page-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        return [PageFill(number, _fill(path)) for number, path in enumerate(pages, start=1)]


def _fill(pgm: Path) -> float:
    width, height, pixels = _read_pgm(pgm)
    per_cm = DPI / 2.54
    top = round(MARGIN_CM * per_cm)
    bottom = height - round(MARGIN_CM * per_cm)
    inked = [min(pixels[row * width : (row + 1) * width]) < INK for row in range(top, bottom)]
    covered = list(inked)
    gap = round(LINE_CM * per_cm)
    last = None
    for index, ink in enumerate(inked):
        if not ink:
            continue
        if last is not None and 1 < index - last <= gap:
            for between in range(last + 1, index):
                covered[between] = True
        last = index
    return sum(covered) / max(len(covered), 1)


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields: list[bytes] = []
    position = 0
    while len(fields) < 4:  # magic, width, height, maxval
        while data[position : position + 1].isspace():
            position += 1
        if data[position : position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise ValueError(f"{path}: not an 8-bit binary PGM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[position + 1 : position + 1 + width * height]


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """The PDF LibreOffice makes of ``docx`` (a profile of its own for this run)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    profile = Path(tempfile.mkdtemp(prefix="kpitrack-lo-"))
    try:
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():  # LibreOffice exits 0 even when it could not convert
        raise SystemExit(f"LibreOffice made no PDF of {docx}")
    return pdf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="a .pdf or a .docx")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpitrack-fill-") as tmp:
        pdf = args.report
        if pdf.suffix.lower() == ".docx":
            pdf = docx_to_pdf(pdf, Path(tmp))
        pages = page_fill(pdf)
    sparse = [p for p in pages if p.fill < QUARTER]
    if args.json:
        print(
            json.dumps(
                {
                    "pages": len(pages),
                    "under_a_quarter": [p.page for p in sparse],
                    "fill": [asdict(p) for p in pages],
                },
                indent=2,
            )
        )
        return
    for p in pages:
        mark = "  < 1/4" if p.fill < QUARTER else ""
        print(f"page {p.page:3d}: {p.fill:5.0%}{mark}")
    listed = ", ".join(str(p.page) for p in sparse) or "none"
    print(f"{len(pages)} pages; less than a quarter filled: {listed}")


if __name__ == "__main__":
    sys.exit(main())
