"""A programme workspace: definitions plus the measurement store, loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kpitrack.definitions.models import Action, ActionLine, Indicator, Milestone, Partner, Programme
from kpitrack.errors import Problem, ValidationFailed
from kpitrack.measurements.model import ActionUpdate, Observation


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
    """Load and check a workspace; raise one :class:`ValidationFailed` carrying every error."""
    from kpitrack.definitions.load import load_definitions
    from kpitrack.measurements.store import read_store

    root = Path(path)
    programme, indicators, problems = load_definitions(root)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if errors or programme is None:
        raise ValidationFailed(errors, warnings)
    workspace = Workspace(root=root, programme=programme, indicators=indicators, warnings=warnings)
    if measurements:
        observations, updates, store_problems = read_store(root, programme, indicators)
        store_errors = [p for p in store_problems if p.severity == "error"]
        workspace.warnings.extend(p for p in store_problems if p.severity == "warning")
        if store_errors:
            raise ValidationFailed(store_errors, workspace.warnings)
        workspace._observations = observations
        workspace._action_updates = updates
    return workspace
