"""The small shared workspace (tests/small_workspace.py) written to a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from small_workspace import write_small_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")
