"""What a report was built from: definition version, git commit, draft state, data snapshot, time.

A report is a *draft* (concept) when the definitions in the work tree differ in any way from
the committed ``HEAD`` (compared byte for byte with its blobs, not by asking ``git status``):
its numbers could not be rebuilt from any commit. Outside git there is nothing to compare with, so
such a workspace is never a draft on this ground.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kpitrack.core.layout import DEFINITION_PATHS
from kpitrack.versioning.cut import StoreCut
from kpitrack.versioning.git import head_commit, worktree_differences


@dataclass(frozen=True, slots=True)
class ReportProvenance:
    """Everything a published record (and a report's title page) says about its inputs."""

    version: str
    """Definition version of the programme."""
    commit: str | None
    """Commit checked out in the workspace's repository; None outside git."""
    uncommitted: tuple[str, ...]
    """Definition files (workspace-relative) whose bytes differ from ``HEAD``: edited, added
    (ignored ones too), removed, or marked skip-worktree / assume-unchanged with edits."""
    snapshot: str
    """Hash of the measurement store snapshot; empty when unknown."""
    chain_head: str
    """The store's chain head (sha256 of its last ledger line)."""
    last_submission: int | None
    """Highest submission number in the store; None when the store is empty."""
    generated: str
    """ISO 8601 UTC time of generation (SOURCE_DATE_EPOCH when set)."""

    @property
    def draft(self) -> bool:
        """True when definitions have uncommitted changes."""
        return bool(self.uncommitted)


def report_provenance(
    root: Path,
    version: str,
    *,
    last_submission: int | None = None,
    now: datetime | None = None,
    cut: StoreCut | None = None,
) -> ReportProvenance:
    """Collect the provenance of a report built now from the workspace at ``root``.

    ``cut`` is the part of the store the report uses (``--received-by``); by default the whole.
    """
    if cut is not None:
        snapshot, head, last = cut.snapshot, cut.chain_head, cut.last_seq or None
    else:
        snapshot, head, last = data_snapshot(root), store_chain_head(root), last_submission
    return ReportProvenance(
        version=version,
        commit=head_commit(root),
        uncommitted=tuple(worktree_differences(root, list(DEFINITION_PATHS))),
        snapshot=snapshot,
        chain_head=head,
        last_submission=last,
        generated=generation_time(now),
    )


def generation_time(now: datetime | None = None) -> str:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else ``now``, else the clock (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), tz=UTC)
    elif now is not None:
        moment = now if now.tzinfo else now.replace(tzinfo=UTC)
    else:
        moment = datetime.now(tz=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def store_chain_head(root: Path) -> str:
    """The store's chain head (sha256 of the last ledger line; of nothing for an empty store)."""
    from kpitrack.measurements.store import chain_head

    return chain_head(root)


def data_snapshot(root: Path) -> str:
    """The store's snapshot hash (sha256 of its committed ledger lines)."""
    from kpitrack.measurements.store import snapshot_hash

    return snapshot_hash(root)
