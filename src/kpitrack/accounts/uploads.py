"""Who uploaded which submission: the portal's map from sequence number to person id.

The ledger names the partner and the pseudonymous person id; this table keeps the same link
inside ``.kpitrack/`` (for uploads stored before the ledger named people) and whether the
programme office uploaded the file on the partner's behalf.
"""

from __future__ import annotations

import sqlite3

from kpitrack.accounts.database import transaction


def record_upload(
    db: sqlite3.Connection, seq: int, person_id: str, partner: str, *, on_behalf: bool = False
) -> None:
    """Remember that ``person_id`` uploaded submission ``seq`` for ``partner``."""
    with transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO uploads (seq, person_id, partner, on_behalf) "
            "VALUES (?, ?, ?, ?)",
            (seq, person_id, partner, int(on_behalf)),
        )


def uploaders(db: sqlite3.Connection) -> dict[int, str]:
    """Person id per sequence number, for every upload made through the portal."""
    return {
        row["seq"]: row["person_id"] for row in db.execute("SELECT seq, person_id FROM uploads")
    }


def on_behalf(db: sqlite3.Connection) -> set[int]:
    """Sequence numbers of the uploads the programme office made for a partner."""
    return {row["seq"] for row in db.execute("SELECT seq FROM uploads WHERE on_behalf = 1")}
