"""``kpitrack serve --demo``: a copy of the example programme with an account per partner.

The copy lives in a new temporary directory, never in a workspace someone works in. Passwords
are random and shown once, at start-up.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import kpitrack
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.people import add_person, set_password
from kpitrack.core.layout import KPIS_DIR, PROGRAMME_DIR, STORE_DIR
from kpitrack.workspace import load_workspace

EXAMPLE_PARTS = (PROGRAMME_DIR, KPIS_DIR, STORE_DIR)
DOMAIN = "demo.invalid"  # a reserved domain (RFC 2606): no mail can ever reach it


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: address, password, and the partner (None: the programme office)."""

    email: str
    password: str
    partner: str | None


@dataclass(frozen=True)
class Demo:
    """The demo workspace and its accounts."""

    root: Path
    source: str  # where the example came from
    accounts: list[DemoAccount]


def example_root() -> Path | None:
    """The repository holding the example programme, when kpitrack runs from its source tree."""
    candidate = Path(kpitrack.__file__).resolve().parents[2]
    if (candidate / PROGRAMME_DIR / "programme.yaml").is_file() and (candidate / KPIS_DIR).is_dir():
        return candidate
    return None


def make_demo(parent: Path | None = None) -> Demo:
    """Copy the example (or, in an installed kpitrack, the starter) and add demo accounts."""
    root = Path(tempfile.mkdtemp(prefix="kpitrack-demo-", dir=parent)) / "workspace"
    source = example_root()
    if source is not None:
        root.mkdir()
        for part in EXAMPLE_PARTS:
            if (source / part).is_dir():
                shutil.copytree(source / part, root / part, symlinks=False)
        described = f"the example programme of {source}"
    else:
        from kpitrack.definitions.init import create_workspace

        create_workspace(root)
        described = "the starter programme of kpitrack init"
    programme = load_workspace(root, measurements=False).programme
    accounts: list[DemoAccount] = []
    with open_accounts(root) as db:
        for partner in [None, *(p.id for p in programme.partners)]:
            email = f"{partner or 'office'}@{DOMAIN}"
            password = secrets.token_urlsafe(12)
            person = add_person(db, email, partner=partner, name="")
            set_password(db, person, password)
            accounts.append(DemoAccount(email, password, partner))
    return Demo(root, described, accounts)
