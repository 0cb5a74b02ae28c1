"""A person with access to the portal, and the errors account commands raise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kpitrack.core.errors import KpitrackError

Role = Literal["partner", "office"]
State = Literal["invited", "active", "disabled"]

MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(KpitrackError):
    """An account command cannot be done (unknown person, duplicate address, bad input)."""


@dataclass(frozen=True, slots=True)
class Person:
    """One person: pseudonymous id, contact, and the partner they act for (None: the office)."""

    person_id: str
    email: str
    name: str
    role: Role
    partner: str | None
    created_at: str
    password_set: bool
    disabled: bool

    @property
    def state(self) -> State:
        if self.disabled:
            return "disabled"
        return "active" if self.password_set else "invited"

    @property
    def is_office(self) -> bool:
        return self.role == "office"

    @property
    def shown_name(self) -> str:
        return self.name or self.email


def normalise_email(text: str) -> str:
    """The address as accounts store it: trimmed, lower case; AccountError when not an address."""
    email = text.strip().lower()
    if len(email) > MAX_EMAIL or not _EMAIL.match(email):
        raise AccountError(f"not an e-mail address: {text!r}")
    return email
