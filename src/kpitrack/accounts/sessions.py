"""Login sessions kept on the server: the cookie holds a random token, the database its sha256.

A session ends at logout, after :data:`IDLE_LIMIT` without a request, after
:data:`ABSOLUTE_LIMIT` in all, and whenever its person is disabled or sets a new password.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass

from kpitrack.accounts.database import transaction
from kpitrack.accounts.model import Person
from kpitrack.accounts.people import get_person

IDLE_LIMIT = 60 * 60.0
ABSOLUTE_LIMIT = 12 * 60 * 60.0
_TOUCH_AFTER = 60.0  # seconds: a request refreshes the idle clock at most once a minute


@dataclass(frozen=True, slots=True)
class Session:
    """A live session: whose it is and the token its forms must carry (CSRF)."""

    person: Person
    csrf: str


def start_session(db: sqlite3.Connection, person: Person) -> tuple[str, Session]:
    """A new session for ``person``: the cookie token (shown once) and the session."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = time.time()
    with transaction(db):
        _expire(db, now)
        db.execute(
            "INSERT INTO sessions (token_hash, person_id, csrf, created_at, seen_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (_digest(token), person.person_id, csrf, now, now),
        )
    return token, Session(person, csrf)


def find_session(
    db: sqlite3.Connection,
    token: str,
    *,
    idle: float = IDLE_LIMIT,
    absolute: float = ABSOLUTE_LIMIT,
) -> Session | None:
    """The live session of this cookie token, or None (unknown, expired, person disabled)."""
    if not token or len(token) > 100:
        return None
    now = time.time()
    row = db.execute(
        "SELECT person_id, csrf, created_at, seen_at FROM sessions WHERE token_hash = ?",
        (_digest(token),),
    ).fetchone()
    if row is None:
        return None
    if now - row["seen_at"] > idle or now - row["created_at"] > absolute:
        end_session(db, token)
        return None
    person = get_person(db, row["person_id"])
    if person.disabled or not person.password_set:
        end_session(db, token)
        return None
    if now - row["seen_at"] > _TOUCH_AFTER:
        with transaction(db):
            db.execute(
                "UPDATE sessions SET seen_at = ? WHERE token_hash = ?", (now, _digest(token))
            )
    return Session(person, row["csrf"])


def end_session(db: sqlite3.Connection, token: str) -> None:
    """Forget the session of this token (logout)."""
    with transaction(db):
        db.execute("DELETE FROM sessions WHERE token_hash = ?", (_digest(token),))


def _expire(db: sqlite3.Connection, now: float) -> None:
    db.execute(
        "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",
        (now - IDLE_LIMIT, now - ABSOLUTE_LIMIT),
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
