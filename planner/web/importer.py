"""`/import`: upload a roster, preview every row with its cell errors,
confirm to write (all files or none, refused when a file changed since the
preview), each written file in the change log. The upload waits on the
server under a random token, never under a name from the request."""
from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from . import domain, rosters, uploads
from .security import JOB_ID, valid_id
from .views import csrf_refused, lang_of, page, problem, redirect, words

KEEP_SECONDS = 3600
KEEP_UPLOADS = 20


@dataclass
class Pending:
    folder: Path
    path: Path
    name: str
    unit: str
    year: int
    originals: dict          # path -> bytes at preview (the stale check at confirm)
    when: float


def _form_defaults(request: Request) -> dict:
    store = request.app.state.store
    ws = store.workspace()
    return {"units": sorted(ws.units), "year": store.today().year, "unit": ""}


def import_page(request: Request):
    return page(request, "import.html.j2", preview=None, form=_form_defaults(request), limits=_limits(request))


def _limits(request: Request) -> dict:
    limits = request.app.state.config.limits
    return {"mb": f"{limits.upload_bytes / 1024 / 1024:.0f}", "rows": limits.rows, "sheets": limits.sheets}


def _pending(request: Request) -> dict:
    """The uploads waiting for confirmation; old ones are removed."""
    waiting = request.app.state.uploads
    now = time.monotonic()
    for token, p in list(waiting.items()):
        if now - p.when > KEEP_SECONDS or len(waiting) > KEEP_UPLOADS:
            shutil.rmtree(p.folder, ignore_errors=True)
            del waiting[token]
    return waiting


def _refused(request: Request, message: str, status: int, form: dict):
    return page(request, "import.html.j2", status=status, preview=None, error=message, form=form,
                limits=_limits(request))


async def preview(request: Request):
    store = request.app.state.store
    lang = lang_of(request)
    w = words(lang)
    form = await request.form(max_files=1, max_fields=10, max_part_size=store.config.limits.upload_bytes)
    if (refused := csrf_refused(request, form)) is not None:
        return refused
    defaults = _form_defaults(request)
    unit, year = str(form.get("unit", "")).strip()[:64], str(form.get("year", ""))
    defaults.update(unit=unit)
    if not valid_id(unit):
        return _refused(request, w.imports.bad_unit, 400, defaults)
    if not (year.isdigit() and store.policy.first_year <= int(year) <= store.today().year + 1):
        return _refused(request, w.imports.bad_year, 400, defaults)
    sent = form.get("roster")
    if sent is None or not hasattr(sent, "read"):
        return _refused(request, w.upload.missing, 400, defaults)
    data = await sent.read(store.config.limits.upload_bytes + 1)
    try:
        upload = uploads.check(sent.filename, sent.content_type, data, store.config.limits)
    except uploads.Refused as refused:
        return _refused(request, w.upload[refused.key].format(**refused.params), 413 if refused.key == "size" else 400,
                        defaults)
    folder = Path(tempfile.mkdtemp(prefix="planner-upload-"))
    path = folder / f"roster{upload.suffix}"
    path.write_bytes(upload.data)
    shown = upload.name
    result, plan = await run_in_threadpool(rosters.read, path, shown, store, unit, int(year), lang)
    token = None
    if plan is not None:
        token = secrets.token_hex(16)
        _pending(request)[token] = Pending(folder, path, shown, unit, int(year), dict(plan.originals),
                                           time.monotonic())
    else:
        shutil.rmtree(folder, ignore_errors=True)
    return page(request, "import.html.j2", status=200 if plan is not None else 400, preview=result,
                token=token, name=shown, form=defaults, limits=_limits(request))


async def confirm(request: Request):
    store = request.app.state.store
    lang = lang_of(request)
    w = words(lang)
    form = await request.form()
    if (refused := csrf_refused(request, form)) is not None:
        return refused
    if store.config.readonly:
        return problem(request, w.readonly, 403)
    token = str(form.get("token", ""))
    waiting = _pending(request)
    if not JOB_ID.match(token) or token not in waiting:
        return problem(request, w.imports.expired, 404)
    p = waiting.pop(token)
    try:
        outcome = await run_in_threadpool(_write, store, p, request.session.get("user") or request.app.state.local_user,
                                          lang)
    finally:
        shutil.rmtree(p.folder, ignore_errors=True)
    ok, text = outcome
    if not ok:
        return problem(request, text, 409)
    return redirect(request, "/", {"imported": text})


def _write(store, p: Pending, who: str, lang: str):
    """(written, message): re-planned from the same upload; refused if any
    file differs from what the preview read."""
    w = domain.messages(lang).web
    result, plan = rosters.read(p.path, p.name, store, p.unit, p.year, lang)
    if plan is None or dict(plan.originals) != p.originals:
        return False, w.imports.stale
    with store.writing():
        try:
            rosters.commit(plan, store.root, lang)
        except domain.PlannerError as err:
            return False, err.message
        for path in rosters.written(plan):
            store.log_change(who, path, f"{p.name} ({p.unit} {p.year})", "import")
    return True, f"{len(plan.created)}+{len(plan.updated)}"
