"""Fixtures of the definition tests: a small base workspace and overlay cases."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def make_case(tmp_path: Path) -> Callable[[str], Path]:
    """Copy the base workspace and lay the named case's files over it; returns the root."""

    made: list[Path] = []

    def make(name: str) -> Path:
        root = tmp_path / f"{name or 'base'}-{len(made)}"
        made.append(root)
        shutil.copytree(FIXTURES / "base", root)
        if name:
            shutil.copytree(FIXTURES / "cases" / name, root, dirs_exist_ok=True)
        return root

    return make
