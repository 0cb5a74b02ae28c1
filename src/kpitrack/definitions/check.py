"""``kpitrack validate``: definitions and stored measurements checked in one run (design §7)."""

from __future__ import annotations

from pathlib import Path

from kpitrack.definitions.load import load_definitions
from kpitrack.errors import Problem


def check_workspace(root: Path) -> tuple[list[Problem], list[Problem], str]:
    """(errors, warnings, one-line summary) for the workspace at ``root``."""
    programme, indicators, problems = load_definitions(root)
    if programme is not None and (root / "measurements").is_dir():
        from kpitrack.measurements.store import read_store

        _observations, _updates, store_problems = read_store(root, programme, indicators)
        problems = problems + list(store_problems)
    errors = sorted((p for p in problems if p.severity == "error"), key=Problem.sort_key)
    warnings = sorted((p for p in problems if p.severity == "warning"), key=Problem.sort_key)
    if programme is None:
        summary = f"{root}: no valid programme — {len(errors)} error(s)"
    else:
        actions = sum(len(line.actions) for line in programme.action_lines)
        milestones = sum(len(a.milestones) for line in programme.action_lines for a in line.actions)
        verdict = "valid" if not errors else f"{len(errors)} error(s)"
        if warnings:
            verdict += f", {len(warnings)} warning(s)"
        summary = (
            f"programme {programme.id} {programme.version}: "
            f"{_count(len(programme.action_lines), 'action line')}, "
            f"{_count(actions, 'action')}, {_count(milestones, 'milestone')}, "
            f"{_count(len(indicators), 'indicator')} — {verdict}"
        )
    return errors, warnings, summary


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
