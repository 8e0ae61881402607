"""The login for a server on a non-loopback host: a password file of argon2
hashes (one per line, made by `planner serve --hash-password`), a signed
session cookie (HttpOnly, SameSite=Lax) naming who logged in."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from . import domain
from ..i18n import t
from .views import csrf_refused, lang_of, page, words

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def read_password_file(path: Path) -> tuple[str, ...]:
    """The hashes of a password file; bad input names the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise domain.PlannerError(t("errors.cannot_read", problem=err.strerror), file=str(path)) from None
    hashes = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith("$argon2"):
            raise domain.PlannerError(t("errors.web.not_a_hash"),
                                      file=str(path), line=number)
        hashes.append(line)
    if not hashes:
        raise domain.PlannerError(t("errors.web.no_hash"),
                                  file=str(path))
    return tuple(hashes)


def verify(hashes, password: str) -> bool:
    for known in hashes:
        try:
            if _hasher.verify(known, password):
                return True
        except (VerificationError, InvalidHashError):
            continue
    return False


def _safe_next(target: str) -> str:
    """Only a path on this server (never another site)."""
    parsed = urlparse(target or "/")
    if parsed.scheme or parsed.netloc or not (parsed.path or "/").startswith("/") or target.startswith("//"):
        return "/"
    return target or "/"


def login_form(request, error=None, status=200):
    return page(request, "login.html.j2", status=status, error=error,
                next=_safe_next(request.query_params.get("next", "/")))


async def login(request):
    if request.method == "GET":
        return login_form(request)
    form = await request.form()
    w = words(lang_of(request))
    if (refused := csrf_refused(request, form)) is not None:
        return refused
    name = str(form.get("name", "")).strip()[:40]
    password = str(form.get("password", ""))[:200]
    if not name or not verify(request.app.state.config.passwords, password):
        return login_form(request, w.login_failed, 401)
    request.session.clear()
    request.session["user"] = name
    from starlette.responses import RedirectResponse
    return RedirectResponse(_safe_next(str(form.get("next", "/"))), status_code=303)


async def logout(request):
    form = await request.form()
    if (refused := csrf_refused(request, form)) is not None:
        return refused
    request.session.clear()
    from starlette.responses import RedirectResponse
    return RedirectResponse("/login", status_code=303)
