"""`/people/<ID>`: the audit and the current plan with the year bars, what-if
(pin or exclude an offering, change the horizon) re-solved in place, a record
added, and the downloads."""
from __future__ import annotations

from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from . import domain, records
from .security import valid_id
from .store import file_hash
from .views import lang_of, lookup, not_found, page, posted, problem, redirect

HORIZON = 6                                   # years a plan may reach beyond the first
DOWNLOADS = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
             "ics": "text/calendar; charset=utf-8", "json": "application/json"}
PLAN_SECONDS = 10.0
PIN_CHOICES = 60                              # the nearest alternatives offered to pin


@dataclass(frozen=True)
class WhatIf:
    """The what-if of a person page: it travels in the query string."""
    through: int | None = None
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    robust: bool = False                      # the plan survives the loss of any one pending or dated item
    problems: tuple[str, ...] = field(default=(), compare=False)

    def params(self) -> list[tuple[str, str]]:
        out = [("through", str(self.through))] if self.through else []
        out += [("robust", "1")] if self.robust else []
        return out + [("require", i) for i in self.require] + [("exclude", i) for i in self.exclude]


def read_whatif(pairs, store) -> WhatIf:
    """The what-if from query or form pairs; unknown ids and years are dropped and named."""
    first = store.today().year
    through, require, exclude, problems = None, [], [], []
    robust = any(key == "robust" and value == "1" for key, value in pairs)
    for key, value in pairs:
        if key == "through" and value:
            if value.isdigit() and first <= int(value) < first + HORIZON:
                through = int(value)
            else:
                problems.append(("through", value[:16]))
        elif key in ("require", "exclude") and value:
            if valid_id(value) and store.catalog.get(value) is not None:
                target = require if key == "require" else exclude
                if value not in require + exclude:
                    target.append(value)
            else:
                problems.append((key, value[:64]))
    return WhatIf(through, tuple(require), tuple(exclude), robust, tuple(problems))


def solve(store, pid: str, person, digest: str, what: WhatIf):
    """The person's plan for this what-if, cached by the file's content hash."""
    today = store.today()
    years = domain.default_years(store.policy, today, None, what.through)
    key = (pid, digest, years, what.require, what.exclude, what.robust, today)
    return store.cached_plan(key, lambda: domain.plan(
        person, store.policy, store.catalog.offerings, today=today, years=years,
        require=what.require, exclude=what.exclude, time_limit=PLAN_SECONDS, robust=what.robust))


_person_file = lookup("pid", "files")


def build_context(store, pf, what: WhatIf, lang: str) -> dict:
    """Everything the person page shows (run in a worker thread)."""
    person = pf.person
    today = store.today()
    digest = file_hash(pf.path)
    audited = domain.audit(person, store.policy, None, today)
    standing = next(s for s in audited.years if s.year == today.year)
    verdict = domain.verdict(standing, audited.ledger.cycle(today.year), today).word
    plan_error = None
    try:
        planned = solve(store, person.id, person, digest, what)
    except domain.PlannerError as err:
        plan_error, planned = err.message, solve(store, person.id, person, digest, WhatIf(what.through,
                                                                                           robust=what.robust))
    pins = [x for x in planned.rejected if x.plannable][:PIN_CHOICES]
    return dict(person=person, a=audited, r=planned, ap=domain.audit_page(audited, lang),
                rp=domain.plan_page(planned, lang), verdict=verdict, what=what, plan_error=plan_error,
                pins=pins, horizon=range(today.year, today.year + HORIZON), digest=digest,
                policy=store.policy)


async def person_page(request: Request, form=None, status: int = 200):
    store = request.app.state.store
    pf, pid = _person_file(request)
    if pf is None:
        return not_found(request, "person", pid)
    what = read_whatif(request.query_params.multi_items(), store)
    ctx = await run_in_threadpool(build_context, store, pf, what, lang_of(request))
    route = request.query_params.get("route", "")
    add = records.form_state(store.policy, route if form is None else form.route, form, lang_of(request))
    return page(request, "person.html.j2", status=status, add=add,
                added=request.query_params.get("added"), **ctx)


@posted("person", _person_file)
async def whatif(request: Request, pf, pid: str, form):
    """POST: the what-if form; answers with a redirect to the page that shows it."""
    store = request.app.state.store
    pairs = [(k, v) for k, v in form.multi_items() if k in ("through", "require", "exclude", "robust")]
    drop = form.get("drop")
    if form.get("pin"):
        pairs.append(("require", form["pin"]))
    if form.get("leave_out"):
        pairs.append(("exclude", form["leave_out"]))
    if form.get("reset"):
        pairs = [p for p in pairs if p[0] == "through"]
    what = read_whatif([p for p in pairs if p[1] != drop], store)
    return redirect(request, f"/people/{pid}", what.params())


async def download(request: Request):
    """GET /people/<ID>/<audit|plan>.<html|md|ics|json>, for the what-if in the query."""
    store = request.app.state.store
    pf, pid = _person_file(request)
    kind, fmt = request.path_params["kind"], request.path_params["fmt"]
    if pf is None:
        return not_found(request, "person", pid)
    if kind not in ("audit", "plan") or fmt not in DOWNLOADS:
        return not_found(request, "download", f"{kind}.{fmt}")
    lang = lang_of(request)
    what = read_whatif(request.query_params.multi_items(), store)

    def render():
        if kind == "audit":
            result = domain.audit(pf.person, store.policy, None, store.today())
            return domain.render_audit(result, fmt, lang)
        return domain.render_plan(solve(store, pid, pf.person, file_hash(pf.path), what), fmt, lang)
    try:
        body = await run_in_threadpool(render)
    except domain.PlannerError as err:
        return problem(request, err.message)
    name = f"{pid}-{kind}.{fmt}"
    return Response(body, media_type=DOWNLOADS[fmt],
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@posted("person", _person_file)
async def add_record(request: Request, pf, pid: str, data):
    """POST: one record added as `record add` does; errors shown at the field."""
    store = request.app.state.store
    lang = lang_of(request)
    form = records.RecordForm.read(data, store.policy)
    who = request.session.get("user") or request.app.state.local_user
    outcome = await run_in_threadpool(records.add, store, pf, form, who, lang)
    if outcome.ok:
        params = [("added", str(outcome.index))] + read_whatif(request.query_params.multi_items(), store).params()
        return redirect(request, f"/people/{pid}", params)
    return await person_page(request, form=form.with_error(outcome), status=outcome.status)
