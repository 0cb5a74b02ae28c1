"""compute_progress end to end on small in-memory workspaces: targets, flags, actions, JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_builders import indicator, obs, programme, update, workspace

from kpitrack.cli.status_table import status_json
from kpitrack.measurements.model import ACTION_STATES
from kpitrack.progress.engine import compute_progress
from kpitrack.progress.model import INDICATOR_STATES

REVISED_TARGETS = [
    {"period": "2019", "value": 150, "set": "2018-11-13"},
    {"period": "2022", "value": 240, "set": "2018-11-13"},
    {
        "period": "2022",
        "value": 220,
        "set": "2020-06-15",
        "reason": {"nl": "Bijgesteld", "en": "Revised"},
    },
]


def one(ind, observations, as_of: date, **kwargs):
    report = compute_progress(workspace([ind], observations, **kwargs), as_of)
    return report.indicators[0]


def test_target_in_force_is_the_nearest_period_with_the_latest_entry_set_by_as_of() -> None:
    ind = indicator(targets=REVISED_TARGETS)
    before = one(ind, [obs("2019", 160)], date(2019, 12, 31))
    assert before.target is not None and (before.target.period, before.target.value) == (
        "2019",
        150,
    )
    early = one(ind, [obs("2019", 160)], date(2020, 3, 31))
    assert early.target is not None and early.target.value == 240  # the revision is not known yet
    assert "target_revised" not in early.flags
    assert [t.value for t in early.targets] == [150, 240]
    later = one(ind, [obs("2019", 160)], date(2020, 12, 31))
    assert later.target is not None and later.target.value == 220
    assert "target_revised" in later.flags
    assert [(t.value, t.in_force, t.superseded) for t in later.targets] == [
        (150, False, False),
        (240, False, True),
        (220, True, False),
    ]
    assert "bijgesteld van 240 naar 220" in later.explanation["nl"]


def test_after_the_last_target_period_the_last_target_stays_in_force() -> None:
    result = one(indicator(), [obs("2022", 210)], date(2022, 12, 31))
    assert result.target is not None and result.target.period == "2021"
    assert result.status == "achieved"


def test_no_target_known_at_as_of_is_monitoring() -> None:
    ind = indicator(targets=[{"period": "2022", "value": 200, "set": "2021-01-01"}])
    result = one(ind, [obs("2019", 120)], date(2020, 12, 31))
    assert (result.status, result.target, result.targets) == ("monitoring", None, ())
    assert "No target set by 31 December 2020" in result.explanation["en"]


def test_without_baseline_the_earliest_observation_serves_and_the_explanation_says_so() -> None:
    result = one(indicator(baseline=None), [obs("2019", 150), obs("2018", 100)], date(2020, 12, 31))
    assert result.baseline is not None and (result.baseline.period, result.baseline.value) == (
        "2018",
        100,
    )
    assert result.baseline_from_observation
    assert "de eerste meting (100, 2018) dient als nulmeting" in result.explanation["nl"]


def test_as_of_before_the_baseline_is_no_data() -> None:
    result = one(indicator(), [obs("2016", 90), obs("2019", 150)], date(2017, 6, 30))
    assert result.status == "no_data"
    assert result.latest is not None and result.latest.period == "2016"


@pytest.mark.parametrize(
    ("observations", "as_of", "flags"),
    [
        ([obs("2020", 150, status="P")], date(2020, 12, 31), ("provisional",)),
        ([obs("2020", 150, status="E")], date(2020, 12, 31), ("estimated",)),
        ([obs("2020", 150, status="B")], date(2020, 12, 31), ()),
        # Half-year reporting: stale once more than 12 months past the period's end.
        ([obs("2019", 150)], date(2020, 12, 31), ()),
        ([obs("2019", 150)], date(2021, 1, 1), ("stale",)),
        (
            [obs("2020", 140), obs("2020", 150, submission=2, revised_from=140, revision_of=1)],
            date(2020, 12, 31),
            ("revised",),
        ),
        ([obs("2020", 150, breakdown=(("regio", "noord"),))], date(2020, 12, 31), ("partial",)),
    ],
)
def test_flags(observations, as_of: date, flags: tuple[str, ...]) -> None:
    assert one(indicator(), observations, as_of).flags == flags


def test_stale_uses_the_programme_reporting_period() -> None:
    prog = programme(reporting={"frequency": "quarter"})
    result = one(indicator(), [obs("2019", 150)], date(2020, 12, 31), prog=prog)
    assert "stale" in result.flags


def test_indicator_thresholds_override_the_programme() -> None:
    lenient = indicator(status={"on_track": 0.5, "at_risk": 0.3})
    assert one(lenient, [obs("2021", 160)], date(2021, 12, 31)).status == "on_track"
    assert one(indicator(), [obs("2021", 160)], date(2021, 12, 31)).status == "at_risk"


def test_series_holds_totals_up_to_as_of() -> None:
    result = one(
        indicator(), [obs("2018", 110), obs("2019", 120), obs("2021", 150)], date(2020, 6, 30)
    )
    assert [(p.period, p.value) for p in result.series] == [("2018", 110), ("2019", 120)]
    assert result.latest is not None and result.latest.period == "2019"


def test_indicators_sorted_by_action_line_order_then_id() -> None:
    inds = [indicator("b", action_line="AL2"), indicator("z"), indicator("a", action_line="AL2")]
    report = compute_progress(workspace(inds), date(2020, 12, 31))
    assert [(i.action_line, i.id) for i in report.indicators] == [
        ("AL1", "z"),
        ("AL2", "a"),
        ("AL2", "b"),
    ]


@pytest.mark.parametrize(
    ("updates", "as_of", "state"),
    [
        ([], date(2020, 6, 30), "planned"),
        # Past due without any update: a gap in reporting, not a verdict on delivery.
        ([], date(2021, 1, 1), "not_reported"),
        ([update("AL1.1", "2020-03-01", "in_progress")], date(2020, 6, 30), "in_progress"),
        ([update("AL1.1", "2020-03-01", "in_progress")], date(2021, 1, 1), "overdue"),
        ([update("AL1.1", "2020-03-01", "planned")], date(2021, 1, 1), "overdue"),
        ([update("AL1.1", "2020-12-01", "done")], date(2022, 1, 1), "done"),
        ([update("AL1.1", "2020-12-01", "dropped")], date(2022, 1, 1), "dropped"),
        # An update dated after as-of is not known yet.
        ([update("AL1.1", "2021-02-01", "done")], date(2021, 1, 1), "not_reported"),
        # The latest by date wins, then the later submission on the same date.
        (
            [
                update("AL1.1", "2020-05-01", "done"),
                update("AL1.1", "2020-03-01", "in_progress", submission=2),
            ],
            date(2020, 6, 30),
            "done",
        ),
        (
            [
                update("AL1.1", "2020-05-01", "done"),
                update("AL1.1", "2020-05-01", "in_progress", submission=2),
            ],
            date(2020, 6, 30),
            "in_progress",
        ),
    ],
)
def test_action_states(updates, as_of: date, state: str) -> None:
    report = compute_progress(workspace([], updates=updates), as_of)
    action = next(a for a in report.actions if a.id == "AL1.1")
    assert action.state == state


def test_actions_in_programme_order_with_milestones_and_roll_up() -> None:
    updates = [
        update("AL1.1.a", "2019-06-01", "done"),
        update("AL1.2", "2020-01-01", "in_progress"),
    ]
    inds = [indicator(), indicator("ctx", direction="none", targets=[])]
    observations = [obs("2020", 150), obs("2020", 5, indicator="ctx")]
    report = compute_progress(workspace(inds, observations, updates), date(2021, 1, 1))
    assert [(a.id, a.kind, a.parent, a.state) for a in report.actions] == [
        ("AL1.1", "action", None, "not_reported"),
        ("AL1.1.a", "milestone", "AL1.1", "done"),
        ("AL1.2", "action", None, "in_progress"),
    ]
    al1, al2 = report.action_lines
    assert list(al1.counts) == list(INDICATOR_STATES)
    assert al1.counts["monitoring"] == 1 and sum(al1.counts.values()) == 2
    assert al1.actions == {
        "done": 0,
        "in_progress": 1,
        "overdue": 0,
        "not_reported": 1,
        "planned": 0,
        "dropped": 0,
    }
    assert al1.milestones["done"] == 1
    assert al2.counts == dict.fromkeys(INDICATOR_STATES, 0)
    assert al2.actions == dict.fromkeys(ACTION_STATES, 0)


def test_status_json_has_the_contract_shape() -> None:
    ws = workspace(
        [indicator(), indicator("leeg", targets=[])],
        [obs("2020", 150.0, status="P")],
        [update("AL1.2", "2020-01-01", "in_progress", note="gestart")],
    )
    doc = json.loads(status_json(compute_progress(ws, date(2020, 12, 31))))
    assert list(doc)[:4] == ["programme", "version", "as_of", "indicators"]
    assert (doc["programme"], doc["version"], doc["as_of"]) == ("proef", "2019.1", "2020-12-31")
    first, empty = doc["indicators"][1], doc["indicators"][0]
    fixed = [
        "id",
        "action_line",
        "status",
        "flags",
        "ratio",
        "baseline",
        "latest",
        "target",
        "explanation",
    ]
    assert list(first)[: len(fixed)] == fixed
    assert first["latest"] == {"period": "2020", "value": 150}
    assert first["target"] == {"period": "2021", "value": 200}
    assert first["baseline"] == {"period": "2017", "value": 100}
    assert first["flags"] == ["provisional"]
    assert first["ratio"] == round(first["ratio"], 4) and 0 < first["ratio"] < 1
    assert set(first["explanation"]) == {"nl", "en"}
    assert (empty["status"], empty["latest"], empty["target"], empty["ratio"]) == (
        "no_data",
        None,
        None,
        None,
    )
    line = doc["action_lines"][0]
    assert set(line["counts"]) == set(INDICATOR_STATES)
    assert set(line["actions"]) == set(ACTION_STATES)
    action = next(a for a in doc["actions"] if a["id"] == "AL1.2")
    assert {
        k: action[k] for k in ("id", "action_line", "kind", "owner", "due", "state", "update")
    } == {
        "id": "AL1.2",
        "action_line": "AL1",
        "kind": "action",
        "owner": "om",
        "due": "2021-12-31",
        "state": "in_progress",
        "update": {"date": "2020-01-01", "note": "gestart"},
    }
    assert next(a for a in doc["actions"] if a["id"] == "AL1.1")["update"] is None


def test_same_input_gives_the_same_output() -> None:
    observations = [
        obs("2019", 120, submission=3),
        obs("2018", 110, submission=1),
        obs("2020", 150, submission=2),
    ]
    a = status_json(compute_progress(workspace([indicator()], observations), date(2020, 12, 31)))
    b = status_json(
        compute_progress(workspace([indicator()], list(reversed(observations))), date(2020, 12, 31))
    )
    assert a == b


def test_print_table_shows_status_in_words_and_icons(capsys: pytest.CaptureFixture[str]) -> None:
    from kpitrack.cli.status_table import print_table

    ws = workspace([indicator()], [obs("2021", 120)])
    print_table(compute_progress(ws, date(2022, 6, 30)))
    out = capsys.readouterr().out
    assert "✖ off_track" in out
    assert "AL1.1" in out  # overdue action listed


def test_an_action_counts_its_late_milestones_before_its_own_due_date() -> None:
    # AL1.1 is due 2020-12-31; its milestone AL1.1.a was due 2019-06-30.
    report = compute_progress(workspace([]), date(2020, 1, 1))
    action, milestone = report.actions[0], report.actions[1]
    assert (milestone.id, milestone.state) == ("AL1.1.a", "not_reported")
    assert (action.id, action.state, action.late_milestones) == ("AL1.1", "planned", 1)
    done = compute_progress(
        workspace([], updates=[update("AL1.1.a", "2019-06-01", "done")]), date(2020, 1, 1)
    )
    assert done.actions[0].late_milestones == 0


def test_a_context_figure_with_one_observation_is_monitoring() -> None:
    ctx = indicator("ctx", direction="none", targets=[], baseline=None)
    report = compute_progress(
        workspace([ctx], [obs("2020", 49, indicator="ctx")]), date(2021, 1, 1)
    )
    (result,) = report.indicators
    assert result.status == "monitoring"
    assert result.explanation["en"].startswith(
        "Context figure without a target: 49 in 2020. No judgement."
    )
    empty = compute_progress(workspace([ctx]), date(2021, 1, 1))
    assert empty.indicators[0].status == "no_data"


def test_a_revised_target_keeps_the_verdict_against_the_original() -> None:
    # 200 (set 2018) revised to 160 (set 2020): 150 in 2020 is on track against 160, not 200.
    targets = [
        {"period": "2021", "value": 200, "set": "2018-11-13"},
        {"period": "2021", "value": 160, "set": "2020-06-15", "reason": {"nl": "x", "en": "x"}},
    ]
    result = one(indicator(targets=targets), [obs("2020", 150)], date(2020, 12, 31))
    assert result.target is not None and result.target.value == 160
    assert result.original_target is not None and result.original_target.value == 200
    assert (result.status, result.original_status) == ("on_track", "at_risk")
    unchanged = one(indicator(), [obs("2020", 150)], date(2020, 12, 31))
    assert unchanged.original_target is None and unchanged.original_status is None
