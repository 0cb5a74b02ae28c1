"""Fixtures of the Word renderer tests; model builders live in docx_builders.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import png


@pytest.fixture
def tiny_png(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.png"
    path.write_bytes(png(90, 45))
    return path


@pytest.fixture
def chart_images(tmp_path: Path) -> dict[str, Path]:
    """A PNG per indicator of the sample model (no browser needed)."""
    paths: dict[str, Path] = {}
    for ind_id in ("zorgcoordinatie-regios", "veroordelingen"):
        path = tmp_path / f"{ind_id}.png"
        path.write_bytes(png(180, 90))
        paths[ind_id] = path
    return paths
