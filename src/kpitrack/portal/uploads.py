"""An upload goes the CLI's way: :func:`~kpitrack.intake.submit.submit_file`, its lock, its ledger.

The portal adds what only it knows: who uploaded (the pseudonymous person id goes into the
ledger entry; ``.kpitrack/`` keeps it too, with whether the programme office uploaded the file on
the partner's behalf), and the git commit of the stored files (the portal's checkout is the
store's one writer).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kpitrack.accounts.audit import audit
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.uploads import record_upload
from kpitrack.core.errors import KpitrackError
from kpitrack.intake.submit import SubmissionResult, submit_file
from kpitrack.portal.checkout import commit_store_files

MAX_NAME = 120


@dataclass(frozen=True)
class Upload:
    """A file as the browser sent it, on its way to the store."""

    name: str  # as sent, made safe
    content: BinaryIO
    partner: str
    person_id: str
    check_only: bool = False
    on_behalf: bool = False  # the programme office uploads it for the partner


def store_upload(root: Path, upload: Upload, *, commit_to_git: bool = True) -> SubmissionResult:
    """Validate the upload and, when valid and not ``check_only``, store it and commit it."""
    with tempfile.TemporaryDirectory(prefix="kpitrack-upload-") as directory:
        path = Path(directory) / upload.name
        with path.open("wb") as handle:
            shutil.copyfileobj(upload.content, handle, 1 << 20)
        result = submit_file(
            root, path, upload.partner, dry_run=upload.check_only, person=upload.person_id
        )
    if result.accepted and result.seq is not None:
        with open_accounts(root) as db:
            record_upload(
                db, result.seq, upload.person_id, upload.partner, on_behalf=upload.on_behalf
            )
        if commit_to_git:
            _commit(root, result, upload)
    return result


def safe_name(filename: str | None) -> str:
    """The file's own name without folders or characters a file system or a header dislikes."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable() and c not in '<>:"|?*;').strip(" .")
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        name = stem[: MAX_NAME - len(suffix) - 1] + dot + suffix if dot else name[:MAX_NAME]
    return name or "upload"


def _commit(root: Path, result: SubmissionResult, upload: Upload) -> None:
    how = " for the partner by the programme office" if upload.on_behalf else ""
    message = (
        f"Submission {result.seq} from {upload.partner}: {result.file}, {result.rows} "
        f"{result.kind} row(s)\n\nStored through the portal{how} by person {upload.person_id}.\n"
    )
    try:
        commit = commit_store_files(root, message)
    except KpitrackError as failure:  # git refused, or the store stayed locked
        # The submission is stored (the ledger is the commit point); git catches up next time.
        audit(root, "git.failed", seq=result.seq, detail=failure.message)
        return
    if commit is not None and commit.commit is not None:
        audit(root, "git.commit", seq=result.seq, commit=commit.commit, paths=len(commit.paths))
