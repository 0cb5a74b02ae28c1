"""Small builders for workspaces, indicators and observations in the progress tests."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import ActionUpdate, Breakdown, Observation, ObsStatus, Provenance
from kpitrack.workspace import Workspace

PROGRAMME: dict[str, Any] = {
    "schema": "kpitrack/1",
    "id": "proef",
    "version": "2019.1",
    "title": {"nl": "Proefprogramma", "en": "Trial programme"},
    "owner": "Ministerie van Justitie en Veiligheid",
    "period": {"start": "2018-11-13", "end": "2022-12-31"},
    "languages": ["nl", "en"],
    "reporting": {"frequency": "half-year"},
    "status": {"on_track": 0.95, "at_risk": 0.60},
    "partners": [{"id": "politie", "name": "Nationale Politie"}, {"id": "om", "name": "OM"}],
    "codelists": {
        "regio": {
            "nl": "Regio",
            "en": "Region",
            "codes": {"noord": "Noord", "midden": "Midden", "zuid": "Zuid"},
        },
        "geslacht": {"nl": "Geslacht", "en": "Sex", "codes": {"m": "Man", "v": "Vrouw"}},
    },
    "action_lines": [
        {
            "id": "AL1",
            "title": {"nl": "Basisaanpak", "en": "Basic approach"},
            "actions": [
                {
                    "id": "AL1.1",
                    "title": {"nl": "Opleiden", "en": "Train"},
                    "owner": "politie",
                    "due": "2020-12-31",
                    "milestones": [
                        {
                            "id": "AL1.1.a",
                            "title": {"nl": "Plan", "en": "Plan"},
                            "due": "2019-06-30",
                        }
                    ],
                },
                {
                    "id": "AL1.2",
                    "title": {"nl": "Capaciteit", "en": "Capacity"},
                    "owner": "om",
                    "due": "2021-12-31",
                },
            ],
        },
        {"id": "AL2", "title": {"nl": "Arbeidsuitbuiting", "en": "Labour exploitation"}},
    ],
}


def programme(**overrides: Any) -> Programme:
    """The trial programme with top-level keys replaced."""
    data = copy.deepcopy(PROGRAMME)
    data.update(overrides)
    return Programme.model_validate(data)


def indicator(id: str = "zaken", **overrides: Any) -> Indicator:
    """An increasing yearly count: baseline 100 (2017), target 200 (2021) set 2018-11-13."""
    data: dict[str, Any] = {
        "id": id,
        "action_line": "AL1",
        "name": {"nl": "Zaken", "en": "Cases"},
        "definition": {"nl": "Zaken naar het OM", "en": "Cases sent to prosecution"},
        "measure": "count",
        "direction": "increase",
        "frequency": "year",
        "aggregation": "sum",
        "dimensions": ["regio"],
        "owner": "politie",
        "source": {"nl": "Politie", "en": "Police"},
        "baseline": {"period": "2017", "value": 100},
        "targets": [{"period": "2021", "value": 200, "set": "2018-11-13"}],
    }
    data.update(overrides)
    return Indicator.model_validate(data)


def obs(
    period: str,
    value: float | None,
    *,
    indicator: str = "zaken",
    breakdown: Breakdown = (),
    status: ObsStatus = "A",
    submission: int = 1,
    lower: float | None = None,
    upper: float | None = None,
    revised_from: float | None = None,
    revision_of: int | None = None,
    note: str = "",
) -> Observation:
    """One accepted observation."""
    return Observation(
        indicator=indicator,
        period=period,
        breakdown=breakdown,
        value=value,
        obs_status=status,
        lower=lower,
        upper=upper,
        note=note,
        provenance=Provenance(submission, "politie", "2021-01-15T10:00:00Z", "cijfers.csv", 2),
        revised_from=revised_from,
        revision_of=revision_of,
    )


def update(
    action: str, day: str, status: Any, *, submission: int = 1, note: str = ""
) -> ActionUpdate:
    """One accepted action or milestone update."""
    return ActionUpdate(
        action=action,
        date=day,
        status=status,
        note=note,
        provenance=Provenance(submission, "politie", "2021-01-15T10:00:00Z", "acties.csv", 2),
    )


def workspace(
    indicators: Iterable[Indicator],
    observations: Iterable[Observation] = (),
    updates: Iterable[ActionUpdate] = (),
    prog: Programme | None = None,
) -> Workspace:
    """A workspace held in memory."""
    found = {i.id: i for i in sorted(indicators, key=lambda i: i.id)}
    return Workspace(
        root=Path("."),
        programme=prog or programme(),
        indicators=found,
        _observations=list(observations),
        _action_updates=list(updates),
    )
