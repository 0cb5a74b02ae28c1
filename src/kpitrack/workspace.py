"""A programme workspace: definitions plus the measurement store, loaded once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kpitrack.core.errors import ValidationFailed
from kpitrack.core.files import not_a_plain_directory
from kpitrack.core.layout import STORE_DIR, WorkspaceLayout
from kpitrack.core.problems import Problem, errors_of, warnings_of
from kpitrack.definitions.load import read_definitions
from kpitrack.definitions.models import Action, ActionLine, Indicator, Milestone, Partner, Programme
from kpitrack.measurements.model import ActionUpdate, Observation
from kpitrack.measurements.store import StoreContents, read_store


@dataclass
class Workspace:
    """Everything the engine and the reports need, already parsed and cross-checked."""

    root: Path
    programme: Programme
    indicators: dict[str, Indicator]  # by id, sorted by id
    warnings: list[Problem] = field(default_factory=list)
    _observations: list[Observation] = field(default_factory=list)
    _action_updates: list[ActionUpdate] = field(default_factory=list)

    def observations(self) -> list[Observation]:
        """Accepted observations with provenance, in submission order."""
        return self._observations

    def action_updates(self) -> list[ActionUpdate]:
        """Accepted action and milestone updates, in submission order."""
        return self._action_updates

    @property
    def languages(self) -> list[str]:
        return list(self.programme.languages)

    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.programme.partners if p.id == partner_id)

    def action_line(self, action_line_id: str) -> ActionLine:
        return next(al for al in self.programme.action_lines if al.id == action_line_id)

    def actions(self) -> list[tuple[ActionLine, Action]]:
        return [(al, a) for al in self.programme.action_lines for a in al.actions]

    def milestones(self) -> list[tuple[ActionLine, Action, Milestone]]:
        return [(al, a, m) for al, a in self.actions() for m in a.milestones]

    def indicators_of(self, action_line_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.action_line == action_line_id]


def load_workspace(path: str | Path, *, measurements: bool = True) -> Workspace:
    """Open a workspace: definitions and store read once; raise one :class:`ValidationFailed`.

    ``measurements=False`` reads the definitions only (what intake and templates need).
    """
    root = Path(path)
    definitions = read_definitions(root)
    errors, warnings = errors_of(definitions.problems), warnings_of(definitions.problems)
    if errors or definitions.programme is None:
        raise ValidationFailed(errors, warnings)
    workspace = Workspace(
        root=root,
        programme=definitions.programme,
        indicators=definitions.indicators,
        warnings=warnings,
    )
    if not measurements:
        return workspace
    return with_store(
        workspace, lambda: read_store(root, workspace.programme, workspace.indicators)
    )


def with_store(definitions: Workspace, read: Callable[[], StoreContents]) -> Workspace:
    """A workspace of these definitions holding the store as ``read()`` finds it.

    ``definitions`` is a workspace read with ``measurements=False``; it is not changed. A
    program that keeps its definitions loaded (the portal) passes a
    :class:`~kpitrack.measurements.store.StoreReader`'s ``read``, which reads only what is
    new. Raises :class:`ValidationFailed` as :func:`load_workspace` does.
    """
    root = definitions.root
    refused = _linked_store(root)
    if refused:
        raise ValidationFailed(refused, definitions.warnings)
    stored = read()
    warnings = [*definitions.warnings, *warnings_of(stored.problems)]
    store_errors = errors_of(stored.problems)
    if store_errors:
        raise ValidationFailed(store_errors, warnings)
    return Workspace(
        root=root,
        programme=definitions.programme,
        indicators=definitions.indicators,
        warnings=warnings,
        _observations=stored.observations,
        _action_updates=stored.updates,
    )


@dataclass(frozen=True)
class WorkspaceCheck:
    """What ``kpitrack validate`` found: every problem of the definitions and the store."""

    root: Path
    programme: Programme | None  # None: no usable programme.yaml
    indicators: int
    errors: list[Problem]
    warnings: list[Problem]

    @property
    def valid(self) -> bool:
        return not self.errors


def check_workspace(root: Path) -> WorkspaceCheck:
    """Check the definitions and the stored measurements of the workspace at ``root``."""
    definitions = read_definitions(root)
    problems = list(definitions.problems)
    refused = _linked_store(root) if root.is_dir() else []
    problems += refused
    if definitions.programme is not None and not refused and WorkspaceLayout(root).store.is_dir():
        stored = read_store(root, definitions.programme, definitions.indicators)
        problems += stored.problems
    return WorkspaceCheck(
        root=root,
        programme=definitions.programme,
        indicators=len(definitions.indicators),
        errors=errors_of(problems),
        warnings=warnings_of(problems),
    )


def _linked_store(root: Path) -> list[Problem]:
    """``measurements/`` as a symlink (or a file) is refused: the figures must be this store's."""
    reason = not_a_plain_directory(WorkspaceLayout(root).store)
    if reason is None:
        return []
    return [
        Problem(
            "store-symlink", f"{STORE_DIR}/ {reason}", file=WorkspaceLayout(root).shown(STORE_DIR)
        )
    ]
