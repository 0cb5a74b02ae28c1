"""The history ``kpitrack log`` prints and the portal shows: submissions, reviews, withdrawals.

Revisions are told as they were when the submission arrived (old → new, and whose the old
value was); a submission the office had returned by then is not the old value.
"""

from __future__ import annotations

from pathlib import Path

from kpitrack.intake.history import log_document, submission_history
from kpitrack.intake.review import review_submission
from store_helpers import submit


def test_each_submission_with_who_when_file_rows_and_what_it_revised(workspace: Path) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\nzaken,2019,80,noord,,,,\n", "a.csv")
    second = submit(
        workspace,
        "zaken,2019,181,,,,,\nzaken,2019,80,noord,,,,\nzaken,2020,190,,,,,\n",
        "b.csv",
        person="p-ana",
    )
    newest, oldest = submission_history(workspace)
    assert (oldest.seq, oldest.partner, oldest.file, oldest.rows) == (first, "politie", "a.csv", 2)
    assert oldest.person is None and oldest.revisions == ()
    assert (newest.seq, newest.person, newest.rows, newest.kind) == (
        second,
        "p-ana",
        3,
        "measurements",
    )
    assert newest.received.endswith("Z")
    assert [(r.indicator, r.period, r.breakdown, r.old, r.new, r.replaced_submission, r.changed)
            for r in newest.revisions] == [
        ("zaken", "2019", (), 180.0, 181.0, first, True),
        ("zaken", "2019", (("region", "noord"),), 80.0, 80.0, first, False),
    ]  # fmt: skip
    assert newest.indicators == ("zaken",)


def test_a_withdrawal_is_listed_with_its_note_and_the_value_it_ended(workspace: Path) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    second = submit(
        workspace, "zaken,2019,,,M,,,telling afgebroken\nzaken,2020,,,M,,,geen bron\n", "b.csv"
    )
    entry = submission_history(workspace)[0]
    assert entry.seq == second
    assert [(w.period, w.note, w.old, w.replaced_submission) for w in entry.withdrawals] == [
        ("2019", "telling afgebroken", 180.0, first),
        ("2020", "geen bron", None, None),
    ]
    (revision,) = entry.revisions
    assert (revision.old, revision.new, revision.new_status) == (180.0, None, "M")


def test_reviews_belong_to_their_submission_and_a_return_is_answered_by_a_new_one(
    workspace: Path,
) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    second = submit(workspace, "zaken,2019,400,,,,,\n", "b.csv")
    review_submission(workspace, second, "return", "p-office", "400 is een typefout")
    entry = submission_history(workspace)[0]
    assert entry.returned and not entry.approved and not entry.resubmitted
    assert entry.review is not None and entry.review.reason == "400 is een typefout"
    third = submit(workspace, "zaken,2019,190,,,,,\n", "c.csv")
    newest, returned, oldest = submission_history(workspace)
    assert returned.resubmitted and oldest.resubmitted and not newest.resubmitted
    # The returned 400 never counted for the new submission: it revises 180 of the first.
    (revision,) = newest.revisions
    assert (revision.old, revision.replaced_submission, revision.new) == (180.0, first, 190.0)
    assert newest.seq == third
    review_submission(workspace, third, "approve", "p-office")
    assert submission_history(workspace)[0].approved


def test_a_file_sent_before_the_return_is_not_the_answer_to_it(workspace: Path) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    submit(workspace, "aandeel,2019-H1,40,,,,,\n", "b.csv")
    review_submission(workspace, first, "return", "p-office", "regio's ontbreken")
    returned = submission_history(workspace)[-1]
    assert returned.returned and not returned.resubmitted
    submit(workspace, "zaken,2019,181,,,,,\n", "c.csv")
    assert submission_history(workspace)[-1].resubmitted


def test_the_log_is_in_ledger_order_with_the_reviews_between(workspace: Path) -> None:
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    review_submission(workspace, first, "return", "p-office", "regio's ontbreken")
    submit(workspace, "meldingen,2019,40,,,,,\n", "n.csv", partner="ngo")
    document = log_document("proef", submission_history(workspace))
    assert [(e["seq"], e["event"]) for e in document["entries"]] == [
        (1, "submission"),
        (2, "review"),
        (3, "submission"),
    ]
    review = document["entries"][1]
    assert review == {
        "seq": 2,
        "event": "review",
        "submission": 1,
        "partner": "politie",
        "decision": "return",
        "person": "p-office",
        "recorded": review["recorded"],
        "reason": "regio's ontbreken",
    }
    assert document["entries"][0]["review"] == "return"


def test_filters_by_partner_and_by_indicator(workspace: Path) -> None:
    submit(workspace, "zaken,2019,180,,,,,\naandeel,2019-H1,40,,,,,\n", "a.csv")
    submit(workspace, "aandeel,2019-H1,41,,,,,\n", "b.csv")
    submit(workspace, "meldingen,2019,40,,,,,\n", "n.csv", partner="ngo")
    assert [e.seq for e in submission_history(workspace, partner="ngo")] == [3]
    assert [e.seq for e in submission_history(workspace, indicator="zaken")] == [1]
    aandeel = submission_history(workspace, indicator="aandeel")
    assert [e.seq for e in aandeel] == [2, 1]
    assert [r.indicator for r in aandeel[0].revisions] == ["aandeel"]
    assert submission_history(workspace, partner="ngo", indicator="zaken") == []


def test_uploads_the_portal_recorded_and_those_on_a_partners_behalf(workspace: Path) -> None:
    seq = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    (entry,) = submission_history(workspace, people={seq: "p-old"}, on_behalf={seq})
    assert (entry.person, entry.on_behalf) == ("p-old", True)


def test_a_kept_builder_reads_only_new_entries_and_starts_again_for_another_store(
    workspace: Path, tmp_path: Path
) -> None:
    import shutil

    from kpitrack.intake.history import HistoryBuilder

    builder = HistoryBuilder(workspace)
    first = submit(workspace, "zaken,2019,180,,,,,\n", "a.csv")
    assert [e.seq for e in builder.entries()] == [first]
    second = submit(workspace, "zaken,2019,400,,,,,\n", "b.csv")
    review_submission(workspace, second, "return", "p-office", "typefout")
    submit(workspace, "zaken,2019,190,,,,,\n", "c.csv")
    assert builder.entries() == HistoryBuilder(workspace).entries()
    assert [e.seq for e in builder.entries()] == [4, 2, 1]
    # Another store in the same place (restored from elsewhere): read again from its start.
    store = workspace / "measurements"
    saved = tmp_path / "saved"
    shutil.copytree(store, saved)
    shutil.rmtree(store)
    other = submit(workspace, "zaken,2020,7,,,,,\n", "d.csv")
    (only,) = builder.entries()
    assert (only.seq, only.revisions) == (other, ())
    shutil.rmtree(store)
    shutil.copytree(saved, store)
    assert builder.entries() == HistoryBuilder(workspace).entries()
