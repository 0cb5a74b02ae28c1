"""The report tests' fixture is what the engine computes for its workspace, and its figures
follow from the status rule of design §5 worked by hand."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from kpitrack.intake.submit import submit_file
from kpitrack.progress.disclosure import hidden_cells
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.model import PeriodValue
from kpitrack.workspace import load_workspace


def test_the_fixture_progress_is_the_engines(fixtures, workspace, progress) -> None:
    assert progress == compute_progress(workspace, fixtures.AS_OF)
    hostile = fixtures.make_workspace(workspace.root, hostile=True)
    assert fixtures.make_progress(hostile) == compute_progress(hostile, fixtures.AS_OF)


# What the partners sent, in this order: (file, partner, received, content).
SUBMISSIONS = (
    (
        "acties-politie.csv",
        "politie",
        "2019-07-01T08:00:00Z",
        """action,date,status,note
AL1.1.a,2019-06-20,done,Lesplan klaar
AL1.1,2019-06-20,in_progress,Trainingen gestart
""",
    ),
    (
        "politie-2019.csv",
        "politie",
        "2020-02-14T09:00:00Z",
        """indicator,period,value,region,obs_status,lower,upper,note
zaken-naar-om,2018,170,,A,,,
zaken-naar-om,2019,180,,A,,,
""",
    ),
    (
        "politie.csv",
        "politie",
        "2020-11-02T10:00:00Z",
        """indicator,period,value,region,obs_status,lower,upper,note
zaken-naar-om,2019,185,,A,,,
zaken-naar-om,2020,187,,P,175,200,voorlopige telling
zaken-naar-om,2020,3,noord,A,,,
zaken-naar-om,2020,120,oost,A,,,
zaken-naar-om,2020,64,west,A,,,
""",
    ),
    (
        "comensha.csv",
        "comensha",
        "2020-11-16T13:30:00Z",
        """indicator,period,value,obs_status
slachtoffers-comensha,2017,1076,A
slachtoffers-comensha,2019,1372,A
slachtoffers-comensha,2020,1013,A
""",
    ),
)


def test_the_fixture_store_is_what_submit_records(
    fixtures, workspace, progress, tmp_path, monkeypatch
):
    # The fixture's definitions as files, the partners' files submitted: the store read back
    # holds the fixture's observations and updates (revisions, rows, submission numbers), and
    # the engine gives the fixture's progress from it.
    root = tmp_path / "ws"
    _write_yaml(root / "programme" / "programme.yaml", fixtures.PROGRAMME)
    for definition in fixtures.definitions():
        _write_yaml(root / "kpis" / f"{definition['id']}.yaml", definition)
    for name, partner, received, content in SUBMISSIONS:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        stamp = datetime.fromisoformat(received.replace("Z", "+00:00")).timestamp()
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(stamp)))
        assert submit_file(root, path, partner).accepted, name
    stored = load_workspace(root)
    assert stored.observations() == workspace.observations()
    assert stored.action_updates() == workspace.action_updates()
    assert compute_progress(stored, fixtures.AS_OF) == progress


def _write_yaml(path: Path, content: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_fixture_figures_follow_the_status_rule(workspace, progress) -> None:
    zaken, slachtoffers = progress.indicators
    # y0 = 160 at t0 = end of 2017; y = 187 (2020, provisional); yT = 220 at T = end of 2022,
    # the revision of 15 June 2020 (from 240) being the entry in force at 31 December 2020.
    t0, t, t_target = date(2017, 12, 31), date(2020, 12, 31), date(2022, 12, 31)
    achieved = (187 - 160) / (220 - 160)
    expected = (t - t0).days / (t_target - t0).days
    assert (t - t0).days == 1096 and (t_target - t0).days == 1826
    assert zaken.progress_achieved == pytest.approx(achieved) == pytest.approx(0.45)
    assert zaken.progress_expected == pytest.approx(expected)
    assert zaken.ratio == pytest.approx(achieved / expected)
    assert 0.60 <= achieved / expected < 0.95  # the programme's at_risk and on_track thresholds
    assert zaken.status == "at_risk"
    # Against the first entry for 2022 (240) the same figure would be off track.
    assert (187 - 160) / (240 - 160) / expected < 0.60
    assert (zaken.original_target, zaken.original_status) == (PeriodValue("2022", 240), "off_track")
    assert zaken.flags == ("provisional", "target_revised")
    assert [(p.period, p.value, p.revised_from) for p in zaken.series] == [
        ("2018", 170, None),
        ("2019", 185, 180),
        ("2020", 187, None),
    ]
    assert (zaken.series[-1].lower, zaken.series[-1].upper) == (175, 200)
    # The cells of 2020 add up to the total; 3 is below min_count 5, and the smallest other
    # cell (west, 64) is withheld with it so that 3 cannot be found by subtraction.
    cells = {p.breakdown: p.value for p in zaken.breakdowns}
    assert sum(v for v in cells.values() if v is not None) == zaken.series[-1].value
    assert hidden_cells(cells.items(), workspace.programme.disclosure.min_count) == {
        (("region", "noord"),): "small",
        (("region", "west"),): "complement",
    }
    assert (slachtoffers.status, slachtoffers.baseline_from_observation) == ("monitoring", True)
    assert (slachtoffers.baseline, slachtoffers.latest) == (
        PeriodValue("2017", 1076),
        PeriodValue("2020", 1013),
    )
    states = {a.id: (a.state, a.update_date) for a in progress.actions}
    assert states == {"AL1.1": ("overdue", "2019-06-20"), "AL1.1.a": ("done", "2019-06-20")}
