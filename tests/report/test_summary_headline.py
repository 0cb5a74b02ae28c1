"""The summary and the headline count what the status JSON says, under the report's rules:
a verdict on outdated figures is counted apart, actions and milestones together, "no progress
reported" apart from "overdue"; numbers under twenty are written in words."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from generated_programme import generated_programme

from kpitrack.i18n.spelled import spelled
from kpitrack.progress.engine import compute_progress
from kpitrack.report.build import build_report_model
from kpitrack.report.summary import SUMMARY_COLUMNS, headline_facts
from kpitrack.workspace import load_workspace

JUDGED = {"achieved", "on_track", "at_risk", "off_track", "deteriorating"}


def _status_json(root: Path, as_of: date, capsys: pytest.CaptureFixture[str]) -> dict:
    from kpitrack.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(["status", str(root), "--as-of", as_of.isoformat(), "--format", "json"])
    assert done.value.code in (0, None)
    return json.loads(capsys.readouterr().out)


def _recount(document: dict, line: str | None) -> tuple[Counter[str], Counter[str]]:
    """The report's counts, from the status JSON: indicators by status or "stale"; actions and
    milestones together by state."""
    indicators: Counter[str] = Counter()
    for item in document["indicators"]:
        if line is None or item["action_line"] == line:
            indicators["stale" if "stale" in item["flags"] else item["status"]] += 1
    states: Counter[str] = Counter()
    for item in document["actions"]:
        if line is None or item["action_line"] == line:
            states[item["state"]] += 1
    return indicators, states


@pytest.mark.parametrize("seed", range(8))
def test_summary_of_a_generated_programme_matches_the_status_json(seed, tmp_path, capsys):
    root = tmp_path / "ws"
    as_of = generated_programme(root, seed)
    document = _status_json(root, as_of, capsys)
    workspace = load_workspace(root)
    model = build_report_model(
        workspace, compute_progress(workspace, as_of), "nl", snapshot_hash=""
    )
    rows = {row.action_line_id: row for row in model.summary.rows}
    assert set(rows) == {line["id"] for line in document["action_lines"]}
    for line_id, row in [*rows.items(), (None, model.summary.totals)]:
        indicators, states = _recount(document, line_id)
        shown = {c.status.code: c.count for c in row.indicator_counts}
        assert tuple(shown) == SUMMARY_COLUMNS
        assert shown == {code: indicators.get(code, 0) for code in SUMMARY_COLUMNS}, line_id
        assert {c.status.code: c.count for c in row.action_counts} == {
            code: states.get(code, 0) for code in shown_states(row)
        }, line_id
        # The JSON counts stay per status, stale or not: the same indicators, counted apart.
        if line_id is not None:
            counts = next(x for x in document["action_lines"] if x["id"] == line_id)
            assert sum(counts["counts"].values()) == sum(shown.values()) == row.indicators
            both = Counter(counts["actions"]) + Counter(counts["milestones"])
            assert +both == +states


def shown_states(row) -> list[str]:
    return [c.status.code for c in row.action_counts]


@pytest.mark.parametrize("seed", range(8))
def test_headline_of_a_generated_programme_says_what_the_status_json_says(seed, tmp_path, capsys):
    root = tmp_path / "ws"
    as_of = generated_programme(root, seed)
    document = _status_json(root, as_of, capsys)
    workspace = load_workspace(root)
    facts = headline_facts(workspace, compute_progress(workspace, as_of), "nl")
    with_target = [i for i in document["indicators"] if workspace.indicators[i["id"]].targets]
    current = Counter(
        i["status"] for i in with_target if i["status"] in JUDGED and "stale" not in i["flags"]
    )
    assert facts.with_target == len(with_target)
    assert +Counter(facts.current) == current
    assert sorted(v.name for v in facts.outdated) == sorted(
        workspace.indicators[i["id"]].name["nl"]
        for i in with_target
        if i["status"] in JUDGED and "stale" in i["flags"]
    )
    assert len(facts.unmeasured) == sum(1 for i in with_target if i["status"] == "no_data")
    actions = Counter(a["state"] for a in document["actions"] if a["kind"] == "action")
    assert +Counter(facts.actions) == actions
    late = {
        a["id"]
        for a in document["actions"]
        if a["kind"] == "action"
        and a["late_milestones"]
        and a["state"] not in ("overdue", "not_reported")
    }
    assert set(facts.late_milestones) == late
    # The words: the totals as counted, in words under twenty.
    model = build_report_model(
        workspace, compute_progress(workspace, as_of), "nl", snapshot_hash=""
    )
    text = " ".join(model.summary.headline)
    total = sum(actions.values())
    if total > 1:
        assert f"Stand van de {spelled(total, 'nl')} acties: " in text
    if current:
        judged = sum(current.values())
        assert spelled(judged, "nl") in text.lower()


def test_numbers_under_twenty_are_words_in_running_text():
    assert [spelled(n, "nl") for n in (0, 1, 2, 13, 19, 20, 1000)] == [
        "nul", "één", "twee", "dertien", "negentien", "20", "1.000",
    ]  # fmt: skip
    assert [spelled(n, "en") for n in (1, 11, 19, 20)] == ["one", "eleven", "nineteen", "20"]
    assert [spelled(n, "fr") for n in (1, 17, 20)] == ["un", "dix-sept", "20"]
    assert spelled(1, "fr", feminine=True) == "une"
    assert spelled(3, "de") == "3"  # no words listed for the language: digits


def test_the_headline_comes_before_the_table_and_the_rapporteur_after_it(tmp_path):
    from kpitrack.report.html import render_html
    from kpitrack.report.templates import TemplateSet

    root = tmp_path / "ws"
    as_of = generated_programme(root, 3)
    commentary = root / "commentary" / as_of.isoformat()
    commentary.mkdir(parents=True)
    (commentary / "summary.nl.md").write_text("De rapporteur vat samen.\n", encoding="utf-8")
    workspace = load_workspace(root)
    model = build_report_model(
        workspace, compute_progress(workspace, as_of), "nl", snapshot_hash=""
    )
    page = render_html(model, TemplateSet.for_workspace(None))
    summary = page[page.index('<section id="summary"') :]
    headline = summary.index("Kernboodschap")
    rapporteur = summary.index("De rapporteur vat samen.")
    table = summary.index('<table class="summary"')
    assert headline < rapporteur < table
