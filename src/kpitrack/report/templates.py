"""Where report templates come from: the workspace's ``report_templates/``, else the built-ins.

The override works file by file (as in mkdocs themes and datasette): a workspace that ships only
``report.css`` keeps the built-in ``report.html.j2`` and ``reference.docx``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ReportError
from kpitrack.core.files import FileRefused, not_a_plain_directory, read_regular_file
from kpitrack.core.layout import TEMPLATES_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment


def builtin_dir() -> Path:
    """Directory of the built-in templates (package ``kpitrack.report_templates``)."""
    from importlib.resources import files

    try:
        return Path(str(files("kpitrack.report_templates")))
    except ModuleNotFoundError:  # running from a source tree that was not installed
        return Path(__file__).resolve().parents[3] / TEMPLATES_DIR


MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
"""A template file above 20 MiB (the reference document with its pictures included) is refused."""


@dataclass(frozen=True)
class TemplateSet:
    """Resolves template file names: workspace override first, then the built-in file.

    A workspace's ``report_templates/`` is data: it may not be a symlink, and each template in
    it must be a regular file (no symlink, FIFO or device), read with a size limit.
    """

    search_path: tuple[Path, ...]

    @classmethod
    def for_workspace(cls, root: Path | None) -> TemplateSet:
        """The chain for a workspace root (``None``: built-ins only)."""
        dirs: list[Path] = []
        if root is not None:
            own = WorkspaceLayout(Path(root)).templates
            reason = not_a_plain_directory(own)
            if reason is not None:
                problem = Problem("templates-symlink", f"{TEMPLATES_DIR}/ {reason}", str(own))
                raise ReportError(f"cannot use the report templates in {own}", [problem])
            if own.is_dir():
                dirs.append(own.resolve())
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
            if os.path.lexists(candidate):
                return candidate
        searched = ", ".join(str(d) for d in self.search_path)
        raise ReportError(f"report template {name!r} not found (searched {searched})")

    def read_bytes(self, name: str) -> bytes:
        """Bytes of template ``name`` (a regular file of at most :data:`MAX_TEMPLATE_BYTES`)."""
        return read_template(self.path(name))

    def read_text(self, name: str) -> str:
        """Text of template ``name`` (UTF-8)."""
        path = self.path(name)
        try:
            return read_template(path).decode("utf-8")
        except UnicodeDecodeError as exc:
            problem = Problem(
                "template-encoding", f"the file is not UTF-8 ({exc.reason})", str(path)
            )
            raise ReportError(f"cannot use report template {path}", [problem]) from None

    def jinja_loader(self) -> BaseLoader:
        """A Jinja loader over :attr:`search_path` that reads with the same refusals and limit."""
        from jinja2 import BaseLoader, TemplateNotFound
        from jinja2.loaders import split_template_path

        search_path = self.search_path

        class _Loader(BaseLoader):
            def get_source(
                self, environment: Environment, template: str
            ) -> tuple[str, str, Callable[[], bool]]:
                pieces = split_template_path(template)  # refuses ".." like FileSystemLoader
                for directory in search_path:
                    candidate = directory.joinpath(*pieces)
                    if not os.path.lexists(candidate):
                        continue
                    for parent in list(candidate.parents)[: len(pieces) - 1]:
                        _refuse_linked_directory(parent)
                    source = read_template(candidate).decode("utf-8")
                    return source, str(candidate), lambda: True
                raise TemplateNotFound(template)

        return _Loader()


def read_template(path: Path) -> bytes:
    """A template file's bytes; :class:`ReportError` for a symlink, FIFO, device or huge file."""
    try:
        return read_regular_file(path, MAX_TEMPLATE_BYTES)
    except FileRefused as refused:
        raise ReportError(
            f"cannot use report template {path}", [refused.problem(str(path), "template-refused")]
        ) from None


def _refuse_linked_directory(directory: Path) -> None:
    reason = not_a_plain_directory(directory)
    if reason is not None:
        problem = Problem("templates-symlink", f"template directory {reason}", str(directory))
        raise ReportError(f"cannot use the report templates in {directory}", [problem])
