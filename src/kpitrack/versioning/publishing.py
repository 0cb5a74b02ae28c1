"""What ``kpitrack report`` asks of versioning: draft state, changes, and the published record.

:func:`prepare` runs before the report model is built (it refuses to publish a report whose
definitions are not committed: a published report must name the definitions it was built from);
:func:`record` runs after the files are written, when publishing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kpitrack.core.errors import ReportError
from kpitrack.versioning.changes import PreviousState, ReportChange, changes_since, find_previous
from kpitrack.versioning.provenance import ReportProvenance, report_provenance

if TYPE_CHECKING:
    from kpitrack.workspace import Workspace


@dataclass(frozen=True)
class ReportVersioning:
    """Versioning facts of one report run."""

    provenance: ReportProvenance
    previous: PreviousState | None
    """None: nothing published before and no ``--previous``."""
    changes: list[ReportChange]
    publish: bool

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
) -> ReportVersioning:
    """Provenance, previous state and changes for the report of ``workspace`` at ``as_of``."""
    from kpitrack.measurements.ledger import read_ledger, store_dir

    last = read_ledger(store_dir(workspace.root)).last_seq
    provenance = report_provenance(
        workspace.root, workspace.programme.version, last_submission=last or None, now=now
    )
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
        _refuse_unverified_store(workspace.root)
    state = find_previous(workspace, as_of, previous)
    changes = changes_since(workspace, as_of, state) if state is not None else []
    return ReportVersioning(provenance, state, changes, publish)


def record(
    root: Path, versioning: ReportVersioning, *, as_of: date, lang: str, files: list[Path]
) -> Path:
    """Append the published report to ``reports/published.yaml``; return that file's path."""
    from kpitrack.versioning.published import PublishedReport, record_published

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
    )
    return record_published(root, entry)


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
