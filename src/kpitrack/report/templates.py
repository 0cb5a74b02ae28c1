"""Where report templates come from: the workspace's ``report_templates/``, else the built-ins.

The override works file by file (as in mkdocs themes and datasette): a workspace that ships only
``report.css`` keeps the built-in ``report.html.j2`` and ``reference.docx``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kpitrack.core.errors import ReportError
from kpitrack.core.layout import TEMPLATES_DIR, WorkspaceLayout


def builtin_dir() -> Path:
    """Directory of the built-in templates (package ``kpitrack.report_templates``)."""
    from importlib.resources import files

    try:
        return Path(str(files("kpitrack.report_templates")))
    except ModuleNotFoundError:  # running from a source tree that was not installed
        return Path(__file__).resolve().parents[3] / TEMPLATES_DIR


@dataclass(frozen=True)
class TemplateSet:
    """Resolves template file names: workspace override first, then the built-in file."""

    search_path: tuple[Path, ...]

    @classmethod
    def for_workspace(cls, root: Path | None) -> TemplateSet:
        """The chain for a workspace root (``None``: built-ins only)."""
        dirs: list[Path] = []
        if root is not None and WorkspaceLayout(Path(root)).templates.is_dir():
            dirs.append(WorkspaceLayout(Path(root)).templates.resolve())
        builtin = builtin_dir().resolve()
        if builtin not in dirs:
            dirs.append(builtin)
        return cls(tuple(dirs))

    def path(self, name: str) -> Path:
        """Path of template ``name``; raise :class:`ReportError` when no directory has it."""
        if "/" in name or "\\" in name or name.startswith("."):
            raise ReportError(f"invalid template name {name!r}")
        for directory in self.search_path:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        searched = ", ".join(str(d) for d in self.search_path)
        raise ReportError(f"report template {name!r} not found (searched {searched})")

    def read_text(self, name: str) -> str:
        """Text of template ``name`` (UTF-8)."""
        return self.path(name).read_text(encoding="utf-8")
