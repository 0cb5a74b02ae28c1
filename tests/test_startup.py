"""``import kpitrack`` and ``kpitrack --help`` stay light: heavy libraries load only when used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("plotly", "docx", "kaleido", "openpyxl", "pydantic", "playwright", "babel", "jinja2")


def imported_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        f"print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_import_kpitrack_loads_no_heavy_library() -> None:
    assert imported_after("import kpitrack") == []


def test_cli_help_loads_no_heavy_library() -> None:
    statement = (
        "from kpitrack.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit as exit_:\n    assert exit_.code == 0"
    )
    assert imported_after(statement) == []


def test_every_command_has_help() -> None:
    for command in (
        "init",
        "validate",
        "schema",
        "template",
        "submit",
        "status",
        "report",
        "diff",
        "verify",
    ):
        result = subprocess.run(
            [sys.executable, "-m", "kpitrack", command, "--help"], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert "Usage: kpitrack " + command in result.stdout
