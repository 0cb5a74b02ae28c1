"""Steps of rapporteur_status.feature: the status of the example programme at an as-of date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, scenarios, then, when

from kpitrack.cli.status_table import status_json
from kpitrack.measurements.model import Observation, Provenance
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.model import INDICATOR_STATES, ProgressReport
from kpitrack.workspace import Workspace, load_workspace

scenarios("rapporteur_status.feature")

ROOT = Path(__file__).resolve().parents[1]

# Published figures from the domain fact sheet (CoMensha annual reports; Nationaal Rapporteur),
# used while the example has no measurement store of its own yet.
PUBLISHED: dict[str, dict[str, float]] = {
    "comensha-registraties": {
        "2011": 1222, "2012": 1711, "2013": 1437, "2014": 1561, "2015": 1321, "2016": 1049,
        "2017": 1076, "2019": 1372, "2020": 1013, "2021": 791, "2022": 814,
    },
    "veroordelingen": {"2012": 110, "2013": 156, "2014": 133, "2015": 139, "2016": 103},
    "zaken-voor-rechter": {"2012": 315, "2017": 141},
}  # fmt: skip


def _example() -> Workspace:
    if (ROOT / "measurements").is_dir():
        return load_workspace(ROOT)
    workspace = load_workspace(ROOT, measurements=False)
    observations = [
        Observation(
            indicator=indicator,
            period=period,
            breakdown=(),
            value=value,
            obs_status="A",
            lower=None,
            upper=None,
            note="",
            provenance=Provenance(1, workspace.indicators[indicator].owner, "", "feature", n + 2),
        )
        for indicator, figures in PUBLISHED.items()
        for n, (period, value) in enumerate(figures.items())
        if indicator in workspace.indicators
    ]
    workspace._observations = observations
    return workspace


@given(parsers.parse('het voorbeeldprogramma "{programme}" met de gepubliceerde cijfers'),
       target_fixture="context")  # fmt: skip
def example(programme: str) -> dict[str, Any]:
    workspace = _example()
    assert workspace.programme.id == programme
    return {"workspace": workspace, "reports": []}


@when(parsers.parse("de rapporteur de status opvraagt per {as_of}"))
@when(parsers.parse("de rapporteur de status nogmaals opvraagt per {as_of}"))
def ask_status(context: dict[str, Any], as_of: str) -> None:
    context["reports"].append(compute_progress(context["workspace"], date.fromisoformat(as_of)))


def _report(context: dict[str, Any]) -> ProgressReport:
    report: ProgressReport = context["reports"][-1]
    return report


@then("heeft elke indicator een status uit de zeven statussen")
def every_status_known(context: dict[str, Any]) -> None:
    report = _report(context)
    assert {i.id for i in report.indicators} == set(context["workspace"].indicators)
    assert all(i.status in INDICATOR_STATES for i in report.indicators)


@then("heeft elke indicator een uitleg in het Nederlands en in het Engels")
def every_status_explained(context: dict[str, Any]) -> None:
    for item in _report(context).indicators:
        assert set(item.explanation) == {"nl", "en"}
        assert all(text.strip().endswith(".") for text in item.explanation.values()), item


@then("is een kengetal zonder streefwaarde nooit beoordeeld")
def context_figures_not_judged(context: dict[str, Any]) -> None:
    definitions = context["workspace"].indicators
    for item in _report(context).indicators:
        if definitions[item.id].direction == "none" or not definitions[item.id].targets:
            assert item.status in ("monitoring", "no_data"), item.id
            assert item.ratio is None


@then(parsers.parse('is de status van "{indicator}" "{status}"'))
def status_of(context: dict[str, Any], indicator: str, status: str) -> None:
    item = next(i for i in _report(context).indicators if i.id == indicator)
    assert item.status == status


@then(parsers.parse('noemt de {taal} uitleg van "{indicator}" "{text}"'))
def explanation_names(context: dict[str, Any], taal: str, indicator: str, text: str) -> None:
    lang = {"Nederlandse": "nl", "Engelse": "en"}[taal]
    item = next(i for i in _report(context).indicators if i.id == indicator)
    assert text in item.explanation[lang], item.explanation[lang]


@then(
    parsers.parse(
        'dient de eerste waarneming van "{indicator}" als nulmeting: {value:d} over {period}'
    )
)
def baseline_from_first(context: dict[str, Any], indicator: str, value: int, period: str) -> None:
    item = next(i for i in _report(context).indicators if i.id == indicator)
    assert item.baseline_from_observation
    assert item.baseline is not None
    assert (item.baseline.period, item.baseline.value) == (period, value)


@then(
    parsers.parse(
        'is de laatste waarde van "{indicator}" {value:d} over {period} met waarneming "{obs}"'
    )
)
def latest_value(
    context: dict[str, Any], indicator: str, value: int, period: str, obs: str
) -> None:
    item = next(i for i in _report(context).indicators if i.id == indicator)
    assert item.latest is not None
    assert (item.latest.period, item.latest.value) == (period, value)
    point = next(p for p in item.series if p.period == period)
    assert point.obs_status == obs


@then(parsers.parse('heeft "{indicator}" geen waarde'))
def no_value(context: dict[str, Any], indicator: str) -> None:
    item = next(i for i in _report(context).indicators if i.id == indicator)
    assert item.latest is None and item.series == ()


@then(parsers.parse('is de stand van "{action}" "{state}" volgens de melding van {day}'))
def action_state(context: dict[str, Any], action: str, state: str, day: str) -> None:
    item = next(a for a in _report(context).actions if a.id == action)
    assert (item.state, item.update_date) == (state, day)
    note = item.update_note or ""
    assert "Kamerstuk 28638" in note or "wegwijzermensenhandel.nl" in note, note


@then(parsers.parse('hebben alleen "{actions}" een voortgangsmelding'))
def only_these_reported(context: dict[str, Any], actions: str) -> None:
    reported = [a.id for a in _report(context).actions if a.update_date is not None]
    assert reported == actions.split(", ")


@then("telt elke actielijn alle zeven statussen, ook als ze nul keer voorkomen")
def roll_up_complete(context: dict[str, Any]) -> None:
    report = _report(context)
    assert [line.id for line in report.action_lines] == [
        line.id for line in context["workspace"].programme.action_lines
    ]
    for line in report.action_lines:
        assert list(line.counts) == list(INDICATOR_STATES)
    assert sum(sum(line.counts.values()) for line in report.action_lines) == len(report.indicators)


@then("zijn beide uitkomsten gelijk")
def same_outcome(context: dict[str, Any]) -> None:
    first, second = context["reports"]
    assert status_json(first) == status_json(second)
