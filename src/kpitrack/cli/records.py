"""``kpitrack due`` and ``kpitrack log``: what is still expected, and what happened (design §7).

The lists come from the library (:mod:`kpitrack.progress.due`, :mod:`kpitrack.intake.history`),
the same the portal shows; here they are only drawn. Names of people come from ``.kpitrack/``
when the workspace has accounts (the ledger names a person only by id).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kpitrack.workspace import Workspace

WorkspaceArg = Annotated[Path, typer.Argument(help="Workspace directory.", show_default=True)]


class DueFormat(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"
    csv = "csv"


class LogFormat(StrEnum):
    text = "text"
    json = "json"


def due(
    directory: WorkspaceArg = Path("."),
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date YYYY-MM-DD.")] = None,
    format: Annotated[DueFormat, typer.Option("--format")] = DueFormat.text,
) -> None:
    """Figures and milestones still expected, per partner: late, or due within a period."""
    import json

    from kpitrack.cli.records_view import print_due
    from kpitrack.core.dates import parse_as_of
    from kpitrack.progress.due import due_list
    from kpitrack.progress.due_formats import due_csv, due_document, due_ics
    from kpitrack.workspace import load_workspace

    workspace = load_workspace(directory)
    found = due_list(workspace, parse_as_of(as_of))
    contacts = _contacts(directory, workspace)
    if format is DueFormat.json:
        print(json.dumps(due_document(found, workspace, contacts), ensure_ascii=False, indent=2))
    elif format is DueFormat.csv:
        _write_exactly(due_csv(found, workspace, contacts))
    elif format is DueFormat.ics:
        _write_exactly(due_ics(found, workspace))
    else:
        print_due(found, workspace)


def log(
    directory: WorkspaceArg = Path("."),
    partner: Annotated[str | None, typer.Option("--partner", help="Only this partner.")] = None,
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="Only submissions of this indicator.")
    ] = None,
    format: Annotated[LogFormat, typer.Option("--format")] = LogFormat.text,
) -> None:
    """Every submission, review and withdrawal: who, when, file, rows, revisions old → new."""
    import json

    from kpitrack.cli.records_view import print_log
    from kpitrack.core.errors import UsageError
    from kpitrack.intake.history import log_document, submission_history
    from kpitrack.workspace import load_workspace

    workspace = load_workspace(directory, measurements=False)
    if partner is not None and partner not in {p.id for p in workspace.programme.partners}:
        raise UsageError(f"unknown partner {partner!r}")
    if indicator is not None and indicator not in workspace.indicators:
        raise UsageError(f"unknown indicator {indicator!r}")
    uploads, behalf, names = _accounts(directory)
    entries = submission_history(
        directory, partner=partner, indicator=indicator, people=uploads, on_behalf=behalf
    )
    if format is LogFormat.json:
        document = log_document(workspace.programme.id, entries)
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print_log(entries, names)


def _write_exactly(text: str) -> None:
    """A file format with its own line endings (CRLF): written as bytes, never translated."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _has_accounts(directory: Path) -> bool:
    from kpitrack.accounts.database import DB_NAME
    from kpitrack.core.layout import WorkspaceLayout

    # Reading commands never create .kpitrack/: only look when it is there.
    return (WorkspaceLayout(directory).local_state / DB_NAME).is_file()


def _contacts(directory: Path, workspace: Workspace) -> dict[str, str]:
    """Per partner: its contact in programme.yaml, else the addresses of its active people."""
    partners = workspace.programme.partners
    if not _has_accounts(directory):
        return {p.id: p.contact for p in partners if p.contact}
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import partner_contacts

    with open_accounts(directory) as db:
        return partner_contacts(db, partners)


def _accounts(directory: Path) -> tuple[dict[int, str], set[int], dict[str, str]]:
    """Uploads by person, uploads on a partner's behalf, and person names (all empty without)."""
    if not _has_accounts(directory):
        return {}, set(), {}
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.erasure import person_names
    from kpitrack.accounts.uploads import on_behalf, uploaders

    with open_accounts(directory) as db:
        return uploaders(db), on_behalf(db), person_names(db)
