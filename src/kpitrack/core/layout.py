"""Where things live in a workspace (design §2): the one place that knows its paths.

Paths are relative to the workspace root, written with ``/`` so they read the same in problems,
in git and in the published record; :class:`WorkspaceLayout` joins them to a root.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kpitrack.core.errors import UsageError

PROGRAMME_DIR = "programme"
PROGRAMME_FILE = "programme/programme.yaml"
KPIS_DIR = "kpis"
STORE_DIR = "measurements"
COMMENTARY_DIR = "commentary"
PUBLISHED_FILE = "reports/published.yaml"
TEMPLATES_DIR = "report_templates"
LOCAL_STATE_DIR = ".kpitrack"

DEFINITION_PATHS: tuple[str, ...] = (PROGRAMME_DIR, KPIS_DIR)
"""What the definitions are made of: the paths versioning compares and publishing commits."""


@dataclass(frozen=True, slots=True)
class WorkspaceLayout:
    """The paths of one workspace."""

    root: Path

    @property
    def programme_file(self) -> Path:
        return self.root / PROGRAMME_FILE

    @property
    def kpis(self) -> Path:
        return self.root / KPIS_DIR

    def indicator_file(self, name: str) -> Path:
        """``kpis/<name>`` (a file name, e.g. ``zaken.yaml``)."""
        return self.kpis / name

    @property
    def store(self) -> Path:
        return self.root / STORE_DIR

    def commentary(self, as_of: date) -> Path:
        """The rapporteur's texts for the report with this as-of date."""
        return self.root / COMMENTARY_DIR / as_of.isoformat()

    @property
    def published(self) -> Path:
        return self.root / PUBLISHED_FILE

    @property
    def templates(self) -> Path:
        return self.root / TEMPLATES_DIR

    @property
    def local_state(self) -> Path:
        """Local state that never goes into git (portal accounts)."""
        return self.root / LOCAL_STATE_DIR

    def shown(self, relative: str) -> str:
        """How problems name a file of this workspace: below the root as the user gave it."""
        return str(self.root / relative)


OUTPUT_FORBIDDEN: tuple[str, ...] = (PROGRAMME_DIR, KPIS_DIR, STORE_DIR)
"""Parts of a workspace no command writes an output into: the definitions and the store."""


def refuse_output_inside(root: Path, target: Path, option: str) -> None:
    """Raise :class:`UsageError` when ``target`` lies in the definitions or the store of ``root``.

    Links are resolved on both sides, so a link that leads into ``measurements/`` is caught too.
    """
    try:
        resolved = target.resolve()
        for part in OUTPUT_FORBIDDEN:
            base = (root / part).resolve()
            if resolved == base or resolved.is_relative_to(base):
                raise UsageError(
                    f"{option} {target} lies in {part}/ of the workspace; outputs never go into "
                    "the definitions or the measurement store: choose another place"
                )
    except (OSError, RuntimeError):  # a link loop: the write itself will fail and say so
        return
