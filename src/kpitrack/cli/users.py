"""``kpitrack users``: portal accounts (design §7, §9) — add, invite, list, disable, erase.

Accounts live in ``<workspace>/.kpitrack/`` (never in git). ``add`` and ``invite`` print a
one-time link to the portal's set-password page; only its hash is stored, so it is shown once.
"""

from __future__ import annotations

import json
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kpitrack.accounts.people import Invitation

users_app = typer.Typer(
    rich_markup_mode=None,
    no_args_is_help=True,
    help="Portal accounts: people of a partner or of the programme office.",
)

WorkspaceOpt = Annotated[Path, typer.Option("--workspace", help="Workspace directory.")]
UrlOpt = Annotated[
    str,
    typer.Option(
        "--url", envvar="KPITRACK_PORTAL_URL", help="The portal's address, as people reach it."
    ),
]
DaysOpt = Annotated[int, typer.Option("--valid-days", help="Days the invitation link works.")]
DEFAULT_URL = "http://127.0.0.1:8000"


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@users_app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    partner: Annotated[str | None, typer.Option("--partner", help="Partner id.")] = None,
    office: Annotated[bool, typer.Option("--office", help="Programme office.")] = False,
    name: Annotated[str, typer.Option("--name", help="Name shown in the portal.")] = "",
    workspace: WorkspaceOpt = Path("."),
    valid_days: DaysOpt = 7,
    url: UrlOpt = DEFAULT_URL,
) -> None:
    """Add a person of a partner (--partner ID) or of the office (--office); print the link."""
    from kpitrack.accounts.audit import audit
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import add_person, invite
    from kpitrack.core.errors import UsageError

    if (partner is None) == (not office):
        raise UsageError("give either --partner ID or --office")
    if partner is not None:
        _check_partner(workspace, partner)
    else:
        _check_workspace(workspace)
    with open_accounts(workspace) as db:
        person = add_person(db, email, partner=partner, name=name)
        invitation = invite(db, person, valid_for=_days(valid_days))
    audit(
        workspace, "users.add", by="cli", person=person.person_id, partner=partner, role=person.role
    )
    _print_invitation(invitation, url)


@users_app.command("invite")
def invite_again(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    workspace: WorkspaceOpt = Path("."),
    valid_days: DaysOpt = 7,
    url: UrlOpt = DEFAULT_URL,
) -> None:
    """A new invitation link for an existing person (to set a new password)."""
    from kpitrack.accounts.audit import audit
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.model import AccountError
    from kpitrack.accounts.people import find_person, invite

    _check_workspace(workspace)
    with open_accounts(workspace) as db:
        person = find_person(db, email)
        if person is None:
            raise AccountError(f"no account for {email.strip().lower()}; add it with users add")
        invitation = invite(db, person, valid_for=_days(valid_days))
    audit(workspace, "users.invite", by="cli", person=person.person_id, partner=person.partner)
    _print_invitation(invitation, url)


@users_app.command("list")
def list_(
    workspace: WorkspaceOpt = Path("."),
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.text,
) -> None:
    """Everyone with an account: address, partner or office, state, person id."""
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import list_people

    _check_workspace(workspace)
    with open_accounts(workspace) as db:
        people = list_people(db)
    if format is ListFormat.json:
        rows = [
            {
                "email": p.email,
                "name": p.name,
                "role": p.role,
                "partner": p.partner,
                "state": p.state,
                "person_id": p.person_id,
                "created": p.created_at,
            }
            for p in people
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not people:
        print("no accounts yet; add one with: kpitrack users add EMAIL --partner ID | --office")
        return
    width = max(len(p.email) for p in people)
    for p in people:
        print(f"{p.email:<{width}}  {p.partner or 'office':<22} {p.state:<9} {p.person_id}")


@users_app.command("disable")
def disable(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    workspace: WorkspaceOpt = Path("."),
) -> None:
    """Refuse a person from now on: sessions end and invitation links stop working."""
    from kpitrack.accounts.audit import audit
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.people import disable_person

    _check_workspace(workspace)
    with open_accounts(workspace) as db:
        person = disable_person(db, email)
    audit(workspace, "users.disable", by="cli", person=person.person_id, partner=person.partner)
    print(f"{person.email}: disabled")


@users_app.command("erase")
def erase(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    workspace: WorkspaceOpt = Path("."),
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person (AVG/GDPR): name and address leave .kpitrack/; the ledger keeps the id."""
    from kpitrack.accounts.audit import audit
    from kpitrack.accounts.database import open_accounts
    from kpitrack.accounts.erasure import erase_person
    from kpitrack.accounts.model import AccountError
    from kpitrack.accounts.people import find_person

    _check_workspace(workspace)
    with open_accounts(workspace) as db:
        person = find_person(db, email)
        if person is None:
            raise AccountError(f"no account for {email.strip().lower()}")
        if not yes and not typer.confirm(
            f"erase {person.email} ({person.person_id}) for good? The ledger keeps only the id"
        ):
            raise typer.Exit(1)
        gone = erase_person(db, email)
    audit(workspace, "users.erase", by="cli", person=gone.person_id, partner=gone.partner)
    print(
        f"{gone.person_id}: name and e-mail address erased; the ledger and the history keep "
        'only this id (shown as "erased person")'
    )


def _print_invitation(invitation: Invitation, url: str) -> None:
    person = invitation.person
    who = f"partner {person.partner}" if person.partner else "the programme office"
    print(f"{person.email} ({who}), person id {person.person_id}")
    print(f"invitation link (valid until {invitation.expires_at:%Y-%m-%d %H:%M} UTC, once):")
    print(f"  {url.rstrip('/')}/invite/{invitation.token}")


def _days(days: int) -> timedelta:
    from kpitrack.core.errors import UsageError

    if not 1 <= days <= 30:
        raise UsageError(f"--valid-days takes 1 to 30; got {days}")
    return timedelta(days=days)


def _check_workspace(workspace: Path) -> None:
    from kpitrack.core.errors import UsageError
    from kpitrack.core.layout import WorkspaceLayout

    if not WorkspaceLayout(workspace).programme_file.is_file():
        raise UsageError(f"{workspace} is not a workspace (no programme/programme.yaml)")


def _check_partner(workspace: Path, partner: str) -> None:
    from kpitrack.core.errors import ValidationFailed
    from kpitrack.core.problems import Problem
    from kpitrack.workspace import load_workspace

    _check_workspace(workspace)
    partners = sorted(
        p.id for p in load_workspace(workspace, measurements=False).programme.partners
    )
    if partner not in partners:
        raise ValidationFailed(
            [
                Problem(
                    "unknown-partner",
                    f"unknown partner {partner!r}; partners: {', '.join(partners)}",
                )
            ]
        )
