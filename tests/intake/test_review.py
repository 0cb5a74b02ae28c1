"""The office's review in the store: a returned submission stops counting, approval is marked.

The decisions are chained ledger entries; what the engine sees (``read_store`` → observations →
status, calendar) follows the decision in force on each submission.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kpitrack.core.errors import ValidationFailed
from kpitrack.intake.review import MAX_REASON, clean_reason, review_submission
from kpitrack.measurements.store import stored_figures, verify_store
from kpitrack.progress.document import status_document
from kpitrack.progress.engine import compute_progress
from kpitrack.workspace import load_workspace
from store_helpers import require_review, submit

AS_OF = date(2021, 6, 30)


def zaken(workspace: Path) -> dict[str, object]:
    document = status_document(compute_progress(load_workspace(workspace), AS_OF))
    return next(i for i in document["indicators"] if i["id"] == "zaken")


def test_a_returned_submission_stops_counting_and_the_earlier_figure_counts_again(
    workspace: Path,
) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    second = submit(workspace, "zaken,2019,400,,,,,\nzaken,2020,190,,,,,\n", "b.csv")
    assert zaken(workspace)["latest"] == {"period": "2020", "value": 190}
    revised = [o for o in load_workspace(workspace).observations() if o.revised]
    assert [(o.period, o.revised_from, o.value) for o in revised] == [("2019", 180, 400)]

    entry = review_submission(workspace, second, "return", "p-office", "2019 is dubbel geteld")
    assert entry.submission == second and entry.person == "p-office"
    observations = load_workspace(workspace).observations()
    assert [(o.period, o.value, o.provenance.submission) for o in observations] == [
        ("2019", 180.0, first)
    ]
    assert zaken(workspace)["latest"] == {"period": "2019", "value": 180}
    # A later submission replaces what counts now (180), not the returned value.
    assert stored_figures(workspace)["zaken\x1f2019\x1f"].value == 180
    third = submit(workspace, "zaken,2019,185,,,,,\nzaken,2020,195,,,,,\n", "c.csv")
    latest = [o for o in load_workspace(workspace).observations() if o.period == "2019"][-1]
    assert (latest.revised_from, latest.revision_of) == (180.0, first)
    assert zaken(workspace)["latest"] == {"period": "2020", "value": 195}
    assert third == second + 2
    assert verify_store(workspace).errors == []


def test_the_decision_in_force_is_the_latest(workspace: Path) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    review_submission(workspace, seq, "return", "p-office", "klopt niet")
    assert load_workspace(workspace).observations() == []
    review_submission(workspace, seq, "approve", "p-office")
    (observation,) = load_workspace(workspace).observations()
    assert observation.value == 180 and observation.approved is True


def test_actions_of_a_returned_submission_stop_counting(workspace: Path) -> None:
    path = workspace.parent / "acties.csv"
    path.write_text("action,date,status,note\nAL1.1,2019-05-01,done,klaar\n", encoding="utf-8")
    from kpitrack.intake.submit import submit_file

    result = submit_file(workspace, path, "politie")
    assert result.seq is not None
    assert len(load_workspace(workspace).action_updates()) == 1
    review_submission(workspace, result.seq, "return", "p-office", "nog niet klaar")
    assert load_workspace(workspace).action_updates() == []


def test_without_required_review_figures_are_neither_approved_nor_awaiting(
    workspace: Path,
) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    assert [o.approved for o in load_workspace(workspace).observations()] == [None]
    assert "unreviewed" not in zaken(workspace)["flags"]
    review_submission(workspace, seq, "approve", "p-office")
    assert [o.approved for o in load_workspace(workspace).observations()] == [True]


def test_with_required_review_figures_count_but_are_marked_until_approved(
    workspace: Path,
) -> None:
    require_review(workspace)
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    second = submit(workspace, "zaken,2020,190,,,,,\n", "b.csv")
    status = zaken(workspace)
    assert status["latest"] == {"period": "2020", "value": 190}
    assert "unreviewed" in status["flags"]
    progress = compute_progress(load_workspace(workspace), AS_OF)
    series = next(i for i in progress.indicators if i.id == "zaken").series
    assert [(p.period, p.approved) for p in series] == [("2019", False), ("2020", False)]

    review_submission(workspace, second, "approve", "p-office")
    assert "unreviewed" not in zaken(workspace)["flags"]
    progress = compute_progress(load_workspace(workspace), AS_OF)
    series = next(i for i in progress.indicators if i.id == "zaken").series
    assert [(p.period, p.approved) for p in series] == [("2019", False), ("2020", True)]
    review_submission(workspace, first, "approve", "p-office")
    progress = compute_progress(load_workspace(workspace), AS_OF)
    series = next(i for i in progress.indicators if i.id == "zaken").series
    assert [p.approved for p in series] == [True, True]


def test_a_total_summed_from_cells_awaits_approval_when_one_cell_does(workspace: Path) -> None:
    require_review(workspace)
    north = submit(workspace, "zaken,2019,5,noord,,,,\n", "n.csv")
    submit(workspace, "zaken,2019,7,zuid,,,,\n", "z.csv")
    review_submission(workspace, north, "approve", "p-office")
    progress = compute_progress(load_workspace(workspace), AS_OF)
    (point,) = next(i for i in progress.indicators if i.id == "zaken").series
    assert (point.value, point.approved) == (12, False)
    assert "unreviewed" in zaken(workspace)["flags"]


def test_the_flag_is_worded_in_every_language() -> None:
    from kpitrack.i18n import flag_label

    assert flag_label("unreviewed", "nl") == "nog niet geaccordeerd"
    assert flag_label("unreviewed", "en") == "not yet approved"


@pytest.mark.parametrize(
    ("decision", "reason", "code"),
    [
        ("accept", None, "review-decision"),
        ("return", None, "review-reason"),
        ("return", "  \x07 ", "review-reason"),
        ("return", "x" * (MAX_REASON + 1), "review-reason"),
    ],
)
def test_a_decision_is_refused_when_it_is_not_one(
    workspace: Path, decision: str, reason: str | None, code: str
) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    with pytest.raises(ValidationFailed) as refused:
        review_submission(workspace, seq, decision, "p-office", reason)
    assert [p.code for p in refused.value.problems] == [code]
    assert len((workspace / "measurements" / "ledger.jsonl").read_bytes().splitlines()) == 1


def test_only_submissions_are_reviewed_and_by_a_pseudonymous_id(workspace: Path) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    review = review_submission(workspace, seq, "approve", "p-office")
    with pytest.raises(ValidationFailed):
        review_submission(workspace, review.seq, "approve", "p-office")  # a review, not a file
    with pytest.raises(ValidationFailed):
        review_submission(workspace, seq, "approve", "ana@politie.example")  # never an address
    lines = (workspace / "measurements" / "ledger.jsonl").read_text(encoding="utf-8")
    assert [json.loads(line)["kind"] for line in lines.splitlines()] == ["measurements", "review"]


def test_a_reason_keeps_its_lines_and_loses_hidden_characters() -> None:
    assert clean_reason(" Regio\u202e noord\r\nontbreekt\x00 ") == "Regio noord\nontbreekt"


def test_the_report_model_counts_figures_awaiting_approval_per_partner(workspace: Path) -> None:
    from kpitrack.report.build import build_report_model

    def rows() -> dict[str, tuple[int, int, str]]:
        loaded = load_workspace(workspace)
        model = build_report_model(loaded, compute_progress(loaded, AS_OF), "nl")
        return {
            r.partner_id: (r.with_data, r.unreviewed, r.unreviewed_text)
            for r in model.annex.completeness
        }

    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    assert rows()["politie"] == (1, 0, "")  # review not required: nothing counted apart
    require_review(workspace)
    assert rows() == {"politie": (1, 1, "1"), "ngo": (0, 0, "0")}
    review_submission(workspace, seq, "approve", "p-office")
    assert rows()["politie"] == (1, 0, "0")


def test_the_store_up_to_an_entry_knows_only_the_decisions_made_by_then(workspace: Path) -> None:
    # A report cut at a date (--received-by) or rebuilt from its record (--reproduce) sees the
    # store as it was then: a later approval does not approve, a later return does not return.
    require_review(workspace)
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    second = submit(workspace, "zaken,2020,190,,,,,\n", "b.csv")
    review_submission(workspace, first, "approve", "p-office")
    review_submission(workspace, second, "return", "p-office", "2020 is nog niet compleet")
    now = load_workspace(workspace)
    assert [(o.period, o.approved) for o in now.observations()] == [("2019", True)]
    then = now.up_to(second)
    assert [(o.period, o.approved) for o in then.observations()] == [
        ("2019", False),
        ("2020", False),
    ]
    assert [(o.period, o.approved) for o in now.up_to(second + 1).observations()] == [
        ("2019", True),
        ("2020", False),
    ]
    assert now.up_to(0).observations() == []
