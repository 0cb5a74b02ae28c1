"""A stored submission read row by row, as the office reviews it on the submission's page."""

from __future__ import annotations

from pathlib import Path

from kpitrack.intake.contents import StoredRow, submission_rows
from kpitrack.intake.history import submission_history
from kpitrack.intake.submit import submit_file
from store_helpers import submit


def test_figures_in_the_order_of_the_file_with_breakdown_status_and_note(workspace: Path) -> None:
    submit(
        workspace,
        "zaken,2019,12,,P,,,voorlopig\nzaken,2019,5,noord,,,,\nzaken,2020,,,M,,,=geen bron\n",
        "a.csv",
    )
    (entry,) = submission_history(workspace)
    assert entry.data.startswith("data/")
    assert submission_rows(workspace, entry.data) == [
        StoredRow("zaken", "2019", (), 12.0, "P", "voorlopig"),
        StoredRow("zaken", "2019", (("region", "noord"),), 5.0, "A", ""),
        # A withdrawal has no value; a note that looked like a formula comes back as written.
        StoredRow("zaken", "2020", (), None, "M", "=geen bron"),
    ]
    assert len(submission_rows(workspace, entry.data, limit=2)) == 2


def test_action_updates_with_their_date_and_state(workspace: Path) -> None:
    path = workspace.parent / "acties.csv"
    path.write_text("action,date,status,note\nAL1.1.a,2019-06-01,done,klaar\n", encoding="utf-8")
    assert submit_file(workspace, path, "politie").accepted
    (entry,) = submission_history(workspace)
    assert entry.kind == "actions"
    assert submission_rows(workspace, entry.data) == [
        StoredRow("AL1.1.a", "2019-06-01", (), None, "done", "klaar")
    ]


def test_a_missing_or_foreign_data_file_gives_no_rows(workspace: Path) -> None:
    submit(workspace, "zaken,2019,12,,,,,\n", "a.csv")
    (entry,) = submission_history(workspace)
    assert submission_rows(workspace, "") == []
    assert submission_rows(workspace, "data/999999-politie.csv") == []
    stored = workspace / "measurements" / entry.data
    stored.write_text("something,else\n1,2\n", encoding="utf-8")
    assert submission_rows(workspace, entry.data) == []
