"""The small shared workspace (tests/small_workspace.py) written to a temporary directory, and
the gate's workspace (tests/gate_workspace.py) with a recorder of each row's route."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate_workspace import Routes, record_routes, write_gate_workspace
from small_workspace import write_small_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_small_workspace(tmp_path / "ws")


@pytest.fixture
def gate(tmp_path: Path) -> Path:
    return write_gate_workspace(tmp_path / "gate")


@pytest.fixture
def routes(monkeypatch: pytest.MonkeyPatch) -> Routes:
    return record_routes(monkeypatch)
