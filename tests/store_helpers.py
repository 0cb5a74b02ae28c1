"""Submitting to and reviewing in a test workspace, shared by the intake, CLI and portal tests."""

from __future__ import annotations

from pathlib import Path

from kpitrack.intake.submit import submit_file

HEADER = "indicator,period,value,region,obs_status,lower,upper,note\n"


def submit(
    workspace: Path, rows: str, name: str, partner: str = "politie", person: str | None = None
) -> int:
    """Store ``rows`` (after the header) as a submission of ``partner``; its number."""
    path = workspace.parent / name
    path.write_text(HEADER + rows, encoding="utf-8")
    result = submit_file(workspace, path, partner, person=person)
    assert result.accepted, [p.format() for p in result.errors]
    assert result.seq is not None
    return result.seq


def require_review(workspace: Path) -> None:
    """Switch the workspace to ``reporting.review: required``."""
    programme = workspace / "programme" / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(
        text.replace(
            "reporting: {frequency: half-year}",
            "reporting: {frequency: half-year, review: required}",
        ),
        encoding="utf-8",
    )
