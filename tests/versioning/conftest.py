"""Fixtures of the versioning tests: small definitions as plain data, and git workspaces."""

from __future__ import annotations

import copy
from typing import Any

import pytest

PROGRAMME: dict[str, Any] = {
    "schema": "kpitrack/1",
    "id": "proef",
    "version": "2019.1",
    "title": {"nl": "Proefprogramma", "en": "Trial programme"},
    "owner": "Ministerie van Justitie en Veiligheid",
    "period": {"start": "2018-11-13", "end": "2022-12-31"},
    "languages": ["nl", "en"],
    "partners": [{"id": "politie", "name": "Nationale Politie"}, {"id": "om", "name": "OM"}],
    "codelists": {
        "regio": {"nl": "Regio", "en": "Region", "codes": {"noord": "Noord", "zuid": "Zuid"}}
    },
    "action_lines": [
        {
            "id": "AL1",
            "title": {"nl": "Basisaanpak", "en": "Basic approach"},
            "actions": [
                {
                    "id": "AL1.1",
                    "title": {"nl": "Opleiden", "en": "Training"},
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
        }
    ],
}

INDICATOR: dict[str, Any] = {
    "id": "zaken",
    "action_line": "AL1",
    "name": {"nl": "Zaken naar het OM", "en": "Cases sent to prosecution"},
    "definition": {"nl": "Aantal zaken", "en": "Number of cases"},
    "measure": "count",
    "unit": {"nl": "zaken", "en": "cases"},
    "direction": "increase",
    "frequency": "year",
    "owner": "politie",
    "source": {"nl": "Politie", "en": "Police"},
    "baseline": {"period": "2017", "value": 160},
    "targets": [
        {"period": "2019", "value": 190, "set": "2018-11-13"},
        {"period": "2022", "value": 240, "set": "2018-11-13"},
    ],
}


@pytest.fixture
def programme_data() -> dict[str, Any]:
    return copy.deepcopy(PROGRAMME)


@pytest.fixture
def indicator_data() -> dict[str, Any]:
    return copy.deepcopy(INDICATOR)
