"""A small programme built in code; its ProgressReport comes from the engine, not by hand.

The figures are chosen so that the engine gives what the report tests need (design §5):

- "zaken-naar-om" (count, increase): baseline 160 (2017); targets 190 (2019) and 240 (2022),
  the latter revised to 220 on 15 June 2020. Latest total 187 (2020, provisional, interval
  175–200). With t0 = 31-12-2017, t = 31-12-2020, T = 31-12-2022:
  P = (187 − 160)/(220 − 160) = 0.45, E = 1096/1826 days ≈ 0.6002, R ≈ 0.7497 → at_risk
  (0.60 ≤ R < 0.95). Against the first target (240): P = 27/80, R ≈ 0.562 → off_track.
  2019 was revised from 180 to 185. 2020 by region: noord 3 (below min_count 5: withheld),
  west 64 (the smallest other cell: withheld as its complement), oost 120; 3 + 64 + 120 = 187.
- "slachtoffers-comensha" (context figure, no baseline declared): CoMensha's published counts
  1,076 (2017), 1,372 (2019), 1,013 (2020); the first observation serves as baseline. The
  thousands separators of the report come from these.
- Action AL1.1 (due 30-06-2020): the latest update says in progress → overdue at 31-12-2020;
  its milestone AL1.1.a was reported done on 20-06-2019.

test_fixture.py checks all of this against the engine and the store.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import ActionUpdate, Observation, Provenance
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.model import ProgressReport
from kpitrack.workspace import Workspace

AS_OF = date(2020, 12, 31)
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'
ZAKEN_TOTALS = (170.0, 185.0, 187.0)
"""The totals of "zaken-naar-om" for 2018, 2019 (revised from 180) and 2020 (provisional)."""

PROGRAMME = {
    "schema": "kpitrack/1",
    "id": "samen-tegen-mensenhandel",
    "version": "2019.1",
    "title": {"nl": "Samen tegen mensenhandel", "en": "Together against human trafficking"},
    "owner": "Ministerie van Justitie en Veiligheid",
    "period": {"start": date(2018, 11, 13), "end": date(2022, 12, 31)},
    "languages": ["nl", "en"],
    "reporting": {"frequency": "half-year"},
    "disclosure": {"min_count": 5},
    "partners": [
        {"id": "politie", "name": "Nationale Politie"},
        {"id": "comensha", "name": "CoMensha"},
    ],
    "codelists": {
        "region": {
            "nl": "Regio",
            "en": "Region",
            "codes": {"noord": "Noord-Nederland", "oost": "Oost-Nederland", "west": "West"},
        }
    },
    "action_lines": [
        {
            "id": "AL1",
            "title": {"nl": "Basisaanpak op orde", "en": "Basic approach in order"},
            "summary": {"nl": "Opsporing en zorg.", "en": "Investigation and care."},
            "actions": [
                {
                    "id": "AL1.1",
                    "title": {"nl": "Training eerstelijns", "en": "Front-line training"},
                    "owner": "politie",
                    "due": date(2020, 6, 30),
                    "milestones": [
                        {
                            "id": "AL1.1.a",
                            "title": {"nl": "Lesplan", "en": "Syllabus"},
                            "due": date(2019, 6, 30),
                        }
                    ],
                }
            ],
        },
        {
            "id": "AL2",
            "title": {"nl": "Arbeidsuitbuiting", "en": "Labour exploitation"},
            "actions": [],
        },
    ],
}


def definition(**overrides: object) -> dict[str, object]:
    """An indicator's YAML content as a dict: "zaken-naar-om", changed by ``overrides``."""
    base: dict[str, object] = {
        "id": "zaken-naar-om",
        "action_line": "AL1",
        "name": {"nl": "Zaken naar het OM", "en": "Cases sent to prosecution"},
        "definition": {"nl": "Ingestuurde zaken.", "en": "Cases sent."},
        "measure": "count",
        "unit": {"nl": "zaken", "en": "cases"},
        "direction": "increase",
        "frequency": "year",
        "owner": "politie",
        "source": {"nl": "Politie, jaarverantwoording", "en": "Police annual account"},
        "dimensions": ["region"],
        "baseline": {"period": "2017", "value": 160},
        "targets": [
            {"period": "2019", "value": 190, "set": date(2018, 11, 13)},
            {"period": "2022", "value": 240, "set": date(2018, 11, 13)},
            {
                "period": "2022",
                "value": 220,
                "set": date(2020, 6, 15),
                "reason": {"nl": "Bijgesteld", "en": "Revised"},
            },
        ],
        "caveats": {"nl": "Telling veranderd in 2019.", "en": "Count changed in 2019."},
    }
    base.update(overrides)
    return {key: value for key, value in base.items() if value is not None}  # None: left out


SLACHTOFFERS: dict[str, object] = {
    "id": "slachtoffers-comensha",
    "action_line": "AL2",
    "name": {"nl": "Mogelijke slachtoffers (CoMensha)", "en": "Possible victims (CoMensha)"},
    "definition": {
        "nl": "Door CoMensha geregistreerde mogelijke slachtoffers.",
        "en": "Possible victims registered by CoMensha.",
    },
    "unit": {"nl": "mogelijke slachtoffers", "en": "possible victims"},
    "owner": "comensha",
    "direction": "none",
    "dimensions": [],
    "baseline": None,
    "targets": [],
    "caveats": None,
    "source": {"nl": "CoMensha jaarverslag", "en": "CoMensha annual report"},
}


def definitions(*, hostile: bool = False) -> list[dict[str, object]]:
    """The indicators' YAML contents; ``hostile`` puts script in an indicator's name."""
    zaken = definition()
    if hostile:
        zaken = definition(name={"nl": "Zaken " + HOSTILE, "en": "Cases " + HOSTILE})
    return [definition(**SLACHTOFFERS), zaken]


def observations(
    totals: tuple[float, float, float] = ZAKEN_TOTALS,
    interval: tuple[float, float] | None = (175.0, 200.0),
) -> list[Observation]:
    """The store's accepted figures in submission order, as ``kpitrack submit`` records them
    from the partners' files (test_fixture.py submits those files and compares).

    ``totals``: the zaken-naar-om totals of 2018, 2019 and 2020; ``interval``: the bounds of the
    provisional 2020 total (None: none given).
    """
    y2018, y2019, y2020 = totals
    lower, upper = interval if interval is not None else (None, None)

    def politie(submission: int, row: int) -> Provenance:
        if submission == 2:
            return Provenance(2, "politie", "2020-02-14T09:00:00Z", "politie-2019.csv", row)
        return Provenance(3, "politie", "2020-11-02T10:00:00Z", "politie.csv", row)

    def region(code: str) -> tuple[tuple[str, str], ...]:
        return (("region", code),)

    def comensha(row: int) -> Provenance:
        return Provenance(4, "comensha", "2020-11-16T13:30:00Z", "comensha.csv", row)

    zaken, victims = "zaken-naar-om", "slachtoffers-comensha"
    return [
        Observation(zaken, "2018", (), y2018, "A", None, None, "", politie(2, 2)),
        Observation(zaken, "2019", (), 180.0, "A", None, None, "", politie(2, 3)),
        Observation(
            zaken,
            "2019",
            (),
            y2019,
            "A",
            None,
            None,
            "",
            politie(3, 2),
            revised_from=180.0,
            revision_of=2,
        ),
        Observation(
            zaken, "2020", (), y2020, "P", lower, upper, "voorlopige telling", politie(3, 3)
        ),
        Observation(zaken, "2020", region("noord"), 3.0, "A", None, None, "", politie(3, 4)),
        Observation(zaken, "2020", region("oost"), 120.0, "A", None, None, "", politie(3, 5)),
        Observation(zaken, "2020", region("west"), 64.0, "A", None, None, "", politie(3, 6)),
        Observation(victims, "2017", (), 1076.0, "A", None, None, "", comensha(2)),
        Observation(victims, "2019", (), 1372.0, "A", None, None, "", comensha(3)),
        Observation(victims, "2020", (), 1013.0, "A", None, None, "", comensha(4)),
    ]


def action_updates() -> list[ActionUpdate]:
    """The politie's first submission: the syllabus is done, the training under way."""
    received = Provenance(1, "politie", "2019-07-01T08:00:00Z", "acties-politie.csv", 0)
    return [
        ActionUpdate("AL1.1.a", "2019-06-20", "done", "Lesplan klaar", replace(received, row=2)),
        ActionUpdate(
            "AL1.1", "2019-06-20", "in_progress", "Trainingen gestart", replace(received, row=3)
        ),
    ]


def make_workspace(
    root: Path,
    *,
    hostile: bool = False,
    totals: tuple[float, float, float] = ZAKEN_TOTALS,
    interval: tuple[float, float] | None = (175.0, 200.0),
) -> Workspace:
    """The fixture programme with its store; ``hostile`` puts script in an indicator's name."""
    indicators = [Indicator.model_validate(d) for d in definitions(hostile=hostile)]
    return Workspace(
        root=root,
        programme=Programme.model_validate(PROGRAMME),
        indicators={i.id: i for i in indicators},
        _observations=observations(totals, interval),
        _action_updates=action_updates(),
    )


def make_progress(workspace: Workspace) -> ProgressReport:
    """The engine's progress of ``workspace`` at :data:`AS_OF` (what ``kpitrack status`` gives)."""
    return compute_progress(workspace, AS_OF)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


@pytest.fixture
def progress(workspace: Workspace) -> ProgressReport:
    return make_progress(workspace)


@pytest.fixture(scope="session")
def fixtures() -> SimpleNamespace:
    """The builders of this module (test modules cannot import conftest in importlib mode)."""
    return SimpleNamespace(
        make_workspace=make_workspace,
        make_progress=make_progress,
        definitions=definitions,
        PROGRAMME=PROGRAMME,
        HOSTILE=HOSTILE,
        AS_OF=AS_OF,
    )
