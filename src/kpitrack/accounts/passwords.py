"""Password hashing (argon2id) and the password rules (OWASP ASVS 2.1).

Parameters: argon2id with 19 MiB, 2 passes, 1 lane — the OWASP Password Storage Cheat Sheet's
first recommendation (about 0.15 s on a small server). Hashes carry their parameters, so older
hashes keep working and are renewed at the next login (:func:`needs_new_hash`).

Verifying an unknown account costs as much as a known one (a fixed dummy hash is checked), so the
time a login takes says nothing about whether the address has an account. At most
:data:`PARALLEL_HASHES` hashes run at once, so a burst of logins cannot exhaust memory or starve
the pages of CPU.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 12
MAX_LENGTH = 128
PARALLEL_HASHES = 2

# Long passwords that lists of leaked passwords show again and again, lower case.
_COMMON = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "qwertyuiopasdfgh",
        "qwertyuiop123",
        "passwordpassword",
        "password1234",
        "password12345",
        "password123456",
        "wachtwoord123",
        "wachtwoord1234",
        "welkom123456",
        "iloveyou1234",
        "abcdefghijkl",
        "abcdef123456",
        "aaaaaaaaaaaa",
        "111111111111",
        "000000000000",
        "letmein12345",
        "administrator",
        "changeme1234",
        "mensenhandel",
    }
)
_slots = threading.BoundedSemaphore(PARALLEL_HASHES)


def hash_password(password: str) -> str:
    """The argon2id hash (with its salt and parameters) of a password."""
    with _slots:
        return _hasher().hash(_normalised(password))


def verify_password(stored: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored``; an absent hash costs as much as a real one."""
    from argon2.exceptions import InvalidHashError, VerificationError

    with _slots:
        try:
            return _hasher().verify(stored or _dummy_hash(), _normalised(password)) and bool(stored)
        except (VerificationError, InvalidHashError):
            return False


def needs_new_hash(stored: str) -> bool:
    """True when a stored hash was made with other parameters than today's."""
    return _hasher().check_needs_rehash(stored)


def password_problem(password: str, email: str) -> str | None:
    """Why a new password is refused (English source text), or None when it is acceptable."""
    text = _normalised(password)
    if len(text) < MIN_LENGTH:
        return "too-short"
    if len(text) > MAX_LENGTH:
        return "too-long"
    lowered = text.lower()
    local = email.split("@", 1)[0].lower()
    if lowered in _COMMON or len(set(lowered)) <= 2:
        return "too-common"
    if lowered == email.lower() or (len(local) >= 4 and local in lowered and len(text) < 20):
        return "like-address"
    return None


def _normalised(password: str) -> str:
    # The same password typed on another keyboard or system must give the same hash (NIST SP
    # 800-63B 5.1.1.2): compatibility composition, as the ASVS asks for Unicode passwords.
    return unicodedata.normalize("NFKC", password)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("kpitrack: no such account")
