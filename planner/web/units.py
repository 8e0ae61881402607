"""`/units/<ID>`: the cohort view, a unit plan started as a background job,
its live progress (elapsed, best effort, bound, gap), Stop, the result and
its downloads (xlsx, html, ics, json)."""
from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import domain
from .jobs import RUNNING, Busy
from .security import JOB_ID
from .views import lang_of, lookup, not_found, page, posted, problem, redirect, words

MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "html": "text/html; charset=utf-8", "ics": "text/calendar; charset=utf-8",
         "json": "application/json"}


_unit = lookup("uid", "units")


def _year(request: Request, store, value) -> int:
    today = store.today()
    text = str(value or "")
    if text.isdigit() and store.policy.first_year <= int(text) <= today.year + 3:
        return int(text)
    return today.year + 1 if today.month >= 10 else today.year


def progress_view(job) -> dict | None:
    """What the progress box shows: numbers as the planner reported them."""
    if job is None:
        return None
    p = job.progress
    effort, bound = p.get("effort_hours"), p.get("bound_hours")
    gap = p.get("gap")
    if gap is None and effort and bound is not None:
        gap = max(0.0, (effort - bound) / effort)
    return {"id": job.id, "state": job.state, "stage": p.get("stage", ""), "elapsed": round(job.elapsed(), 1),
            "effort": effort, "bound": bound, "gap": gap, "year": job.year, "error": job.error,
            "summary": job.summary, "files": sorted(job.files), "stopping": job.stop_asked is not None,
            "short": p.get("short_hours")}


def unit_page(request: Request):
    store = request.app.state.store
    unit, uid = _unit(request)
    if unit is None:
        return not_found(request, "unit", uid)
    ws = store.workspace()
    year = _year(request, store, request.query_params.get("year"))
    cohort_year = store.today().year
    view = domain.cohort(unit, ws.staff(uid), store.policy, cohort_year, store.today())
    job = request.app.state.jobs.latest(uid)
    return page(request, "unit.html.j2", unit=unit, cohort=view, year=year, policy=store.policy,
                job=progress_view(job), running=job is not None and job.state == RUNNING,
                years=range(store.today().year, store.today().year + 3))


@posted("unit", _unit)
async def start(request: Request, unit, uid: str, form):
    store = request.app.state.store
    lang = lang_of(request)
    if not store.workspace().staff(uid):
        return problem(request, words(lang).no_staff.format(unit=uid))
    year = _year(request, store, form.get("year"))
    config = store.config
    spec = {"data": str(config.data), "catalog": str(config.catalog), "policy": config.policy,
            "unit": uid, "year": year, "today": store.today().isoformat(), "lang": lang,
            "time_limit": min(config.unit_time_limit, config.limits.job_seconds * 0.8)}
    try:
        request.app.state.jobs.start(uid, year, spec)
    except Busy as busy:
        w = words(lang)
        return problem(request, w.busy_unit if str(busy) == uid else w.busy_all, 409)
    return redirect(request, f"/units/{uid}", {"year": year})


@posted("unit", _unit)
async def stop(request: Request, unit, uid: str, form):
    request.app.state.jobs.stop(uid)
    return redirect(request, f"/units/{uid}")


def progress_json(request: Request):
    unit, uid = _unit(request)
    if unit is None:
        return JSONResponse({"error": "unknown unit"}, status_code=404)
    view = progress_view(request.app.state.jobs.latest(uid)) or {"state": "none"}
    view.pop("summary", None)
    return JSONResponse(view)


def download(request: Request):
    unit, uid = _unit(request)
    job_id, name = request.path_params["job"], request.path_params["name"]
    if unit is None:
        return not_found(request, "unit", uid)
    job = request.app.state.jobs.latest(uid)
    stem, _, fmt = name.rpartition(".")
    if (job is None or not JOB_ID.match(job_id) or job.id != job_id or fmt not in job.files
            or stem != f"{uid}-{job.year}"):
        return not_found(request, "download", name[:64])
    return Response(job.files[fmt], media_type=MEDIA[fmt],
                    headers={"content-disposition": f'attachment; filename="{uid}-{job.year}.{fmt}"'})
