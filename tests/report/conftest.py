"""A small programme built in code, with a ProgressReport made by hand (no engine needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from kpitrack.core.periods import parse_period
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.measurements.model import Observation, Provenance
from kpitrack.progress.model import (
    ActionLineProgress,
    ActionProgress,
    IndicatorProgress,
    PeriodValue,
    ProgressReport,
    SeriesPoint,
    TargetEntry,
)
from kpitrack.workspace import Workspace

AS_OF = date(2020, 12, 31)
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'

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


def indicator(**overrides: object) -> Indicator:
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
    return Indicator.model_validate(base)


def point(period: str, value: float | None, status: str = "A", **kw: object) -> SeriesPoint:
    return SeriesPoint(
        period=period, end=parse_period(period).end, value=value, obs_status=status, **kw
    )  # type: ignore[arg-type]


def make_progress(indicators: dict[str, Indicator]) -> ProgressReport:
    zaken = IndicatorProgress(
        id="zaken-naar-om",
        action_line="AL1",
        status="at_risk",
        flags=("provisional", "target_revised"),
        ratio=0.78,
        progress_achieved=0.45,
        progress_expected=0.58,
        baseline=PeriodValue("2017", 160),
        baseline_from_observation=False,
        latest=PeriodValue("2020", 6250),
        target=PeriodValue("2022", 220),
        targets=(
            TargetEntry("2019", 190, date(2018, 11, 13), None, False, False),
            TargetEntry("2022", 240, date(2018, 11, 13), None, False, True),
            TargetEntry(
                "2022", 220, date(2020, 6, 15), {"nl": "Bijgesteld", "en": "Revised"}, True, False
            ),
        ),
        explanation={
            "nl": "Verwacht was 58% van de weg; gerealiseerd 45%. Risico.",
            "en": "Expected 58% of the way; achieved 45%. At risk.",
        },
        series=(
            point("2018", 170),
            point("2019", 185, revised=True, revised_from=180),
            point("2020", 6250, "P", lower=5000, upper=7500, note="voorlopige telling"),
        ),
        breakdowns=(
            point("2020", 3, breakdown=(("region", "noord"),)),
            point("2020", 6000, breakdown=(("region", "oost"),)),
            point("2020", 247, breakdown=(("region", "west"),)),
        ),
    )
    slachtoffers = IndicatorProgress(
        id="slachtoffers-comensha",
        action_line="AL2",
        status="monitoring",
        flags=(),
        ratio=None,
        progress_achieved=None,
        progress_expected=None,
        baseline=PeriodValue("2017", 1076),
        baseline_from_observation=True,
        latest=PeriodValue("2020", 1013),
        target=None,
        targets=(),
        explanation={"nl": "Kengetal: geen oordeel.", "en": "Context figure: no judgement."},
        series=(point("2017", 1076), point("2019", 1372), point("2020", 1013)),
    )
    return ProgressReport(
        programme="samen-tegen-mensenhandel",
        version="2019.1",
        as_of=AS_OF,
        indicators=(zaken, slachtoffers),
        action_lines=(
            ActionLineProgress("AL1", _counts("at_risk"), {"done": 1, "overdue": 1}),
            ActionLineProgress("AL2", _counts("monitoring"), {}),
        ),
        actions=(
            ActionProgress(
                "AL1.1", "AL1", "action", None, "politie", date(2020, 6, 30), "overdue", None, None
            ),
            ActionProgress(
                "AL1.1.a",
                "AL1",
                "milestone",
                "AL1.1",
                "politie",
                date(2019, 6, 30),
                "done",
                "2019-06-20",
                "Lesplan klaar",
            ),
        ),
    )


def _counts(status: str) -> dict[str, int]:
    states = (
        "achieved",
        "on_track",
        "at_risk",
        "off_track",
        "deteriorating",
        "monitoring",
        "no_data",
    )
    return {s: int(s == status) for s in states}


def make_workspace(root: Path, *, hostile: bool = False) -> Workspace:
    programme = Programme.model_validate(PROGRAMME)
    zaken = indicator()
    if hostile:
        zaken = indicator(name={"nl": "Zaken " + HOSTILE, "en": "Cases " + HOSTILE})
    slachtoffers = indicator(
        id="slachtoffers-comensha",
        action_line="AL2",
        name={"nl": "Mogelijke slachtoffers (CoMensha)", "en": "Possible victims (CoMensha)"},
        owner="comensha",
        direction="none",
        dimensions=[],
        baseline=None,
        targets=[],
        caveats=None,
        source={"nl": "CoMensha jaarverslag", "en": "CoMensha annual report"},
    )
    prov = Provenance(
        submission=2, partner="politie", received="2020-11-02T10:00:00Z", file="politie.csv", row=2
    )
    observations = [
        Observation(
            "zaken-naar-om",
            "2019",
            (),
            185,
            "A",
            None,
            None,
            "",
            prov,
            revised_from=180,
            revision_of=1,
        ),
    ]
    return Workspace(
        root=root,
        programme=programme,
        indicators={i.id: i for i in (slachtoffers, zaken)},
        _observations=observations,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path)


@pytest.fixture
def progress(workspace: Workspace) -> ProgressReport:
    return make_progress(workspace.indicators)


@pytest.fixture(scope="session")
def fixtures() -> SimpleNamespace:
    """The builders of this module (test modules cannot import conftest in importlib mode)."""
    return SimpleNamespace(
        make_workspace=make_workspace, make_progress=make_progress, HOSTILE=HOSTILE, AS_OF=AS_OF
    )
