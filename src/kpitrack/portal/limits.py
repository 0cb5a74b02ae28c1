"""Request bodies are limited before they are read, and every response carries security headers.

:class:`Guard` wraps the whole application (ASGI). A body announced larger than its limit is
never read: the endpoint sees an empty body and a flag, and answers 413 in the person's
language. A body without a length (chunked) is counted as it arrives and stops at the limit.
Uploads (``POST /upload``) may be :attr:`PortalConfig.max_upload_bytes` plus the form around the
file (the upload page then checks the file's own size); any other body
:attr:`PortalConfig.max_form_bytes`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kpitrack.portal.config import PortalConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATHS = frozenset({"/upload"})
TOO_LARGE_FLAG = "kpitrack.body_too_large"
FORM_OVERHEAD = 16 * 1024  # multipart boundaries and the other fields of the upload form

# No script at all, styles from our own file, nothing framed, forms only to ourselves.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own forms.
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000")


class BodyTooLarge(Exception):
    """A body without a length went past its limit while it was read."""


def body_too_large(scope: Scope) -> bool:
    """True when the request announced a body larger than its limit (and it was not read)."""
    return bool(scope.get(TOO_LARGE_FLAG))


class Guard:
    """ASGI middleware: body limits before reading, security headers on every response."""

    def __init__(self, app: App, config: PortalConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = (
            self.config.max_upload_bytes + FORM_OVERHEAD
            if scope["path"] in UPLOAD_PATHS
            else self.config.max_form_bytes
        )
        announced = _content_length(scope)
        if announced is not None and announced > limit:
            scope[TOO_LARGE_FLAG] = True
            receive = _empty_body
        else:
            receive = _counted(receive, limit)
        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in HEADERS if h[0] not in names]
                if secure:
                    headers.append(HSTS)
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    # Pages show a partner's own data: no copy kept by browsers or proxies.
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _empty_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def _counted(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def counted() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(f"body passed {limit} bytes")
        return message

    return counted
