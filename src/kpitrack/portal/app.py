"""The portal's ASGI application: routes, each with its access rule, and the error pages.

Every route's endpoint is wrapped by :func:`kpitrack.portal.web.page`, which records its access
rule on it (``endpoint.access``); a test checks that no route is left without one.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from kpitrack.accounts.audit import audit
from kpitrack.accounts.passwords import verify_password
from kpitrack.portal import auth, expected, office, partner, people, review, submissions
from kpitrack.portal.checkout import Checkout
from kpitrack.portal.config import PortalConfig
from kpitrack.portal.limits import Guard
from kpitrack.portal.pages import STATIC, Pages
from kpitrack.portal.web import Visit, not_found, page

STATIC_FILES = {"portal.css": "text/css", "favicon.svg": "image/svg+xml"}


@page("person")
async def home(visit: Visit) -> Response:
    return visit.redirect("/office" if visit.person.is_office else "/partner")


@page("public")
async def missing(visit: Visit) -> Response:
    return not_found(visit)


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_FILES:  # a fixed list: no path from the URL reaches the file system
        return await missing(request)
    return FileResponse(
        STATIC / name, media_type=STATIC_FILES[name], headers={"cache-control": "max-age=3600"}
    )


static.access = "public"  # type: ignore[attr-defined]

ROUTES = [
    Route("/", home),
    Route("/login", auth.login_form, methods=["GET"]),
    Route("/login", auth.login, methods=["POST"]),
    Route("/logout", auth.logout, methods=["POST"]),
    Route("/invite/{token}", auth.invitation_form, methods=["GET"]),
    Route("/invite/{token}", auth.accept_invitation, methods=["POST"]),
    Route("/language", auth.choose_language, methods=["POST"]),
    Route("/partner", partner.dashboard),
    Route("/template", partner.template),
    Route("/upload", partner.upload, methods=["POST"]),
    Route("/due", expected.still_due),
    Route("/due.{fmt}", expected.due_file),
    Route("/submissions", submissions.history),
    Route("/submissions/{seq}", submissions.submission),
    Route("/submissions/{seq}/file", submissions.received_file),
    Route("/submissions/{seq}/review", review.decide, methods=["POST"]),
    Route("/office", office.overview),
    Route("/review", review.queue),
    Route("/expected", expected.overview),
    Route("/partners/{partner}", expected.partner_page),
    Route("/people", people.people),
    Route("/people/{person}/{action}", people.act, methods=["POST"]),
    Route("/static/{name}", static),
]


def create_app(config: PortalConfig) -> Guard:
    """The portal for one workspace; raises when the workspace's definitions do not load."""
    checkout = Checkout(config.root)
    checkout.workspace()  # fail at start, with the problems, rather than at the first request
    verify_password(None, "")  # the dummy hash: the first unknown login is not faster
    app = Starlette(
        routes=ROUTES,
        exception_handlers={HTTPException: _http_error, Exception: _server_error},
    )
    app.state.config = config
    app.state.checkout = checkout
    app.state.pages = Pages()
    return Guard(app, config)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return await missing(request)
    return HTMLResponse(_plain(exc.status_code), status_code=exc.status_code)


async def _server_error(request: Request, exc: Exception) -> Response:
    config: PortalConfig = request.app.state.config
    audit(config.root, "error", route=request.url.path.split("/")[1][:40], error=type(exc).__name__)
    return HTMLResponse(_plain(500), status_code=500)


def _plain(status: int) -> str:
    # Error pages that cannot rely on anything having worked: no words to translate, no session.
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status}</title>'
        f'<link rel="stylesheet" href="/static/portal.css"></head><body><main>'
        f'<h1>{status}</h1><p><a href="/">kpitrack</a></p></main></body></html>'
    )
