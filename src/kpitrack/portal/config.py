"""How one portal runs: its workspace and its limits (``kpitrack serve`` options)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kpitrack.accounts.sessions import ABSOLUTE_LIMIT, IDLE_LIMIT
from kpitrack.accounts.throttle import ThrottleRules

MIB = 1024 * 1024
DEFAULT_MAX_UPLOAD = 25 * MIB
"""Largest upload: far above a real partner file (10,000 rows of XLSX are about 0.5 MiB) and
well below the store's own 200 MiB limit, so a stray export or a hostile body is refused before
a byte of it is read (Content-Length) or as soon as it passes the limit (chunked bodies)."""
MAX_FORM_BYTES = 64 * 1024
"""Any other form (login, password, logout) is a few hundred bytes."""


@dataclass(frozen=True)
class PortalConfig:
    """The workspace served and the portal's security settings."""

    root: Path
    secure_cookies: bool = False  # also Secure whenever the request came over https
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    max_form_bytes: int = MAX_FORM_BYTES
    throttle: ThrottleRules = field(default_factory=ThrottleRules)
    session_idle: float = IDLE_LIMIT
    session_absolute: float = ABSOLUTE_LIMIT
    commit_to_git: bool = True  # the portal's checkout is the store's one writer (design §9)
    demo: bool = False
    as_of: date | None = None  # the date the calendar is read at; None: today (tests fix it)
