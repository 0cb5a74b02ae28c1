"""The accounts package: people, invitations, passwords, sessions, throttling, the audit log."""

from __future__ import annotations

import stat
import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from kpitrack.accounts.audit import audit, read_audit
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.model import AccountError
from kpitrack.accounts.passwords import hash_password, password_problem, verify_password
from kpitrack.accounts.people import (
    add_person,
    check_login,
    disable_person,
    invitation_state,
    invite,
    list_people,
    redeem_invitation,
)
from kpitrack.accounts.sessions import find_session, start_session
from kpitrack.accounts.throttle import ThrottleRules, record_failure, retry_after

PASSWORD = "correct horse battery staple"


def test_local_state_is_private_and_ignored_by_git(root):
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    with open_accounts(root) as db:
        add_person(db, "ana@politie.example", partner="politie")
    state = root / ".kpitrack"
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert stat.S_IMODE((state / "accounts.sqlite3").stat().st_mode) == 0o600
    assert (state / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert ".kpitrack" not in status


def test_people_get_a_random_pseudonymous_id(root):
    with open_accounts(root) as db:
        ana = add_person(db, " Ana@Politie.Example ", partner="politie", name="Ana")
        office = add_person(db, "office@jenv.example", partner=None)
        assert ana.email == "ana@politie.example" and ana.role == "partner"
        assert office.role == "office" and office.partner is None
        assert ana.person_id.startswith("p-") and ana.person_id != office.person_id
        assert "ana" not in ana.person_id
        assert [p.email for p in list_people(db)] == ["office@jenv.example", "ana@politie.example"]
        assert ana.state == "invited"
        with pytest.raises(AccountError, match="already has an account"):
            add_person(db, "ANA@politie.example", partner="ngo")
        with pytest.raises(AccountError, match="not an e-mail address"):
            add_person(db, "ana at politie", partner="politie")


def test_an_invitation_works_once_and_expires(root):
    with open_accounts(root) as db:
        person = add_person(db, "ana@politie.example", partner="politie")
        first = invite(db, person)
        second = invite(db, person, valid_for=timedelta(days=1))
        assert invitation_state(db, first.token)[0] == "open"
        later = datetime.now(UTC) + timedelta(days=2)
        assert invitation_state(db, second.token, later)[0] == "expired"
        assert invitation_state(db, first.token, later)[0] == "open"
        redeem_invitation(db, first.token, PASSWORD)
        assert invitation_state(db, first.token)[0] == "used"
        assert invitation_state(db, second.token)[0] == "used"  # every open one ends
        with pytest.raises(AccountError):
            redeem_invitation(db, first.token, "another good password")
        assert check_login(db, "ana@politie.example", PASSWORD) is not None
        with pytest.raises(AccountError, match="1 to 30 days"):
            invite(db, person, valid_for=timedelta(days=31))
        tokens = db.execute("SELECT token_hash FROM invitations").fetchall()
        assert first.token not in {row[0] for row in tokens}  # only the hash is kept


def test_disabled_people_cannot_log_in_or_be_invited(root):
    with open_accounts(root) as db:
        person = add_person(db, "ana@politie.example", partner="politie")
        token = invite(db, person).token
        redeem_invitation(db, token, PASSWORD)
        cookie, _ = start_session(db, person)
        assert find_session(db, cookie) is not None
        disabled = disable_person(db, "ana@politie.example")
        assert disabled.state == "disabled"
        assert find_session(db, cookie) is None
        assert check_login(db, "ana@politie.example", PASSWORD) is None
        with pytest.raises(AccountError, match="disabled"):
            invite(db, disabled)
        with pytest.raises(AccountError, match="no account"):
            disable_person(db, "nobody@politie.example")


def test_passwords_are_argon2id_hashes():
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD)
    assert not verify_password(hashed, PASSWORD + "!")
    assert not verify_password(None, PASSWORD)
    assert not verify_password("not a hash", PASSWORD)
    assert verify_password(hashed, "correct horse battery staple")  # NFKC: same characters
    full_width = "ｃｏｒｒｅｃｔ horse battery staple"
    assert verify_password(hashed, full_width)


def test_password_rules():
    email = "ana.devries@politie.example"
    assert password_problem("kort", email) == "too-short"
    assert password_problem("x" * 129, email) == "too-long"
    assert password_problem("Wachtwoord123", email) == "too-common"
    assert password_problem("abababababab", email) == "too-common"
    assert password_problem("ana.devries123", email) == "like-address"
    assert password_problem("twee koffie met melk graag", email) is None
    assert password_problem("ik fiets elke ochtend langs de gracht " * 3, email) is None


def test_throttle_counts_within_its_window(root):
    rules = ThrottleRules(per_account=2, per_address=3, window=0.5)
    with open_accounts(root) as db:
        assert retry_after(db, rules, "account:a", "address:1") is None
        record_failure(db, rules, "account:a", "address:1")
        assert retry_after(db, rules, "account:a", "address:1") is None
        record_failure(db, rules, "account:a", "address:1")
        wait = retry_after(db, rules, "account:a", "address:1")
        assert wait is not None and 0 < wait <= 0.5
        assert retry_after(db, rules, "account:b", "address:2") is None
        record_failure(db, rules, "account:c", "address:1")
        assert retry_after(db, rules, "account:d", "address:1") is not None
        import time

        time.sleep(0.6)
        assert retry_after(db, rules, "account:a", "address:1") is None


def test_the_audit_log_refuses_secrets(root):
    with pytest.raises(ValueError, match="password"):
        audit(root, "login", password="x")
    with pytest.raises(ValueError, match="email"):
        audit(root, "login", email="a@b.example")
    record = audit(root, "login", person="p-1", partner=None)
    assert "partner" not in record
    assert read_audit(root)[-1]["event"] == "login"
