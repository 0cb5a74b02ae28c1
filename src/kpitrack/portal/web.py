"""What every page shares: who is asking, in which language, the form token, and rendering.

Each endpoint is wrapped by :func:`page`, which decides access before the endpoint runs:
``public`` pages need nobody, ``person`` pages anyone logged in, ``partner`` and ``office`` pages
that role. Someone logged out is sent to the login page; someone of the wrong role gets the
same 404 as a page that does not exist. Every POST must carry the form token (CSRF): the
session's token when logged in, else the token of the ``csrf`` cookie (double submit).
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import wraps
from typing import Any, Literal

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kpitrack.accounts.audit import audit
from kpitrack.accounts.database import open_accounts
from kpitrack.accounts.model import Person
from kpitrack.accounts.sessions import Session, find_session
from kpitrack.core.problems import Problem
from kpitrack.i18n import (
    action_state_label,
    format_date,
    format_number,
    format_period,
    local_text,
    obs_status_label,
)
from kpitrack.i18n.problems import problem_message
from kpitrack.portal.checkout import Checkout
from kpitrack.portal.config import PortalConfig
from kpitrack.portal.limits import UPLOAD_PATHS, BodyTooLarge, body_too_large
from kpitrack.portal.navigation import N_
from kpitrack.portal.pages import Pages
from kpitrack.portal.words import choose_language, page_languages, translation_for
from kpitrack.workspace import Workspace

Access = Literal["public", "person", "partner", "office"]
Endpoint = Callable[[Request], Awaitable[Response]]
Handler = Callable[["Visit"], Awaitable[Response]]

SESSION_COOKIE = "kpitrack_session"
CSRF_COOKIE = "kpitrack_csrf"
LANG_COOKIE = "kpitrack_lang"
MAX_FORM_FIELDS = 10


@dataclass
class Visit:
    """One request as pages see it: the person (if any), the language and the form token."""

    request: Request
    config: PortalConfig
    pages: Pages
    workspace: Workspace
    lang: str
    languages: list[str]
    session: Session | None
    csrf: str
    form: FormData | None = None
    cookies: dict[str, str] = field(default_factory=dict)  # to set on the response

    @property
    def person(self) -> Person:
        """The logged-in person (only on pages that are not public)."""
        assert self.session is not None
        return self.session.person

    @property
    def checkout(self) -> Checkout:
        """The workspace as served, with what is built from it (see ``Checkout.derived``)."""
        checkout: Checkout = self.request.app.state.checkout
        return checkout

    @property
    def today(self) -> date:
        """The date the reporting calendar is read at (the configured one in tests)."""
        return self.config.as_of or date.today()

    @property
    def secure(self) -> bool:
        return self.config.secure_cookies or self.request.url.scheme == "https"

    @property
    def address(self) -> str:
        return self.request.client.host if self.request.client else "unknown"

    def _(self, message: str) -> str:
        """``message`` in the page's language."""
        return translation_for(self.lang).gettext(message)

    def log(self, event: str, **fields: object) -> None:
        """One line in the audit log, with who, from where and what was asked."""
        person = self.session.person if self.session else None
        who = {"person": person.person_id, "partner": person.partner} if person else {}
        request = {
            "address": self.address,
            "method": self.request.method,
            "route": _route(self.request),
        }
        audit(self.config.root, event, **{**who, **request, **fields})

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        """A page of ``template`` in the visit's language."""
        defaults: dict[str, Any] = {
            "error": None,
            "email": "",
            "names": {},
            "partner_ids": {p.id for p in self.workspace.programme.partners},
            "review_required": self.workspace.programme.reporting.review == "required",
            "code_label": self._code_label,
            "indicator_name": self._indicator_name,
        }
        html = self.pages.render(
            template, self.lang, visit=self, w=Words(self.lang), **{**defaults, **context}
        )
        response = HTMLResponse(html, status_code=status)
        self.set_cookies(response)
        return response

    def redirect(self, path: str) -> Response:
        """See other page (after a POST: the browser asks again with GET)."""
        response = RedirectResponse(path, status_code=303)
        self.set_cookies(response)
        return response

    def _code_label(self, dimension: str, code: str) -> str:
        codelist = self.workspace.programme.codelists.get(dimension)
        label = codelist.codes.get(code) if codelist is not None else None
        return local_text(label, self.lang) if label is not None else code

    def _indicator_name(self, indicator: str) -> str:
        found = self.workspace.indicators.get(indicator)
        return local_text(found.name, self.lang) if found is not None else indicator

    def set_cookies(self, response: Response) -> None:
        for name, value in self.cookies.items():
            set_cookie(response, name, value, secure=self.secure)


def page(access: Access) -> Callable[[Handler], Endpoint]:
    """Wrap a handler: resolve the visit, enforce ``access`` and, on POST, the form token."""

    def decorate(handler: Handler) -> Endpoint:
        @wraps(handler)
        async def endpoint(request: Request) -> Response:
            visit = await _visit(request)
            if access != "public":
                if visit.session is None:
                    return visit.redirect("/login")
                if access in ("partner", "office") and visit.person.role != access:
                    visit.log("refused", reason="role", wanted=access)
                    return not_found(visit)
            if request.method == "POST":
                refused = await _read_form(visit)
                if refused is not None:
                    return refused
            return await handler(visit)

        endpoint.access = access  # type: ignore[attr-defined]
        return endpoint

    return decorate


def not_found(visit: Visit) -> Response:
    """The one 404 page: for pages that do not exist and for pages of someone else."""
    return visit.render(
        "error.html",
        404,
        title=visit._("Page not found"),
        message=visit._("There is no such page, or it is not yours to see."),
    )


def set_cookie(response: Response, name: str, value: str, *, secure: bool) -> None:
    """A cookie scripts cannot read, sent only to this site (``__Host-`` when Secure)."""
    response.set_cookie(
        cookie_name(name, secure),
        value,
        httponly=True,
        secure=secure,
        samesite="strict" if name == CSRF_COOKIE else "lax",
        path="/",
        max_age=None if value else 0,
    )


def cookie_name(name: str, secure: bool) -> str:
    """``__Host-`` cookies are refused by browsers unless Secure, on this host, path /."""
    return f"__Host-{name}" if secure else name


async def _visit(request: Request) -> Visit:
    config: PortalConfig = request.app.state.config
    checkout = request.app.state.checkout
    secure = config.secure_cookies or request.url.scheme == "https"
    workspace = checkout.workspace()
    offered = page_languages(workspace.languages)
    lang = choose_language(
        request.headers.get("accept-language"),
        offered,
        request.cookies.get(cookie_name(LANG_COOKIE, secure)),
    )
    session = None
    token = request.cookies.get(cookie_name(SESSION_COOKIE, secure), "")
    if token:
        with open_accounts(config.root) as db:
            session = find_session(
                db, token, idle=config.session_idle, absolute=config.session_absolute
            )
    pages = request.app.state.pages
    partners = {p.id for p in workspace.programme.partners}
    if session is not None and session.person.partner not in (None, *partners):
        # The partner left the programme's definitions: its people have nothing to see.
        session = None
    visit = Visit(request, config, pages, workspace, lang, offered, session, "")
    if session is not None:
        visit.csrf = session.csrf
    else:
        visit.csrf = request.cookies.get(cookie_name(CSRF_COOKIE, secure), "")
        if len(visit.csrf) < 32:
            visit.csrf = secrets.token_urlsafe(32)
            visit.cookies[CSRF_COOKIE] = visit.csrf
        if token:  # a stale session cookie: drop it
            visit.cookies[SESSION_COOKIE] = ""
    return visit


async def _read_form(visit: Visit) -> Response | None:
    request = visit.request
    if body_too_large(request.scope):
        return too_large(visit)
    try:
        visit.form = await request.form(
            max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=visit.config.max_form_bytes
        )
    except BodyTooLarge:
        return too_large(visit)
    sent = visit.form.get("csrf")
    known_token = not visit.cookies.get(CSRF_COOKIE)  # not made just now for this request
    origin = request.headers.get("origin")
    own = f"{request.url.scheme}://{request.url.netloc}"
    if (
        not isinstance(sent, str)
        or not known_token
        or not secrets.compare_digest(sent.encode(), visit.csrf.encode())
        or (origin is not None and origin != own)
    ):
        visit.log("refused", reason="csrf")
        return visit.render(
            "error.html",
            403,
            title=visit._("The form has expired"),
            message=visit._("Go back, reload the page and try again."),
        )
    return None


def _route(request: Request) -> str:
    """The route's pattern (``/submissions/{seq}``): paths may carry secrets, patterns never."""
    route = request.scope.get("route")
    return str(getattr(route, "path", "")) or "(no route)"


def too_large(visit: Visit) -> Response:
    """The 413 page: the file (or form) is larger than the portal accepts."""
    visit.log("refused", reason="too-large")
    if visit.request.url.path not in UPLOAD_PATHS:
        return visit.render(
            "error.html",
            413,
            title=visit._("The form is too large"),
            message=visit._("Go back, reload the page and try again."),
        )
    limit = Words(visit.lang).size(visit.config.max_upload_bytes)
    message = visit._(
        "The file is larger than %(limit)s, the most the portal accepts. Split it "
        "(per year or per indicator) and upload the parts."
    ) % {"limit": limit}
    return visit.render("error.html", 413, title=visit._("The file is too large"), message=message)


FREQUENCIES = {
    "year": N_("yearly"),
    "half-year": N_("half-yearly"),
    "quarter": N_("quarterly"),
    "month": N_("monthly"),
}


class Words:
    """Numbers, dates, periods and programme texts in the page's language (for templates)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def frequency(self, frequency: str) -> str:
        """How often an indicator is reported, in words (``year``, ``quarter``)."""
        return translation_for(self.lang).gettext(FREQUENCIES.get(frequency, frequency))

    def action_state(self, state: str) -> str:
        return action_state_label(state, self.lang)

    def obs_status(self, code: str) -> str:
        """An observation status in words (P → provisional)."""
        return obs_status_label(code, self.lang)

    def number(self, value: float | None, decimals: int | None = None) -> str:
        return "–" if value is None else format_number(value, self.lang, decimals)

    def date(self, value: date | str) -> str:
        day = value if isinstance(value, date) else date.fromisoformat(value[:10])
        return format_date(day, self.lang, "medium")

    def moment(self, iso: str) -> str:
        """A UTC timestamp of the ledger: date and time."""
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        return f"{format_date(when.date(), self.lang, 'medium')} {when:%H:%M} UTC"

    def size(self, size: int) -> str:
        """A size in bytes as people read it: 25 MiB, 512 KiB."""
        if size >= 1024 * 1024:
            return f"{format_number(round(size / (1024 * 1024), 1), self.lang)} MiB"
        return f"{format_number(max(1, size // 1024), self.lang)} KiB"

    def period(self, label: str) -> str:
        return format_period(label, self.lang)

    def text(self, value: object) -> str:
        return local_text(value, self.lang)

    def problem(self, problem: Problem) -> str:
        """What is wrong with an uploaded file, in the page's language (the message forms of
        :mod:`kpitrack.i18n.problems`; English where none fits)."""
        return problem_message(problem.message, self.lang)
