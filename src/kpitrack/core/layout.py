"""Where things live in a workspace (design §2): the one place that knows its paths.

Paths are relative to the workspace root, written with ``/`` so they read the same in problems,
in git and in the published record; :class:`WorkspaceLayout` joins them to a root.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

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
