"""How ``kpitrack diff`` shows definition changes: a line per change, or the JSON shape."""

from __future__ import annotations

import json
from typing import Any

from kpitrack.cli.problems import safe_text
from kpitrack.versioning.diff import Change, DefinitionDiff


def render_diff(diff: DefinitionDiff, fmt: str) -> str:
    """Text for a terminal or a pull request, or the JSON shape (see kpitrack.versioning.diff)."""
    if fmt == "json":
        return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2)
    old, new, changes = diff.old, diff.new, diff.changes
    lines: list[str] = []
    if old is not None and new is not None:
        lines.append(f"--- {_side_text(old)}")
        lines.append(f"+++ {_side_text(new)}")
    lines += [describe(c) for c in changes]
    if changes:
        lines.append(f"{len(changes)} change(s)")
    else:
        lines.append("no definition changes")
    return safe_text("\n".join(lines))


def describe(change: Change) -> str:
    """One line for people: ``~ action AL1.2 due: 2020-12-31 → 2021-06-30``."""
    mark = {"added": "+", "removed": "-", "changed": "~", "revised": "~"}[change.kind]
    subject = f"{change.entity.replace('_', ' ')} {change.id}"
    if change.entity == "target":
        return f"{mark} indicator {change.id} {_describe_target(change)}"
    if change.entity == "code":
        subject = f"code {change.parent}.{change.id}"
    if change.kind == "changed" and _is_text(change.before) and _is_text(change.after):
        # One line per language that changed: a long definition stays readable in a PR.
        languages = [*change.after, *(k for k in change.before if k not in change.after)]
        return "\n".join(
            f"{mark} {subject} {change.field} [{lang}]: "
            f"{_value(change.before.get(lang))} → {_value(change.after.get(lang))}"
            for lang in languages
            if change.before.get(lang) != change.after.get(lang)
        )
    if change.kind == "changed":
        return f"{mark} {subject} {change.field}: {_value(change.before)} → {_value(change.after)}"
    entity = change.after if change.kind == "added" else change.before
    return f"{mark} {subject}{_summary(entity)} ({change.kind})"


def _describe_target(change: Change) -> str:
    if change.kind == "added":
        return f"target {change.field} added: {_target(change.after)}"
    if change.kind == "removed":
        return f"target {change.field} removed from the history: {_target(change.before)}"
    verb = "revised" if change.kind == "revised" else "edited in place"
    return f"target {change.field} {verb}: {_target(change.before)} → {_target(change.after)}"


def _target(entry: dict[str, Any]) -> str:
    text = f"{_number(entry['value'])} (set {entry['set']}"
    if entry.get("reason"):
        text += f"; reason: {_value(entry['reason'])}"
    return text + ")"


def _summary(entity: Any) -> str:
    if not isinstance(entity, dict):
        return f": {_value(entity)}"
    for key in ("name", "title", "label"):
        if key in entity and entity[key] is not None:
            return f": {_value(entity[key])}"
    return ""


def _is_text(value: Any) -> bool:
    return (
        isinstance(value, dict) and bool(value) and all(isinstance(v, str) for v in value.values())
    )


def _value(value: Any) -> str:
    if _is_text(value):
        return " | ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, float):
        return _number(value)
    return json.dumps(value, ensure_ascii=False)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _side_text(side: dict[str, Any]) -> str:
    commit = f", {side['commit'][:7]}" if side.get("commit") else ""
    return f"{side['source']} (version {side['version']}{commit})"
