"""Every ``sh`` block of the README and the role guides runs as written, and does what it says."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Set-up lines the test environment has already done.
SKIPPED_PREFIXES = ("python3 -m venv", ". .venv/bin/activate", "make ")
WORKSPACE_PARTS = ("programme", "kpis", "measurements", "commentary", "reports", "schemas")

# For each document: what its run must print (exit codes the text announces) and leave behind.
EXPECTED: dict[str, tuple[list[str], list[str]]] = {
    "README.md": (
        ["valid", "samen-tegen-mensenhandel"],
        [
            "out/samen-tegen-mensenhandel_2022-12-31_en.html",
            "out/samen-tegen-mensenhandel_2022-12-31_en.docx",
            "out/open-data/samen-tegen-mensenhandel.csv",
            "out/open-data/samen-tegen-mensenhandel.structure.xml",
            "out/open-data/datapackage.json",
            "my-programme/programme/programme.yaml",
        ],
    ),
    "docs/en/ministry-staff.md": (
        ["exit code: 1", "AL9", "exit code: 1"],
        ["validation.json", "my-programme/schemas/programme.schema.json"],
    ),
    "docs/nl/ministerie.md": (
        ["afsluitcode: 1", "AL9"],
        ["validatie.json", "mijn-programma/schemas/programme.schema.json"],
    ),
    "docs/en/partner.md": (
        [
            "exit code: 1",
            "figures.csv:3:",
            "accepted as submission 1",
            "store OK",
            "1180 (P, submission 1, uitvoerder) → 1206 (A)",
            "24 (A, submission 1, uitvoerder), now no value (M)",
            "accepted as submission 2",
            "withdrew  wachttijd-dagen 2024-H1 (total)",
            "jump (warning)",
        ],
        ["figures.xlsx", "demo/measurements/ledger.jsonl"],
    ),
    "docs/nl/partner.md": (
        [
            "afsluitcode: 1",
            "cijfers.csv:3:",
            "decimal comma",
            "accepted as submission 1",
            "24.5 (A, submission 1, uitvoerder), now no value (M)",
            "accepted as submission 2",
            "dubbel geteld, een gecorrigeerd cijfer volgt",
            "jump (warning)",
        ],
        ["cijfers.xlsx", "demo/measurements/ledger.jsonl"],
    ),
    "docs/en/rapporteur.md": (
        ["valid", "voorbeeldprogramma_2025-06-30_en.html", "identical"],
        [
            "status.json",
            "reports-out/voorbeeldprogramma_2025-06-30_en.docx",
            "reports-out/voorbeeldprogramma_2025-06-30_nl.html",
            "by-august/voorbeeldprogramma_2025-06-30_en.html",
            "demo/reports/published.yaml",
            "open-data/voorbeeldprogramma.csv",
            "open-data/voorbeeldprogramma.structure.xml",
            "open-data/datapackage.json",
            "open-data/history.xlsx",
            "open-data/status.csv",
        ],
    ),
    "docs/nl/rapporteur.md": (
        ["valid", "voorbeeldprogramma_2025-06-30_nl.html", "gelijk"],
        [
            "status.json",
            "rapporten/voorbeeldprogramma_2025-06-30_nl.docx",
            "rapporten/voorbeeldprogramma_2025-06-30_en.html",
            "tot-augustus/voorbeeldprogramma_2025-06-30_nl.html",
            "demo/reports/published.yaml",
            "open-data/voorbeeldprogramma.csv",
            "open-data/voorbeeldprogramma.structure.xml",
            "open-data/datapackage.json",
            "open-data/geschiedenis.xlsx",
            "open-data/status.csv",
        ],
    ),
}


def script_of(document: Path) -> str:
    """The document's ``sh`` blocks as one script, without the set-up lines."""
    lines = [
        line
        for block in BLOCK.findall(document.read_text(encoding="utf-8"))
        for line in block.splitlines()
        if not line.startswith(SKIPPED_PREFIXES)
    ]
    return "set -euo pipefail\n" + "\n".join(lines) + "\n"


def test_every_guide_is_checked() -> None:
    guides = {str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*/*.md")}
    assert guides | {"README.md"} == set(EXPECTED)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_document_commands_run(name: str, tmp_path: Path) -> None:
    document = ROOT / name
    script = script_of(document)
    assert "kpitrack" in script
    if name == "README.md":  # the README works in the example workspace itself
        for part in WORKSPACE_PARTS:
            if (ROOT / part).exists():
                shutil.copytree(ROOT / part, tmp_path / part)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    printed, files = EXPECTED[name]
    for text in printed:
        assert text in output, f"{name}: expected {text!r} in the output:\n{output}"
    for file in files:
        assert (tmp_path / file).is_file(), f"{name}: {file} was not written\n{output}"
