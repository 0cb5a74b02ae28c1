"""``kpitrack init DIR``: a new workspace holding a small working example (design §7)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from kpitrack.core.errors import KpitrackError

# Package data leaves dotfiles out, so the starter keeps them under a plain name.
_RENAMED = {"gitignore": ".gitignore"}


def create_workspace(directory: Path) -> None:
    """Copy the starter workspace into ``directory`` (new or empty) and write its schemas."""
    from kpitrack.definitions.schema import write_schemas

    if directory.exists():
        if not directory.is_dir():
            raise KpitrackError(f"{directory} exists and is not a directory")
        if any(directory.iterdir()):
            raise KpitrackError(
                f"{directory} is not empty; kpitrack init only fills a new or empty directory"
            )
    try:
        directory.mkdir(parents=True, exist_ok=True)
        _copy_tree(resources.files("kpitrack") / "starter", directory)
        write_schemas(directory / "schemas")
    except OSError as exc:
        raise KpitrackError(f"cannot create the workspace in {directory}: {exc.strerror}") from exc


def _copy_tree(source: Traversable, target: Path) -> None:
    for entry in sorted(source.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        destination = target / _RENAMED.get(entry.name, entry.name)
        if entry.is_dir():
            destination.mkdir(exist_ok=True)
            _copy_tree(entry, destination)
        else:
            destination.write_bytes(entry.read_bytes())
