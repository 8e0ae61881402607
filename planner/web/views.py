"""Pages from the reports' Jinja environment (templates/web/*.html.j2 beside
the report templates, the same message catalogues): Chinese first, ?lang=en."""
from __future__ import annotations

import functools
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from . import domain
from .security import csrf_ok, csrf_token, valid_id


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang", "zh")
    return lang if lang in domain.LANGS else "zh"


def href(lang: str, path: str, params=()) -> str:
    """A link inside the app that keeps the language; `params` a dict or pairs."""
    pairs = list(params.items()) if isinstance(params, dict) else list(params)
    pairs = [(k, v) for k, v in pairs if v not in (None, "")]
    if lang != "zh":
        pairs.append(("lang", lang))
    return path + ("?" + urlencode(pairs) if pairs else "")


def words(lang: str):
    return domain.messages(lang).web


def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    lang = lang_of(request)
    env = domain.environment(lang)
    state = request.app.state
    token = csrf_token(request.session)
    context.setdefault("title", words(lang).title)
    html = env.get_template(f"web/{template}").render(
        w=words(lang), href=lambda path, params=(): href(lang, path, params),
        csrf=Markup(f'<input type="hidden" name="csrf" value="{token}">'),
        user=request.session.get("user"), readonly=state.config.readonly,
        other_lang=href("en" if lang == "zh" else "zh", request.url.path,
                        [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]),
        **context)
    return HTMLResponse(html, status_code=status)


def redirect(request: Request, path: str, params=()) -> RedirectResponse:
    return RedirectResponse(href(lang_of(request), path, params), status_code=303)


def problem(request: Request, message: str, status: int = 400) -> HTMLResponse:
    """A page that says what went wrong, in the user's words, and links home."""
    return page(request, "problem.html.j2", status=status, message=message)


def not_found(request: Request, what: str, value: str) -> HTMLResponse:
    """404: an id that is not an id at all is said to be so (and never looked up)."""
    from .security import valid_id
    w = words(lang_of(request))
    kind = getattr(w.kinds, what)
    text = w.not_found if valid_id(value) else w.bad_id
    return problem(request, text.format(what=kind, id=value[:64]), 404)


def csrf_refused(request: Request, form) -> HTMLResponse | None:
    """The 403 answer to a POST whose CSRF token is missing or wrong; None
    when the token is good (every POST handler asks this first)."""
    if csrf_ok(request.session, form.get("csrf")):
        return None
    return problem(request, words(lang_of(request)).csrf, 403)


def lookup(param: str, table: str):
    """The finder of one workspace entry: `table` ("files": people, "units")
    at the id in the path parameter `param`; (None, id) when the id is not
    a valid one or not there."""
    def find(request: Request):
        key = request.path_params[param]
        if not valid_id(key):
            return None, key
        return getattr(request.app.state.store.workspace(), table).get(key), key
    return find


def posted(kind: str, find):
    """A POST handler on one person or unit (`find(request)` gives the thing
    and its id): it runs as handler(request, thing, id, form) once the thing
    is known (else 404) and the form's CSRF token is good (else 403)."""
    def decorate(handler):
        @functools.wraps(handler)
        async def run(request: Request):
            thing, key = find(request)
            if thing is None:
                return not_found(request, kind, key)
            form = await request.form()
            if (refused := csrf_refused(request, form)) is not None:
                return refused
            return await handler(request, thing, key, form)
        return run
    return decorate
