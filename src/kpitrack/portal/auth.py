"""Logging in and out, and setting a password from an invitation link.

The login page answers the same, in the same time, for an unknown address, a wrong password and
a disabled account (no account enumeration); failures are throttled per account and per
client address before any password is checked.
"""

from __future__ import annotations

import math
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.model import AccountError, Person
from kpitrack.accounts.passwords import MAX_LENGTH, MIN_LENGTH, password_problem
from kpitrack.accounts.people import check_login, invitation_state, redeem_invitation
from kpitrack.accounts.sessions import Session, end_session, start_session
from kpitrack.accounts.throttle import (
    account_key,
    address_key,
    clear_failures,
    record_failure,
    retry_after,
)
from kpitrack.portal.web import LANG_COOKIE, SESSION_COOKIE, Visit, cookie_name, page


@page("public")
async def login_form(visit: Visit) -> Response:
    if visit.session is not None:
        return visit.redirect("/")
    return visit.render("login.html")


@page("public")
async def login(visit: Visit) -> Response:
    assert visit.form is not None
    email = str(visit.form.get("email", ""))[:300]
    password = str(visit.form.get("password", ""))[: MAX_LENGTH * 4]
    rules = visit.config.throttle
    account, address = account_key(email), address_key(visit.address)
    with open_accounts(visit.config.root) as db:
        wait = retry_after(db, rules, account, address)
    if wait is not None:
        minutes = max(1, math.ceil(wait / 60))
        visit.log("login.throttled", account=account)
        message = visit._("Too many failed logins. Try again in %(minutes)s minutes.") % {
            "minutes": minutes
        }
        response = visit.render("login.html", 429, error=message, email=email)
        response.headers["retry-after"] = str(math.ceil(wait))
        return response
    person = await run_in_threadpool(_check, visit.config.root, email, password)
    if person is None:
        with open_accounts(visit.config.root) as db:
            record_failure(db, rules, account, address)
        visit.log("login.failed", account=account)
        error = visit._("The e-mail address or the password is not right.")
        return visit.render("login.html", 401, error=error, email=email)
    with open_accounts(visit.config.root) as db:
        clear_failures(db, account)
        token, session = start_session(db, person)
    visit.session = session
    visit.csrf = session.csrf
    visit.cookies[SESSION_COOKIE] = token
    visit.log("login")
    return visit.redirect("/")


def _check(root: Path, email: str, password: str) -> Person | None:
    with open_accounts(root) as db:  # in the worker thread: a connection stays in its thread
        return check_login(db, email, password)


def _redeem(root: Path, token: str, password: str) -> tuple[str, Session]:
    with open_accounts(root) as db:
        person = redeem_invitation(db, token, password)
        return start_session(db, person)


@page("person")
async def logout(visit: Visit) -> Response:
    token = visit.request.cookies.get(cookie_name(SESSION_COOKIE, visit.secure), "")
    with open_accounts(visit.config.root) as db:
        end_session(db, token)
    visit.log("logout")
    visit.session = None
    visit.cookies[SESSION_COOKIE] = ""
    return visit.redirect("/login")


@page("public")
async def invitation_form(visit: Visit) -> Response:
    token = visit.request.path_params["token"]
    with open_accounts(visit.config.root) as db:
        state, person = invitation_state(db, token)
    if state != "open" or person is None:
        visit.log("invitation.refused", reason=state)
        return _unusable(visit)
    return visit.render("invitation.html", person=person, token=token)


@page("public")
async def accept_invitation(visit: Visit) -> Response:
    assert visit.form is not None
    token = visit.request.path_params["token"]
    password = str(visit.form.get("password", ""))
    repeated = str(visit.form.get("repeat", ""))
    with open_accounts(visit.config.root) as db:
        state, person = invitation_state(db, token)
    if state != "open" or person is None:
        visit.log("invitation.refused", reason=state)
        return _unusable(visit)
    problem = password_problem(password, person.email)
    if problem is None and password != repeated:
        problem = "different"
    if problem is not None:
        visit.log("invitation.password-refused", reason=problem, person=person.person_id)
        return visit.render(
            "invitation.html",
            422,
            person=person,
            token=token,
            error=_password_message(visit, problem),
        )
    try:
        token_cookie, session = await run_in_threadpool(_redeem, visit.config.root, token, password)
    except AccountError:
        visit.log("invitation.refused", reason="raced")
        return _unusable(visit)
    visit.session = session
    visit.csrf = session.csrf
    visit.cookies[SESSION_COOKIE] = token_cookie
    visit.log("invitation.used")
    return visit.redirect("/")


@page("public")
async def choose_language(visit: Visit) -> Response:
    assert visit.form is not None
    lang = str(visit.form.get("lang", ""))
    if lang in visit.languages:
        visit.cookies[LANG_COOKIE] = lang
    back = str(visit.form.get("back", "/"))
    # Only a path of this site: never an open redirect.
    local = back.startswith("/") and not back.startswith(("//", "/\\"))
    return visit.redirect(back if local else "/")


def _unusable(visit: Visit) -> Response:
    return visit.render(
        "error.html",
        410,
        title=visit._("This link no longer works"),
        message=visit._(
            "The invitation link has expired or has been used. Ask the programme office for a "
            "new one."
        ),
    )


def _password_message(visit: Visit, problem: str) -> str:
    messages = {
        "too-short": visit._("Use at least %(n)s characters.") % {"n": MIN_LENGTH},
        "too-long": visit._("Use at most %(n)s characters.") % {"n": MAX_LENGTH},
        "too-common": visit._("This password is too easy to guess. Choose another one."),
        "like-address": visit._("The password must not resemble your e-mail address."),
        "different": visit._("The two passwords are not the same."),
    }
    return messages[problem]
