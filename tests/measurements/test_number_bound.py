"""Every number of a submission — ``value``, ``lower``, ``upper`` — is finite and at most 10^15
in magnitude (README §Limits): beyond it a located error that names the bound."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpitrack.intake.submit import SubmissionResult, submit_file


def submit(workspace: Path, text: str) -> SubmissionResult:
    path = workspace.parent / "in.csv"
    path.write_text(text, encoding="utf-8")
    return submit_file(workspace, path, "politie", dry_run=True)


def located(result: SubmissionResult) -> list[tuple[str, int | None, int | None, str | None]]:
    return [(p.code, p.line, p.column, p.path) for p in result.errors]


BOUND_ROWS = [
    ("zaken,2019,1000000000000000", True),
    ("zaken,2019,1000000000000001", False),
    ("zaken,2019,1e15", True),
    ("zaken,2019,1.0000000000000001e15", False),  # the next float above 10^15
    ("zaken,2019,2e15", False),
    ("zaken,2019," + "9" * 400 + ".5", False),
]


@pytest.mark.parametrize(("row", "accepted"), BOUND_ROWS)
def test_numbers_are_bounded_at_ten_to_the_fifteenth(
    workspace: Path, row: str, accepted: bool
) -> None:
    result = submit(workspace, f"indicator,period,value\n{row}\n")
    assert result.accepted is accepted, [p.format() for p in result.errors]
    if not accepted:
        assert located(result) == [("value", 2, 3, "value")]
        assert "at most 10^15" in result.errors[0].message


def test_bounds_beyond_the_limit_are_refused_in_their_own_column(workspace: Path) -> None:
    result = submit(workspace, "indicator,period,value,lower,upper\nzaken,2019,5,-1e16,1e16\n")
    assert located(result) == [("value", 2, 4, "lower"), ("value", 2, 5, "upper")]
