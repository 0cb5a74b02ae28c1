"""People and their invitations: add, list, disable, invite, reset, set a password, log in.

An invitation is a random token shown once (in the link ``kpitrack users add`` prints); only its
sha256 is stored. It expires, and using it ends every earlier invitation of the person.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from kpitrack.accounts.database import transaction
from kpitrack.accounts.model import AccountError, Person, Role, normalise_email
from kpitrack.accounts.passwords import hash_password, needs_new_hash, verify_password
from kpitrack.definitions.models import Partner

DEFAULT_VALIDITY = timedelta(days=7)
MAX_VALIDITY = timedelta(days=30)

InvitationState = Literal["open", "unknown", "used", "expired", "disabled"]


@dataclass(frozen=True, slots=True)
class Invitation:
    """A new invitation: the secret token (shown once) and when it stops working."""

    person: Person
    token: str
    expires_at: datetime


def add_person(
    db: sqlite3.Connection,
    email: str,
    *,
    partner: str | None,
    name: str = "",
    now: datetime | None = None,
) -> Person:
    """A new person of ``partner`` (None: the programme office), without a password yet."""
    address = normalise_email(email)
    role: Role = "office" if partner is None else "partner"
    created = _iso(now or _now())
    with transaction(db):
        if db.execute("SELECT 1 FROM people WHERE email = ?", (address,)).fetchone():
            raise AccountError(
                f"{address} already has an account; kpitrack users invite {address} sends a "
                "new invitation"
            )
        person_id = _new_person_id(db)
        db.execute(
            "INSERT INTO people (person_id, email, name, role, partner, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (person_id, address, name.strip(), role, partner, created),
        )
    return get_person(db, person_id)


def invite(
    db: sqlite3.Connection,
    person: Person,
    *,
    valid_for: timedelta = DEFAULT_VALIDITY,
    now: datetime | None = None,
) -> Invitation:
    """A one-time invitation for ``person`` to set a (new) password."""
    if person.disabled:
        raise AccountError(f"{person.email} is disabled; a disabled account gets no invitation")
    if not timedelta(0) < valid_for <= MAX_VALIDITY:
        raise AccountError(f"an invitation is valid for 1 to {MAX_VALIDITY.days} days")
    created = now or _now()
    token = secrets.token_urlsafe(32)
    with transaction(db):
        db.execute(
            "INSERT INTO invitations (token_hash, person_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (_digest(token), person.person_id, _iso(created), _iso(created + valid_for)),
        )
    return Invitation(person, token, created + valid_for)


def invitation_state(
    db: sqlite3.Connection, token: str, now: datetime | None = None
) -> tuple[InvitationState, Person | None]:
    """Whether an invitation token can still be used, and whose it is."""
    row = db.execute(
        "SELECT person_id, expires_at, used_at FROM invitations WHERE token_hash = ?",
        (_digest(token),),
    ).fetchone()
    if row is None:
        return "unknown", None
    person = get_person(db, row["person_id"])
    if row["used_at"] is not None:
        return "used", person
    if datetime.fromisoformat(row["expires_at"]) <= (now or _now()):
        return "expired", person
    if person.disabled:
        return "disabled", person
    return "open", person


def redeem_invitation(
    db: sqlite3.Connection, token: str, password: str, now: datetime | None = None
) -> Person:
    """Set the invited person's password; ends the token, other invitations and old sessions.

    The caller has checked the token's state and the password's rules; the state is checked
    again under the write lock so a token can never be used twice.
    """
    moment = now or _now()
    hashed = hash_password(password)  # slow: outside the write lock
    with transaction(db):
        state, person = invitation_state(db, token, moment)
        if state != "open" or person is None:
            raise AccountError(f"the invitation cannot be used ({state})")
        db.execute(
            "UPDATE people SET password_hash = ?, password_set_at = ? WHERE person_id = ?",
            (hashed, _iso(moment), person.person_id),
        )
        db.execute(
            "UPDATE invitations SET used_at = ? WHERE person_id = ? AND used_at IS NULL",
            (_iso(moment), person.person_id),
        )
        db.execute("DELETE FROM sessions WHERE person_id = ?", (person.person_id,))
    return get_person(db, person.person_id)


def check_login(db: sqlite3.Connection, email: str, password: str) -> Person | None:
    """The person whose address and password these are, if active; same cost either way."""
    try:
        address = normalise_email(email)
    except AccountError:
        address = ""
    row = db.execute("SELECT * FROM people WHERE email = ?", (address,)).fetchone()
    stored = row["password_hash"] if row is not None else None
    matches = verify_password(stored, password)
    if row is None or not matches or row["disabled_at"] is not None:
        return None
    if stored and needs_new_hash(stored):  # made with older parameters: renew it now
        renewed = hash_password(password)
        with transaction(db):
            db.execute(
                "UPDATE people SET password_hash = ? WHERE person_id = ?",
                (renewed, row["person_id"]),
            )
    return _person(row)


def set_password(db: sqlite3.Connection, person: Person, password: str) -> None:
    """Give ``person`` a password directly (the demo's accounts; never from the web)."""
    hashed = hash_password(password)
    with transaction(db):
        db.execute(
            "UPDATE people SET password_hash = ?, password_set_at = ? WHERE person_id = ?",
            (hashed, _iso(_now()), person.person_id),
        )


def disable_person(db: sqlite3.Connection, email: str, now: datetime | None = None) -> Person:
    """Refuse the person from now on: sessions end, open invitations stop working."""
    person = find_person(db, email)
    if person is None:
        raise AccountError(f"no account for {normalise_email(email)}")
    with transaction(db):
        db.execute(
            "UPDATE people SET disabled_at = COALESCE(disabled_at, ?) WHERE person_id = ?",
            (_iso(now or _now()), person.person_id),
        )
        db.execute("DELETE FROM sessions WHERE person_id = ?", (person.person_id,))
        db.execute(
            "UPDATE invitations SET used_at = ? WHERE person_id = ? AND used_at IS NULL",
            (_iso(now or _now()), person.person_id),
        )
    return get_person(db, person.person_id)


def reset_access(
    db: sqlite3.Connection,
    person: Person,
    *,
    valid_for: timedelta = DEFAULT_VALIDITY,
    now: datetime | None = None,
) -> Invitation:
    """Take away the person's password and sessions and give a new invitation.

    For an account that may be in the wrong hands: the old password stops working at once,
    every session ends, earlier invitations stop working; the person sets a new password with
    the new link.
    """
    if person.disabled:
        raise AccountError(f"{person.email} is disabled; a disabled account gets no invitation")
    moment = now or _now()
    with transaction(db):
        db.execute(
            "UPDATE people SET password_hash = NULL, password_set_at = NULL WHERE person_id = ?",
            (person.person_id,),
        )
        db.execute("DELETE FROM sessions WHERE person_id = ?", (person.person_id,))
        db.execute(
            "UPDATE invitations SET used_at = ? WHERE person_id = ? AND used_at IS NULL",
            (_iso(moment), person.person_id),
        )
    return invite(db, get_person(db, person.person_id), valid_for=valid_for, now=moment)


def find_person(db: sqlite3.Connection, email: str) -> Person | None:
    """The person with this address, if any."""
    row = db.execute("SELECT * FROM people WHERE email = ?", (normalise_email(email),)).fetchone()
    return _person(row) if row is not None else None


def get_person(db: sqlite3.Connection, person_id: str) -> Person:
    """The person with this id (KeyError when there is none)."""
    row = db.execute("SELECT * FROM people WHERE person_id = ?", (person_id,)).fetchone()
    if row is None:
        raise KeyError(person_id)
    return _person(row)


def list_people(db: sqlite3.Connection) -> list[Person]:
    """Everyone, the office first, then by partner and address."""
    rows = db.execute("SELECT * FROM people ORDER BY role = 'partner', partner, email").fetchall()
    return [_person(row) for row in rows]


def partner_contacts(db: sqlite3.Connection, partners: Iterable[Partner]) -> dict[str, str]:
    """Per partner, whom to write about what is due (``kpitrack due --format csv``, the portal).

    The contact in programme.yaml when it has one, else the addresses of the partner's people
    who can log in, joined by "; ".
    """
    people = list_people(db)
    contacts: dict[str, str] = {}
    for partner in partners:
        active = [p.email for p in people if p.partner == partner.id and p.state == "active"]
        found = partner.contact or "; ".join(active)
        if found:
            contacts[partner.id] = found
    return contacts


def _person(row: sqlite3.Row) -> Person:
    return Person(
        person_id=row["person_id"],
        email=row["email"],
        name=row["name"],
        role=row["role"],
        partner=row["partner"],
        created_at=row["created_at"],
        password_set=row["password_hash"] is not None,
        disabled=row["disabled_at"] is not None,
    )


def _new_person_id(db: sqlite3.Connection) -> str:
    # Random, so the id says nothing about the person and survives erasing their name.
    while True:
        person_id = "p-" + secrets.token_hex(8)
        if not db.execute("SELECT 1 FROM people WHERE person_id = ?", (person_id,)).fetchone():
            return person_id


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()
