"""Erasing a person (AVG/GDPR article 17): their name and e-mail address leave ``.kpitrack/``.

The ledger and the git history only ever name a person by a random id, so nothing there
changes and the chain stays whole. Here the person's row goes, with their sessions, invitations
and throttling counts; what stays is the bare id (in ``erased_people``, so the history can say
"erased person") and the portal's map of uploads to ids. SQLite overwrites the deleted content
(``secure_delete``), then the write-ahead log is emptied and the file rebuilt (``VACUUM``), so the
address is in no file of ``.kpitrack/`` afterwards.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from kpitrack.accounts.database import transaction
from kpitrack.accounts.model import AccountError, Person, normalise_email
from kpitrack.accounts.people import find_person, get_person, list_people
from kpitrack.accounts.throttle import account_key

ERASED = "erased person"
"""How a history names someone who was erased (the portal translates it)."""


@dataclass(frozen=True, slots=True)
class ErasedPerson:
    """What is left of an erased person: the pseudonymous id, role and partner."""

    person_id: str
    role: str
    partner: str | None
    erased_at: str


def erase_person(db: sqlite3.Connection, email: str, now: datetime | None = None) -> ErasedPerson:
    """Remove the person with this address from the accounts, keeping only their id."""
    person = find_person(db, email)
    if person is None:
        raise AccountError(f"no account for {normalise_email(email)}")
    return erase(db, person, now)


def erase(db: sqlite3.Connection, person: Person, now: datetime | None = None) -> ErasedPerson:
    """Remove ``person`` (see :func:`erase_person`)."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0).isoformat()
    db.execute("PRAGMA secure_delete = ON")  # deleted rows are overwritten, not just unlinked
    with transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO erased_people (person_id, role, partner, erased_at) "
            "VALUES (?, ?, ?, ?)",
            (person.person_id, person.role, person.partner, moment),
        )
        db.execute("DELETE FROM sessions WHERE person_id = ?", (person.person_id,))
        db.execute("DELETE FROM invitations WHERE person_id = ?", (person.person_id,))
        db.execute("DELETE FROM login_failures WHERE key = ?", (account_key(person.email),))
        db.execute("DELETE FROM people WHERE person_id = ?", (person.person_id,))
    # The old pages may linger in the write-ahead log and in free pages until rewritten.
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ErasedPerson(person.person_id, person.role, person.partner, moment)


def erased_people(db: sqlite3.Connection) -> list[ErasedPerson]:
    """Everyone erased, by id."""
    rows = db.execute(
        "SELECT person_id, role, partner, erased_at FROM erased_people ORDER BY person_id"
    ).fetchall()
    return [ErasedPerson(r["person_id"], r["role"], r["partner"], r["erased_at"]) for r in rows]


def person_names(db: sqlite3.Connection, partner: str | None = None) -> dict[str, str]:
    """Person id → the name to show (name, else address; :data:`ERASED` for the erased).

    With ``partner``, only the people of that partner (what a partner's own pages may show).
    """
    names = {
        p.person_id: p.shown_name
        for p in list_people(db)
        if partner is None or p.partner == partner
    }
    for gone in erased_people(db):
        if partner is None or gone.partner == partner:
            names[gone.person_id] = ERASED
    return names


def is_erased(db: sqlite3.Connection, person_id: str) -> bool:
    """True when the id belonged to someone who was erased."""
    try:
        get_person(db, person_id)
    except KeyError:
        row = db.execute("SELECT 1 FROM erased_people WHERE person_id = ?", (person_id,)).fetchone()
        return row is not None
    return False
