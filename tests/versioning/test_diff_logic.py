"""The pure definition diff over model objects."""

from __future__ import annotations

import json
from typing import Any

from kpitrack.cli.diff_view import render_diff
from kpitrack.definitions.models import Indicator, Programme
from kpitrack.versioning.diff import (
    Change,
    DefinitionDiff,
    diff_definitions,
    natural_key,
)


def _diff(
    old_p: dict[str, Any],
    old_i: list[dict[str, Any]],
    new_p: dict[str, Any],
    new_i: list[dict[str, Any]],
) -> list[Change]:
    return diff_definitions(
        Programme.model_validate(old_p),
        {i["id"]: Indicator.model_validate(i) for i in old_i},
        Programme.model_validate(new_p),
        {i["id"]: Indicator.model_validate(i) for i in new_i},
    )


def test_identical_definitions_have_no_changes(programme_data, indicator_data):
    assert _diff(programme_data, [indicator_data], programme_data, [indicator_data]) == []


def test_target_revision_is_revised_with_superseded_entry(programme_data, indicator_data):
    new = {**indicator_data, "targets": [*indicator_data["targets"]]}
    reason = {"nl": "Minder capaciteit", "en": "Less capacity"}
    new["targets"].append({"period": "2022", "value": 220, "set": "2020-06-15", "reason": reason})
    changes = _diff(programme_data, [indicator_data], programme_data, [new])
    assert changes == [
        Change(
            "revised",
            "target",
            "zaken",
            "2022",
            {"period": "2022", "value": 240.0, "set": "2018-11-13", "reason": None},
            {"period": "2022", "value": 220.0, "set": "2020-06-15", "reason": reason},
        )
    ]
    text = render_diff(DefinitionDiff(changes), "text")
    assert "target 2022 revised: 240 (set 2018-11-13) → 220 (set 2020-06-15" in text
    assert "Minder capaciteit" in text


def test_new_period_target_is_added_and_rewritten_history_is_removed(
    programme_data, indicator_data
):
    new = {**indicator_data, "targets": [indicator_data["targets"][1]]}
    new["targets"].append({"period": "2021", "value": 200, "set": "2019-01-01"})
    changes = _diff(programme_data, [indicator_data], programme_data, [new])
    kinds = [(c.kind, c.field) for c in changes]
    assert kinds == [("removed", "2019"), ("added", "2021")]  # in period order


def test_target_edited_in_place_is_changed(programme_data, indicator_data):
    new = {**indicator_data, "targets": [dict(t) for t in indicator_data["targets"]]}
    new["targets"][1]["value"] = 230
    (change,) = _diff(programme_data, [indicator_data], programme_data, [new])
    assert (change.kind, change.before["value"], change.after["value"]) == ("changed", 240, 230)
    assert "edited in place" in render_diff(DefinitionDiff([change]), "text")


def test_indicator_added_removed_and_fields(programme_data, indicator_data):
    other = {**indicator_data, "id": "slachtoffers", "direction": "none", "targets": []}
    changed = {**indicator_data, "unit": {"nl": "dossiers", "en": "files"}, "dimensions": ["regio"]}
    changes = _diff(programme_data, [indicator_data], programme_data, [changed, other])
    assert [(c.kind, c.entity, c.id, c.field) for c in changes] == [
        ("added", "indicator", "slachtoffers", None),
        ("changed", "indicator", "zaken", "unit"),
        ("changed", "indicator", "zaken", "dimensions"),
    ]
    assert changes[0].parent == "AL1"
    assert changes[2].before == [] and changes[2].after == ["regio"]
    removed = _diff(programme_data, [indicator_data, other], programme_data, [indicator_data])
    assert [(c.kind, c.id) for c in removed] == [("removed", "slachtoffers")]


def test_actions_milestones_partners_codes_and_metadata(programme_data, indicator_data):
    new = json.loads(json.dumps(programme_data))
    new["version"] = "2020.1"
    new["period"]["end"] = "2023-12-31"
    new["status"] = {"on_track": 0.9, "at_risk": 0.6}
    new["partners"].append({"id": "comensha", "name": "CoMensha"})
    new["codelists"]["regio"]["codes"]["oost"] = "Oost"
    actions = new["action_lines"][0]["actions"]
    actions[0]["due"] = "2021-06-30"
    actions[0]["milestones"][0]["title"] = {"nl": "Plan klaar", "en": "Plan ready"}
    del actions[1]
    changes = _diff(programme_data, [indicator_data], new, [indicator_data])
    summary = [(c.kind, c.entity, c.id, c.field, c.before, c.after) for c in changes]
    assert ("changed", "programme", "proef", "version", "2019.1", "2020.1") in summary
    assert ("changed", "programme", "proef", "period.end", "2022-12-31", "2023-12-31") in summary
    assert ("changed", "programme", "proef", "status.on_track", 0.95, 0.9) in summary
    assert ("changed", "action", "AL1.1", "due", "2020-12-31", "2021-06-30") in summary
    assert [c.entity for c in changes] == [
        "programme",
        "programme",
        "programme",
        "partner",
        "code",
        "action",
        "action",
        "milestone",
    ]
    removed = next(c for c in changes if c.kind == "removed")
    assert (removed.entity, removed.id, removed.parent) == ("action", "AL1.2", "AL1")
    text = render_diff(DefinitionDiff(changes), "text")
    assert '~ action AL1.1 due: "2020-12-31" → "2021-06-30"' in text
    assert "- action AL1.2: nl: Capaciteit | en: Capacity (removed)" in text
    assert '+ code regio.oost: "Oost" (added)' in text
    assert text.endswith("8 change(s)")


def test_action_moved_between_action_lines(programme_data, indicator_data):
    new = json.loads(json.dumps(programme_data))
    moved = new["action_lines"][0]["actions"].pop()
    new["action_lines"].append(
        {"id": "AL2", "title": {"nl": "Twee", "en": "Two"}, "actions": [moved]}
    )
    changes = _diff(programme_data, [indicator_data], new, [indicator_data])
    assert [(c.kind, c.entity, c.id, c.field) for c in changes] == [
        ("added", "action_line", "AL2", None),
        ("changed", "action", "AL1.2", "action_line"),
    ]


def test_json_shape_is_stable(programme_data, indicator_data):
    new = {**indicator_data, "caveats": {"nl": "Let op", "en": "Note"}}
    changes = DefinitionDiff(
        _diff(programme_data, [indicator_data], programme_data, [new]),
        {"source": "a", "commit": None, "version": "2019.1"},
        {"source": "b", "commit": "f" * 40, "version": "2019.1"},
    )
    payload = json.loads(render_diff(changes, "json"))
    assert payload == {
        "old": {"source": "a", "commit": None, "version": "2019.1"},
        "new": {"source": "b", "commit": "f" * 40, "version": "2019.1"},
        "count": 1,
        "changes": [
            {
                "kind": "changed",
                "entity": "indicator",
                "id": "zaken",
                "parent": "AL1",
                "field": "caveats",
                "before": None,
                "after": {"nl": "Let op", "en": "Note"},
            }
        ],
    }
    assert render_diff(
        DefinitionDiff(
            [],
            {"source": "a", "commit": None, "version": "1"},
            {"source": "b", "commit": None, "version": "1"},
        ),
        "text",
    ).endswith("no definition changes")


def test_natural_order_of_ids():
    assert sorted(["AL1.10", "AL1.2", "AL10", "AL2"], key=natural_key) == [
        "AL1.2",
        "AL1.10",
        "AL2",
        "AL10",
    ]
