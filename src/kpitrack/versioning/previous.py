"""The previous report a report is compared with: a published record, or a git commit.

The latest entry of ``reports/published.yaml`` with an earlier as-of date, or, with ``kpitrack
report --previous REV``, the report published from REV's commit (so both ways list the same
changes), else REV's own state: its definitions and its store ledger, dated by the commit.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import KpitrackError, ValidationFailed
from kpitrack.core.problems import errors_of
from kpitrack.definitions.models import Indicator, Programme

if TYPE_CHECKING:
    from kpitrack.versioning.published import PublishedFigure, PublishedReport
    from kpitrack.workspace import Workspace


@dataclass(frozen=True, slots=True)
class PreviousState:
    """What the report is compared with."""

    label: str
    """``2020-06-30`` (a published report) or the git revision given."""
    as_of: date | None
    """As-of date of the previous report; None for a bare git revision."""
    commit: str | None
    """Commit whose definitions the previous report used; None when unknown."""
    last_submission: int
    """Highest store submission number the previous report saw (0: none)."""
    programme: Programme | None = None
    """Definitions of the previous report; None when they cannot be recovered."""
    indicators: dict[str, Indicator] = field(default_factory=dict)
    since: date | None = None
    """Targets set after this day are new since then: the as-of date of the previous report,
    or the day of the commit compared with."""
    figures: dict[str, PublishedFigure] | None = None
    """Each indicator as the previous report showed it; None when not recorded."""
    states: dict[str, str] | None = None
    """Each action and milestone's state in the previous report; None when not recorded."""


def find_previous(
    workspace: Workspace, as_of: date, revision: str | None = None
) -> PreviousState | None:
    """The previous report's state: ``revision`` when given, else the published record."""
    from kpitrack.versioning.published import read_published

    root = workspace.root
    entries, problems = read_published(root)
    errors = errors_of(problems)
    if errors:
        raise ValidationFailed(errors)
    commit = None
    if revision is not None:
        from kpitrack.versioning.git import resolve_commit

        commit = resolve_commit(root, revision)
    return previous_state(root, as_of, entries, commit, label=revision)


def previous_state(
    root: Path,
    as_of: date,
    entries: list[PublishedReport],
    commit: str | None = None,
    *,
    label: str | None = None,
) -> PreviousState | None:
    """The previous report among ``entries`` (the published records), or compared with
    ``commit``: the report published from that commit when there is one, else the commit's
    own state."""
    from kpitrack.versioning.published import previous_published

    if commit is not None:
        # The same commit gives the same comparison as its published report, whichever way
        # it is asked for (its as-of date, its store, its figures).
        published = [e for e in entries if e.commit == commit and e.as_of < as_of]
        if published:
            latest = max(e.as_of for e in published)
            entry = [e for e in published if e.as_of == latest][-1]
            state = _from_record(root, entry)
            return replace(state, label=label or state.label)
        programme, indicators = _definitions_or_fail(root, commit, label or commit)
        return PreviousState(
            label or commit[:12],
            None,
            commit,
            _ledger_seq_at(root, commit),
            programme,
            indicators,
            since=_commit_day(root, commit),
        )
    found = previous_published(entries, as_of)
    return _from_record(root, found) if found is not None else None


def _from_record(root: Path, entry: PublishedReport) -> PreviousState:
    from kpitrack.versioning.git import is_git_workspace, resolve_commit

    # Commit no longer reachable (or no git): target set dates still show what changed.
    known: tuple[Programme | None, dict[str, Indicator]] = (None, {})
    if entry.commit is not None and is_git_workspace(root):
        with contextlib.suppress(KpitrackError):  # unreachable commit or invalid definitions
            known = _definitions_or_fail(root, resolve_commit(root, entry.commit), "")
    return PreviousState(
        entry.as_of.isoformat(),
        entry.as_of,
        entry.commit,
        entry.last_submission or 0,
        *known,
        since=entry.as_of,
        figures={f.id: f for f in entry.indicators} if entry.indicators is not None else None,
        states={a.id: a.state for a in entry.actions} if entry.actions is not None else None,
    )


def _commit_day(root: Path, commit: str) -> date | None:
    from kpitrack.core.dates import local_day
    from kpitrack.versioning.git import commit_time

    moment = commit_time(root, commit)
    return local_day(moment) if moment is not None else None


def _definitions_or_fail(
    root: Path, commit: str, label: str
) -> tuple[Programme, dict[str, Indicator]]:
    from kpitrack.versioning.sources import InvalidSource, definitions_at

    definitions = definitions_at(root, commit, label=label or None)
    errors, programme = errors_of(definitions.problems), definitions.programme
    if errors or programme is None:
        raise InvalidSource(
            f"cannot compare with {label or commit[:12]}: its definitions are invalid", errors
        )
    return programme, definitions.indicators


def _ledger_seq_at(root: Path, commit: str) -> int:
    """Highest submission number in the store ledger as committed in ``commit`` (0: none)."""
    from kpitrack.core.layout import STORE_DIR
    from kpitrack.measurements.ledger import LEDGER_NAME, read_ledger
    from kpitrack.versioning.git import read_file_at

    content = read_file_at(root, commit, f"{STORE_DIR}/{LEDGER_NAME}")
    if content is None:
        return 0
    with tempfile.TemporaryDirectory(prefix="kpitrack-ledger-") as tmp:
        (Path(tmp) / LEDGER_NAME).write_bytes(content)
        return read_ledger(Path(tmp)).last_seq
