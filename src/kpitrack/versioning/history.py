"""Warnings that only the definitions' git history can give (``kpitrack validate``).

- A target entry edited in place: the same period and ``set`` date, another value or reason, than
  in a committed version the programme has published or in the last commit. A revision is a new
  entry with a later ``set`` date; an edit in place rewrites what parliament was told.
- Definitions changed since the last published report while ``version`` stayed the same: the
  version names the definitions a report was built from, so a changed definition needs a new one.

Outside git, or before the first commit, there is no history and no warning.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import KpitrackError
from kpitrack.core.layout import PROGRAMME_FILE, WorkspaceLayout
from kpitrack.core.problems import Problem, errors_of, warnings_of
from kpitrack.definitions.load import Definitions
from kpitrack.definitions.yamlsafe import format_path

if TYPE_CHECKING:
    from kpitrack.workspace import WorkspaceCheck


def check_with_history(root: Path) -> WorkspaceCheck:
    """:func:`~kpitrack.workspace.check_workspace` plus the warnings of the git history."""
    from kpitrack.workspace import check_workspace

    check = check_workspace(root)
    if not check.valid or check.definitions is None:
        return check
    found = history_warnings(root, check.definitions)
    return replace(check, warnings=warnings_of([*check.warnings, *found])) if found else check


def history_warnings(root: Path, definitions: Definitions) -> list[Problem]:
    """Edited-in-place targets and an unchanged version since the last published report."""
    from kpitrack.versioning.git import head_commit, is_git_workspace, resolve_commit
    from kpitrack.versioning.published import read_published

    if definitions.programme is None or not is_git_workspace(root):
        return []
    head = head_commit(root)
    if head is None:
        return []
    published, _problems = read_published(root)
    latest = max((p for p in published if p.commit), key=lambda p: p.as_of, default=None)
    commits: dict[str, str] = {head: "the last commit"}
    for entry in published:
        if entry.commit:
            with contextlib.suppress(KpitrackError):  # a commit no longer in this clone
                commits[resolve_commit(root, entry.commit)] = f"the report of {entry.as_of}"
    warnings: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for commit, what in commits.items():
        before = _definitions(root, commit)
        if before is None:
            continue
        warnings += _edited_targets(before, definitions, what, seen)
        if latest is not None and latest.commit and commit == _resolved(root, latest.commit):
            warnings += _version_not_bumped(root, before, definitions, what, latest.version)
    return warnings


def _edited_targets(
    before: Definitions, now: Definitions, what: str, seen: set[tuple[str, int]]
) -> list[Problem]:
    found: list[Problem] = []
    for indicator_id, indicator in now.indicators.items():
        old = before.indicators.get(indicator_id)
        doc = now.indicator_docs.get(indicator_id)
        if old is None or doc is None:
            continue
        old_by_key = {(t.period, t.set): t for t in old.targets}
        for index, target in enumerate(indicator.targets):
            earlier = old_by_key.get((target.period, target.set))
            if earlier is None or earlier == target or (indicator_id, index) in seen:
                continue
            seen.add((indicator_id, index))
            path = ("targets", index)
            line, column = doc.position(path)
            found.append(
                Problem(
                    "target-edited",
                    f"the target for {target.period} set on {target.set.isoformat()} was "
                    f"{_number(earlier.value)} in {what} and is {_number(target.value)} now: a "
                    "published target is revised with a new entry and a later `set` date, "
                    "never edited in place",
                    file=doc.file,
                    line=line,
                    column=column,
                    path=format_path(path),
                    severity="warning",
                )
            )
    return found


def _version_not_bumped(
    root: Path, before: Definitions, now: Definitions, what: str, version: str
) -> list[Problem]:
    from kpitrack.versioning.diff import diff_definitions

    assert before.programme is not None and now.programme is not None
    if now.programme.version != version:
        return []
    changes = diff_definitions(before.programme, before.indicators, now.programme, now.indicators)
    if not changes or now.programme_doc is None:
        return []
    line, column = now.programme_doc.position(("version",))
    return [
        Problem(
            "version-not-bumped",
            f"{len(changes)} definition change(s) since {what}, which was built from version "
            f"{version}, and the version is still {version}: bump it so a report names the "
            "definitions it was built from",
            file=WorkspaceLayout(root).shown(PROGRAMME_FILE),
            line=line,
            column=column,
            path="version",
            severity="warning",
        )
    ]


def _definitions(root: Path, commit: str) -> Definitions | None:
    from kpitrack.versioning.sources import definitions_at

    try:
        found = definitions_at(root, commit)
    except KpitrackError:
        return None
    return None if found.programme is None or errors_of(found.problems) else found


def _resolved(root: Path, revision: str) -> str | None:
    from kpitrack.versioning.git import resolve_commit

    try:
        return resolve_commit(root, revision)
    except KpitrackError:
        return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
