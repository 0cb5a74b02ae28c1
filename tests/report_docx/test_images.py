"""Chart PNG export: one browser for all charts, valid and reproducible files, clear errors."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import plotly.graph_objects as go
import pytest

from kpitrack.core.errors import ReportError
from kpitrack.report import images

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium")


def _figure(n: int) -> go.Figure:
    return go.Figure(go.Scatter(x=["2017", "2018", "2019"], y=[n, n + 2, n + 1]))


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_chromium
@pytest.mark.slow
def test_batch_export_is_valid_and_reproducible(tmp_path: Path) -> None:
    figures = [(f"ind-{n}", _figure(n)) for n in range(20)]
    first = images.export_pngs(figures, tmp_path / "a" / "nested", width=600, height=300, scale=1)
    second = images.export_pngs(figures, tmp_path / "b", width=600, height=300, scale=1)
    assert list(first) == [key for key, _ in figures]
    for key, path in first.items():
        assert _png_size(path) == (600, 300)
        assert path.read_bytes() == second[key].read_bytes()
    # Different data must give a different picture (the test above could not fail otherwise).
    assert first["ind-0"].read_bytes() != first["ind-1"].read_bytes()


@needs_chromium
@pytest.mark.slow
def test_scale_doubles_pixels(tmp_path: Path) -> None:
    paths = images.export_pngs([("x", _figure(1))], tmp_path, width=300, height=150, scale=2)
    assert _png_size(paths["x"]) == (600, 300)


def test_keys_become_safe_distinct_file_names(tmp_path: Path) -> None:
    figures = [("a/b", _figure(1)), ("a_b", _figure(2)), ("A_B", _figure(3)), ("..", _figure(4))]
    names = images._file_names(figures, tmp_path)
    files = [p.name for p in names.values()]
    assert len({f.lower() for f in files}) == 4
    assert all(p.parent == tmp_path and "/" not in p.name for p in names.values())


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="share the key"):
        images.export_pngs([("x", _figure(1)), ("x", _figure(2))], tmp_path)


def test_nothing_to_export_starts_no_browser(tmp_path: Path) -> None:
    assert images.export_pngs([], tmp_path / "none") == {}
    assert not (tmp_path / "none").exists()


def test_missing_chromium_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from choreographer.browsers.chromium import Chromium

    # Chromium's search also tries typical install paths, so PATH alone cannot hide it.
    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kwargs: None))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    with pytest.raises(ReportError, match="install the Debian package 'chromium'"):
        images.export_pngs([("x", _figure(1))], tmp_path / "out")
