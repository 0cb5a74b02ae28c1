"""Where definitions come from: a workspace directory, or a git revision of a workspace.

``kpitrack diff OLD NEW`` takes either for each argument: an existing directory is read as a
workspace (``.`` is the working tree, uncommitted edits included); anything else is a git
revision (``HEAD~1``, a tag such as ``v2019.1``, a commit id) of the workspace in the current
directory. A revision's definition files are read from git's objects (``ls-tree``, ``cat-file``:
``.gitattributes`` cannot hide or filter one) into a temporary directory and loaded with the
same strict loader as a directory, so the work tree is never touched.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from kpitrack.core.errors import KpitrackError
from kpitrack.core.layout import DEFINITION_PATHS
from kpitrack.core.problems import Problem, errors_of
from kpitrack.definitions.load import Definitions, read_definitions
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.versioning.git import export_paths, resolve_commit


class InvalidSource(KpitrackError):
    """The definitions to compare cannot be loaded (exit code 2: nothing was compared)."""

    exit_code = 2


@dataclass(frozen=True)
class DefinitionSource:
    """Loaded definitions plus where they came from."""

    spec: str
    """What the user gave: a directory or a revision."""
    kind: str
    """``directory`` or ``revision``."""
    commit: str | None
    """Full commit id for a revision; None for a directory."""
    programme: Programme
    indicators: dict[str, Indicator]

    @property
    def label(self) -> str:
        """Short description for people: ``HEAD~1 (1a2b3c4)`` or the directory."""
        if self.commit is None:
            return self.spec
        return f"{self.spec} ({self.commit[:7]})"


def load_source(spec: str, *, workspace: Path | None = None) -> DefinitionSource:
    """Load definitions from directory ``spec``, else from git revision ``spec`` of ``workspace``.

    ``workspace`` defaults to the current directory. Raises :class:`InvalidSource` (exit 2) when
    the revision is unknown or the definitions are invalid.
    """
    path = Path(spec)
    if path.is_dir():
        programme, indicators = _checked(spec, read_definitions(path))
        return DefinitionSource(spec, "directory", None, programme, indicators)
    root = workspace if workspace is not None else Path.cwd()
    commit = resolve_commit(root, spec)
    programme, indicators = _checked(spec, definitions_at(root, commit, label=spec))
    return DefinitionSource(spec, "revision", commit, programme, indicators)


def definitions_at(root: Path, commit: str, *, label: str | None = None) -> Definitions:
    """Load the definitions of ``root`` as they are in ``commit`` (work tree untouched).

    Problem locations read ``<label>:kpis/x.yaml`` so people see which version is broken.
    """
    with tempfile.TemporaryDirectory(prefix="kpitrack-rev-") as tmp:
        export_paths(root, commit, list(DEFINITION_PATHS), Path(tmp))
        definitions = read_definitions(Path(tmp))
        prefix = f"{label or commit[:12]}:"
        definitions.problems = [_relabel(p, Path(tmp), prefix) for p in definitions.problems]
        return definitions


def _checked(spec: str, definitions: Definitions) -> tuple[Programme, dict[str, Indicator]]:
    errors = errors_of(definitions.problems)
    programme = definitions.programme
    if errors or programme is None:
        raise InvalidSource(
            f"cannot compare: the definitions in {spec!r} are invalid ({len(errors)} error(s))",
            errors,
        )
    return programme, definitions.indicators


def _relabel(problem: Problem, tmp: Path, prefix: str) -> Problem:
    """Name the revision instead of the temporary directory, in the location and the message."""
    message = problem.message
    name = problem.file
    for base in (str(tmp.resolve()), str(tmp)):
        message = message.replace(base, prefix.rstrip(":"))
        if name is not None and name.startswith(base):
            name = prefix + name[len(base) :].lstrip("/\\")
    return replace(problem, file=name, message=message)
