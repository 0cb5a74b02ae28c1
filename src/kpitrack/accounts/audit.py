"""The audit log: one JSON object per line in ``<workspace>/.kpitrack/audit.jsonl``.

Every portal request that does something, and every ``kpitrack users`` command, leaves a line:
when, what, the pseudonymous person id, the partner, the client address. Never a password, a
token or an e-mail address (a person is erased from the accounts without rewriting the log).
The same record goes to the ``kpitrack.audit`` logger, which ``kpitrack serve`` shows.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from kpitrack.accounts.database import local_state

LOG_NAME = "audit.jsonl"
FORBIDDEN_FIELDS = frozenset({"password", "token", "email", "csrf", "cookie", "session"})

logger = logging.getLogger("kpitrack.audit")
_lock = threading.Lock()


def audit(root: Path, event: str, **fields: object) -> dict[str, object]:
    """Append one event to the workspace's audit log and return the record written."""
    leaked = FORBIDDEN_FIELDS.intersection(fields)
    if leaked:  # a programming error: secrets and addresses never reach the log
        raise ValueError(f"audit fields must not include {sorted(leaked)}")
    record: dict[str, object] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "event": event,
        **{key: value for key, value in fields.items() if value is not None},
    }
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    path = local_state(root) / LOG_NAME
    with _lock:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    logger.info(line.rstrip("\n"))
    return record


def read_audit(root: Path) -> list[dict[str, object]]:
    """Every event of the audit log, oldest first (for tests and the office's review)."""
    path = local_state(root) / LOG_NAME
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
