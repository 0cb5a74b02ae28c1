"""Login throttling (OWASP ASVS 2.2.1): failed logins counted per account and per address.

An account (a normalised address, whether it exists or not: counting only real accounts would
tell which exist) and a client address each get a number of failures within a window; beyond it
logins are refused without checking the password until the oldest failure leaves the window.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass

from kpitrack.accounts.database import transaction


@dataclass(frozen=True, slots=True)
class ThrottleRules:
    """How many failures per account and per client address within ``window`` seconds."""

    per_account: int = 5
    per_address: int = 20
    window: float = 15 * 60.0


def account_key(email: str) -> str:
    """The throttle key of an address typed at login (hashed: the table holds no addresses)."""
    digest = hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()[:32]
    return "account:" + digest


def address_key(address: str) -> str:
    """The throttle key of a client address."""
    return "address:" + address


def retry_after(
    db: sqlite3.Connection, rules: ThrottleRules, account: str, address: str
) -> float | None:
    """Seconds until a login may be tried again for this account or address; None: now."""
    now = time.time()
    waits = [
        _wait(db, key, limit, rules.window, now)
        for key, limit in ((account, rules.per_account), (address, rules.per_address))
    ]
    longest = max(waits)
    return longest if longest > 0 else None


def record_failure(db: sqlite3.Connection, rules: ThrottleRules, *keys: str) -> None:
    """Count one failed login against each key (and forget failures older than the window)."""
    now = time.time()
    with transaction(db):
        db.execute("DELETE FROM login_failures WHERE at < ?", (now - rules.window,))
        db.executemany(
            "INSERT INTO login_failures (key, at) VALUES (?, ?)", [(k, now) for k in keys]
        )


def clear_failures(db: sqlite3.Connection, key: str) -> None:
    """Forget an account's failures after it logged in."""
    with transaction(db):
        db.execute("DELETE FROM login_failures WHERE key = ?", (key,))


def _wait(db: sqlite3.Connection, key: str, limit: int, window: float, now: float) -> float:
    rows = db.execute(
        "SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at DESC LIMIT ?",
        (key, now - window, limit),
    ).fetchall()
    if len(rows) < limit:
        return 0.0
    # The limit-th most recent failure must leave the window before another try.
    return max(0.0, float(rows[-1]["at"]) + window - now)
