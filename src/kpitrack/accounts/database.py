"""The accounts database: ``<workspace>/.kpitrack/accounts.sqlite3``, created on first use.

The directory is private to its owner (0700) and ignores itself in git. Each call opens its own
connection (the portal serves requests from several threads); writes take SQLite's write lock
at once (``BEGIN IMMEDIATE``) so concurrent writers queue instead of failing half-way.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kpitrack.core.layout import WorkspaceLayout

DB_NAME = "accounts.sqlite3"
GITIGNORE = "# local state of kpitrack (portal accounts, sessions, logs): never in git\n*\n"

_SCHEMA = """
CREATE TABLE people (
    person_id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('partner', 'office')),
    partner TEXT,
    password_hash TEXT,
    password_set_at TEXT,
    disabled_at TEXT,
    created_at TEXT NOT NULL,
    CHECK ((role = 'office') = (partner IS NULL))
);
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (person_id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people (person_id),
    csrf TEXT NOT NULL,
    created_at REAL NOT NULL,
    seen_at REAL NOT NULL
);
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE TABLE uploads (
    seq INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL,
    partner TEXT NOT NULL,
    on_behalf INTEGER NOT NULL DEFAULT 0
);
"""
# Version 2: people erased under the AVG/GDPR leave only their pseudonymous id, so the history
# can say "erased person" where the ledger names them.
_ERASED = """
CREATE TABLE erased_people (
    person_id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    partner TEXT,
    erased_at TEXT NOT NULL
);
"""
MIGRATIONS = (_SCHEMA, _ERASED)
"""The statements that bring the database from version n to n + 1 (``PRAGMA user_version``)."""
SCHEMA_VERSION = len(MIGRATIONS)


def local_state(root: Path) -> Path:
    """``<workspace>/.kpitrack``, created private and git-ignored when missing."""
    state = WorkspaceLayout(Path(root)).local_state
    state.mkdir(mode=0o700, exist_ok=True)
    ignore = state / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
    return state


@contextmanager
def open_accounts(root: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the workspace's accounts database (created and migrated on first use)."""
    path = local_state(root) / DB_NAME
    if not path.exists():
        # Created 0600 before SQLite writes a byte: hashes are never readable by others.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA busy_timeout = 30000")
        _migrate(connection)
        yield connection
    finally:
        connection.close()


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that holds the database's write lock from its first statement."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _migrate(connection: sqlite3.Connection) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    connection.execute("PRAGMA journal_mode = WAL")
    with transaction(connection):
        # Checked again under the write lock: another process may have migrated meanwhile.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for script in MIGRATIONS[version:]:
            for statement in script.split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
