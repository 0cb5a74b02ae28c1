"""What ``kpitrack report`` asks of versioning: draft state, changes, and the published record.

:func:`prepare` runs before the report model is built (it refuses to publish a report whose
definitions are not committed: a published report must name the definitions it was built from);
:func:`record` runs after the files are written, when publishing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.dates import local_day, source_date_epoch
from kpitrack.core.errors import ReportError
from kpitrack.core.layout import COMMENTARY_DIR, TEMPLATES_DIR
from kpitrack.versioning.changes import PreviousState, ReportChange, changes_since, find_previous
from kpitrack.versioning.cut import StoreCut, whole_store
from kpitrack.versioning.provenance import ReportProvenance, report_provenance

if TYPE_CHECKING:
    from kpitrack.progress.model import ProgressReport
    from kpitrack.versioning.published import PublishedReport
    from kpitrack.workspace import Workspace


@dataclass(frozen=True)
class ReportVersioning:
    """Versioning facts of one report run."""

    provenance: ReportProvenance
    previous: PreviousState | None
    """None: nothing published before and no ``--previous``."""
    changes: list[ReportChange]
    publish: bool
    cut: StoreCut
    """The part of the store the report uses."""
    prepared: date | None
    """The preparation date the report shows; None when nothing dates it."""
    compared_with: str | None = None
    """The commit given with ``--previous`` (recorded, so a reproduction compares the same)."""

    @property
    def draft(self) -> bool:
        """A concept: not being published (publishing uncommitted definitions is refused)."""
        return not self.publish or self.provenance.draft


def prepare(
    workspace: Workspace,
    as_of: date,
    *,
    publish: bool,
    previous: str | None,
    now: datetime | None = None,
    cut: StoreCut | None = None,
) -> ReportVersioning:
    """Provenance, previous state and changes for the report of ``workspace`` at ``as_of``.

    ``cut`` is the part of the store the report uses (by default the whole store); the
    workspace's figures must already be limited to it.
    """
    cut = cut if cut is not None else whole_store(workspace.root)
    provenance = report_provenance(workspace.root, workspace.programme.version, now=now, cut=cut)
    if publish and provenance.draft:
        files = ", ".join(str(workspace.root / f) for f in provenance.uncommitted[:5])
        more = len(provenance.uncommitted) - 5
        files += f" and {more} more" if more > 0 else ""
        raise ReportError(
            f"cannot publish: the definitions differ from the last commit (HEAD): {files}; "
            "commit them, or remove files git ignores, so the published record names the "
            "definitions the report was built from"
        )
    if publish:
        _refuse_uncommitted_texts(workspace.root, as_of)
        _refuse_unverified_store(workspace.root)
    state = find_previous(workspace, as_of, previous)
    changes = changes_since(workspace, as_of, state) if state is not None else []
    prepared = preparation_date(workspace.root, provenance.commit, cut)
    given = state.commit if previous is not None and state is not None else None
    return ReportVersioning(provenance, state, changes, publish, cut, prepared, given)


def preparation_date(root: Path, commit: str | None, cut: StoreCut) -> date | None:
    """The report's preparation date: ``SOURCE_DATE_EPOCH`` when set, else the later of the day
    the last entry of the store it uses was received and the day its definitions were
    committed — derived from the data, so the same inputs give the same date (never the clock,
    never the as-of date). None when nothing dates the report."""
    epoch = source_date_epoch()
    if epoch is not None:
        return local_day(epoch)
    days = [cut.last_day] if cut.last_day is not None else []
    if commit is not None:
        from kpitrack.versioning.git import commit_time

        committed = commit_time(root, commit)
        if committed is not None:
            days.append(local_day(committed))
    return max(days) if days else None


def record(
    root: Path,
    versioning: ReportVersioning,
    *,
    as_of: date,
    lang: str,
    files: list[Path],
    progress: ProgressReport,
) -> Path:
    """Append the published report to ``reports/published.yaml``; return that file's path.

    The record holds each indicator's status, latest figure and ratio and each action's state
    as the report shows them, so a later report compares with what was printed.
    """
    from kpitrack.versioning.published import (
        PublishedFigure,
        PublishedReport,
        PublishedState,
        record_published,
    )

    provenance = versioning.provenance
    entry = PublishedReport(
        as_of=as_of,
        langs=(lang,),
        version=provenance.version,
        commit=provenance.commit,
        snapshot=provenance.snapshot,
        chain_head=provenance.chain_head,
        last_submission=provenance.last_submission,
        generated=provenance.generated,
        files=tuple(path.name for path in files),
        prepared=versioning.prepared.isoformat() if versioning.prepared else None,
        received_by=versioning.cut.received_by.isoformat() if versioning.cut.received_by else None,
        compared_with=versioning.compared_with,
        indicators=tuple(
            PublishedFigure(
                id=item.id,
                status=item.status,
                period=item.latest.period if item.latest else None,
                value=item.latest.value if item.latest else None,
                ratio=item.ratio,
            )
            for item in progress.indicators
        ),
        actions=tuple(PublishedState(item.id, item.state) for item in progress.actions),
    )
    return record_published(root, entry)


def reproduction(
    workspace: Workspace, entry: PublishedReport, earlier: list[PublishedReport], cut: StoreCut
) -> ReportVersioning:
    """The versioning facts of a published report, as they were: for ``report --reproduce``.

    ``workspace`` holds the definitions of the recorded commit and the store up to the recorded
    chain head (``cut``); ``earlier`` are the records written before ``entry``, among which the
    previous report is chosen (or the commit it was compared with), exactly as when it was
    published.
    """
    from kpitrack.versioning.changes import previous_state

    provenance = ReportProvenance(
        version=entry.version,
        commit=entry.commit,
        uncommitted=(),
        snapshot=entry.snapshot,
        chain_head=entry.chain_head or cut.chain_head,
        last_submission=entry.last_submission,
        generated=entry.generated,
    )
    state = previous_state(workspace.root, entry.as_of, earlier, entry.compared_with)
    changes = changes_since(workspace, entry.as_of, state) if state is not None else []
    prepared = date.fromisoformat(entry.prepared) if entry.prepared else None
    if entry.received_by:  # the title page names the date the figures were cut at
        cut = replace(cut, received_by=date.fromisoformat(entry.received_by))
    return ReportVersioning(provenance, state, changes, True, cut, prepared, entry.compared_with)


def _refuse_uncommitted_texts(root: Path, as_of: date) -> None:
    """A published report can be rebuilt from its commit: its commentary and report templates
    must be committed too."""
    from kpitrack.versioning.git import worktree_differences

    paths = [f"{COMMENTARY_DIR}/{as_of.isoformat()}", TEMPLATES_DIR]
    differing = worktree_differences(root, paths)
    if differing:
        shown = ", ".join(str(root / f) for f in differing[:5])
        raise ReportError(
            f"cannot publish: the commentary or report templates differ from the last commit "
            f"(HEAD): {shown}; commit them, so the published report can be rebuilt from its "
            "record"
        )


def _refuse_unverified_store(root: Path) -> None:
    """A published report records the store's chain head: the store must verify first."""
    from kpitrack.measurements.verify import verify_store

    check = verify_store(root)
    if check.errors:
        raise ReportError(
            "cannot publish: the measurement store does not verify (see above); run "
            "kpitrack verify and repair it first",
            check.errors,
        )
