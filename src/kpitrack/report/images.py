"""Chart PNG export: every chart of a report rendered in one headless browser.

kaleido starts Chromium once per call (2-4 s) and then renders each figure in ~0.1-0.2 s, so the
whole report goes through a single :func:`export_pngs` call; ``fig.write_image`` per chart would
start a browser for each one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kpitrack.core.errors import ReportError

if TYPE_CHECKING:
    from plotly.graph_objects import Figure

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def export_pngs(
    figures: list[tuple[str, Figure]],
    out_dir: Path,
    *,
    width: int = 900,
    height: int = 450,
    scale: float = 2,
) -> dict[str, Path]:
    """Write each ``(key, figure)`` as a PNG in ``out_dir``; return ``{key: path}``.

    Raises :class:`ReportError` when Chromium is missing or a chart cannot be rendered.
    """
    if not figures:
        return {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the chart directory {out_dir}: {exc}") from exc
    paths = _file_names(figures, out_dir)
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    specs: list[dict[str, Any]] = [
        {"fig": fig, "path": str(paths[key]), "opts": opts} for key, fig in figures
    ]
    _run_kaleido(specs)
    missing = [key for key, path in paths.items() if not path.is_file()]
    if missing:
        raise ReportError(f"the chart renderer wrote no image for: {', '.join(missing)}")
    return paths


def _file_names(figures: list[tuple[str, Figure]], out_dir: Path) -> dict[str, Path]:
    """Map each key to a distinct, file-system-safe PNG path (keys need not be file names)."""
    paths: dict[str, Path] = {}
    used: set[str] = set()
    for key, _fig in figures:
        if key in paths:
            raise ReportError(f"two charts share the key {key!r}")
        stem = _UNSAFE.sub("_", key).strip("._") or "chart"
        candidate, n = stem, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate.lower())
        paths[key] = out_dir / f"{candidate}.png"
    return paths


def _run_kaleido(specs: list[dict[str, Any]]) -> None:
    """Render all specs in one browser; turn kaleido's failures into a ReportError."""
    import kaleido
    from kaleido.errors import ChromeNotFoundError

    try:
        kaleido.write_fig_from_object_sync(specs, kopts={"mathjax": False}, cancel_on_error=True)
    except ChromeNotFoundError as exc:
        raise ReportError(
            "charts need a Chromium browser, and none was found: install the Debian package "
            "'chromium' (apt-get install chromium) or set BROWSER_PATH to a Chrome/Chromium "
            "executable"
        ) from exc
    except Exception as exc:  # kaleido raises browser, JavaScript and I/O errors alike
        raise ReportError(f"the chart renderer failed: {type(exc).__name__}: {exc}") from exc
