"""The server's guards, each one small and tested on its own: security
headers, the CSRF token, ids from requests, the login wall."""
from __future__ import annotations

import hmac
import re
import secrets

from starlette.responses import PlainTextResponse, RedirectResponse

# no inline script anywhere (no <script> body, no on* handler); styles come
# from /static as well, so neither needs 'unsafe-inline'
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

# a person, unit or offering id as a request may name it: never a path
ID = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff-]{0,63}$")
JOB_ID = re.compile(r"^[a-f0-9]{16,64}$")
OPEN_PATHS = ("/healthz", "/login", "/static/")


def valid_id(value: str) -> bool:
    return bool(ID.match(value or ""))


class SecurityHeaders:
    """Pure ASGI middleware: every response carries the headers above."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [h for h in HEADERS if h[0] not in names]
            await send(message)
        await self.app(scope, receive, sending)


def csrf_token(session: dict) -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(24)
    return token


def csrf_ok(session: dict, given) -> bool:
    expected = session.get("csrf")
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


class LoginWall:
    """With a password file every page but the open ones needs a login.
    Runs inside the session middleware (reads scope['session'])."""

    def __init__(self, app, required: bool):
        self.app = app
        self.required = required

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.required:
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if scope.get("session", {}).get("user") or path.startswith(OPEN_PATHS):
            return await self.app(scope, receive, send)
        if scope.get("method") in ("GET", "HEAD"):
            query = scope.get("query_string", b"").decode("latin-1")
            target = path + (f"?{query}" if query else "")
            from urllib.parse import quote
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        else:
            from . import domain
            lang = "en" if "lang=en" in scope.get("query_string", b"").decode("latin-1") else "zh"
            response = PlainTextResponse(domain.messages(lang).web.login_required, status_code=401)
        await response(scope, receive, send)


class BodyLimit:
    """A request body larger than its limit is refused (413) before it is
    read: by Content-Length, and by counting what actually arrives."""

    def __init__(self, app, default: int, larger: dict[str, int]):
        self.app = app
        self.default = default
        self.larger = larger             # path prefix -> its limit (uploads)

    def limit(self, path: str) -> int:
        return next((n for prefix, n in self.larger.items() if path.startswith(prefix)), self.default)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        limit = self.limit(scope.get("path", ""))
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _too_large(scope, receive, send, limit)
        seen = 0

        async def counting():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit)
            return message
        try:
            await self.app(scope, counting, send)
        except TooLarge:
            await _too_large(scope, receive, send, limit)


class TooLarge(Exception):
    pass


async def _too_large(scope, receive, send, limit: int):
    from . import domain
    query = scope.get("query_string", b"").decode("latin-1")
    lang = "en" if "lang=en" in query else "zh"
    text = domain.messages(lang).web.too_large.format(mb=f"{limit / 1024 / 1024:.1f}")
    await PlainTextResponse(text, status_code=413)(scope, receive, send)
