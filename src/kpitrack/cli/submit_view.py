"""How ``kpitrack submit`` shows its result: located problems and one line, or the JSON shape."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

from kpitrack.cli.problems import print_problems, safe_text
from kpitrack.core.problems import Problem
from kpitrack.intake.submit import Revision, SubmissionResult


def print_result(result: SubmissionResult, fmt: str) -> None:
    """Print the outcome: problems as ``file:row:col: code: message`` (an XLSX cell also as
    Excel names it: ``cell C7 (value): …``), or the JSON shape."""
    if fmt == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    print_problems(
        [_with_cell(result, p) for p in result.errors],
        [_with_cell(result, p) for p in result.warnings],
        total_errors=result.total_errors,
    )
    detected = []
    if result.delimiter:
        detected.append(f"delimiter {result.delimiter!r}")
    if result.decimal and result.kind == "measurements":
        detected.append(f"decimal {result.decimal}")
    if result.encoding and result.encoding != "UTF-8":
        detected.append(f"read as {result.encoding}")
    details = f" ({', '.join(detected)})" if detected else ""
    warned = f", {result.total_warnings:,} warning(s)" if result.total_warnings else ""
    if not result.accepted:
        stopped = any(w.code == "too-many-errors" for w in result.warnings)
        count = f"at least {result.total_errors:,}" if stopped else f"{result.total_errors:,}"
        print(
            f"{safe_text(result.file)}: rejected: {count} error(s); nothing was stored",
            file=sys.stderr,
        )
    elif result.dry_run:
        print(
            f"{safe_text(result.file)}: valid{details}: {result.rows} {result.kind} row(s) from "
            f"{result.partner}, {result.revisions} revision(s){warned}; dry run, nothing stored"
        )
    else:
        print(
            f"{safe_text(result.file)}: accepted as submission {result.seq}{details}: "
            f"{result.rows} {result.kind} row(s) from {result.partner}, "
            f"{result.revisions} revision(s){warned}"
        )
    for revision in result.revised:
        print(safe_text(revision_line(revision)))


def _with_cell(result: SubmissionResult, problem: Problem) -> Problem:
    cell = result.cell_of(problem)
    if cell is None or f"cell {cell} " in problem.message:
        return problem
    return replace(
        problem, path=f"cell {cell} ({problem.path})" if problem.path else f"cell {cell}"
    )


def revision_line(revision: Revision) -> str:
    """``  revised zaken 2018 (region=noord): 180 (A, submission 1, politie) → 185 (A)``, or
    ``  withdrew …: 180 (A, submission 1, politie), now no value (M)``."""
    breakdown = ", ".join(f"{dim}={code}" for dim, code in revision.breakdown) or "total"
    old = f"{_value(revision.old_value)} ({revision.old_status}, submission "
    old += f"{revision.old_submission}, {revision.old_partner})"
    where = f"{revision.indicator} {revision.period} ({breakdown})"
    if revision.new_value is None:  # obs_status M: the figure is withdrawn, the key delivered
        return f"  withdrew {where}: {old}, now no value ({revision.new_status})"
    new = f"{_value(revision.new_value)} ({revision.new_status})"
    return f"  revised {where}: {old} → {new}"


def _value(value: float | None) -> str:
    if value is None:
        return "no value"
    return f"{int(value)}" if value == int(value) else f"{value:.15g}"
