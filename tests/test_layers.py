"""The package's floors (design §8): imports only go down, and nothing below the CLI prints.

``lint-imports`` checks the import contracts in pyproject.toml (``make test`` runs it too); this
module runs it from the suite as well, and checks what import rules cannot: no ``print`` call and
no write to the standard streams below ``cli/``.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "kpitrack"
DRAWING_PACKAGES = ("cli", "portal")


def _library_modules() -> list[Path]:
    return [
        path
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] not in DRAWING_PACKAGES and path.name != "__main__.py"
    ]


def _draws(tree: ast.AST) -> list[int]:
    lines: list[int] = []
    for node in ast.walk(tree):
        calls_print = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("print", "input")
        )
        uses_stream = (
            isinstance(node, ast.Attribute)
            and node.attr in ("stdout", "stderr")
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        )
        if calls_print or uses_stream:
            lines.append(node.lineno)
    return lines


def test_nothing_below_the_cli_prints() -> None:
    found = {
        str(path.relative_to(SRC)): lines
        for path in _library_modules()
        if (lines := _draws(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_check_sees_a_print() -> None:
    assert _draws(ast.parse("import sys\nprint('x')\nsys.stderr.write('y')\n")) == [2, 3]


def test_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.fail("lint-imports is not installed: pip install -e '.[dev]'")
    done = subprocess.run(
        [lint, "--no-cache"], cwd=SRC.parents[1], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"Contracts: \d+ kept, 0 broken", done.stdout), done.stdout[-3000:]
