"""Fixtures of the intake tests: the small shared workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from small_workspace import write_small_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")
