"""Rendering of problems for people (text) and machines (JSON): the one place that formats them."""

from __future__ import annotations

import json
import sys
from typing import IO, TYPE_CHECKING, Any

from kpitrack.core.problems import Problem

if TYPE_CHECKING:
    from kpitrack.measurements.store import StoreCheck
    from kpitrack.workspace import WorkspaceCheck

MAX_LISTED = 1000


def problems_json(errors: list[Problem], warnings: list[Problem], **extra: Any) -> str:
    """The ``validate --format json`` shape: ``{"valid", "errors", "warnings"}`` (+ extra keys)."""
    payload: dict[str, Any] = {
        "valid": not errors,
        "errors": [p.to_dict() for p in errors],
        "warnings": [p.to_dict() for p in warnings],
    }
    payload.update(extra)
    return json.dumps(payload, ensure_ascii=False, indent=2)


def print_problems(
    errors: list[Problem],
    warnings: list[Problem],
    *,
    stream: IO[str] | None = None,
    total_errors: int | None = None,
) -> None:
    """Print each problem as ``file:line:col: code: message``; at most 1,000 errors in full."""
    out = stream or sys.stderr
    for problem in errors[:MAX_LISTED]:
        print(safe_text(problem.format()), file=out)
    total = total_errors if total_errors is not None else len(errors)
    if total > MAX_LISTED:
        print(f"... and {total - MAX_LISTED} more error(s); {total} in total", file=out)
    for problem in warnings[:MAX_LISTED]:
        print(safe_text(problem.format()), file=out)


def safe_text(text: str) -> str:
    """Make control characters visible so a hostile value cannot drive the terminal."""
    return "".join(ch if _printable(ch) else f"\\u{ord(ch):04x}" for ch in text)


def _printable(ch: str) -> bool:
    if ch in "\t\n":
        return True
    code = ord(ch)
    return code >= 32 and code != 127 and not 0x80 <= code < 0xA0 and ch not in _BIDI_CONTROLS


_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def validation_summary(check: WorkspaceCheck) -> str:
    """One line after ``validate``: what the programme holds and the verdict."""
    errors, warnings, programme = check.errors, check.warnings, check.programme
    if programme is None:
        return f"{check.root}: no valid programme — {len(errors)} error(s)"
    actions = sum(len(line.actions) for line in programme.action_lines)
    milestones = sum(len(a.milestones) for line in programme.action_lines for a in line.actions)
    verdict = "valid" if not errors else f"{len(errors)} error(s)"
    if warnings:
        verdict += f", {len(warnings)} warning(s)"
    return (
        f"programme {programme.id} {programme.version}: "
        f"{_count(len(programme.action_lines), 'action line')}, "
        f"{_count(actions, 'action')}, {_count(milestones, 'milestone')}, "
        f"{_count(check.indicators, 'indicator')} — {verdict}"
    )


def store_summary(check: StoreCheck) -> str:
    """One line after ``verify``: the store's size, its snapshot hash and its chain head."""
    if not check.exists:
        return "no measurements stored yet"
    chain = f"chain head {check.head}" if check.chained else "not yet chained"
    return (
        f"store OK: {check.submissions} submission(s), {check.rows} row(s), "
        f"{check.entries} ledger entr{'y' if check.entries == 1 else 'ies'}, "
        f"snapshot {check.snapshot}, {chain}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
