"""Adding a record from the person page: the form's fields come from the
policy's route (no route knowledge here); the write is `record add`'s:
append as text, re-read the whole file as it would be, write atomically,
under the workspace's writer lock, refused when the file changed since the
page was opened, and logged."""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import vocab
from . import domain
from .store import content_hash

DATE_FIELDS = ("year", "date", "start", "end")
EXTRA_FIELDS = ("offering", "evidence", "registrar", "note")
NUMBERS = ("year", "days", "hours", "rank", "characters", "subjects", "courses")


def route_fields(policy, code: str) -> tuple[str, ...]:
    """The fields a record of this route is priced by, in the policy's words."""
    route = policy.routes[code]
    fields = list(route.required_fields())
    for rate in (route.credit.rates or {}).values():
        name = getattr(rate, "field", None)
        if name and name not in fields:
            fields.append(name)
    if route.day_rated and "days" not in fields:
        fields.append("days")
    return tuple(fields)


@dataclass(frozen=True)
class RecordForm:
    route: str
    values: dict                     # field -> text as typed
    digest: str                      # the file's content hash when the page was opened
    error_field: str | None = None
    error: str | None = None

    @classmethod
    def read(cls, data, policy) -> "RecordForm":
        route = data.get("route", "")
        route = route if route in policy.routes else ""
        names = ("title",) + DATE_FIELDS + (route_fields(policy, route) if route else ()) + EXTRA_FIELDS
        values = {n: str(data.get(n, "")).strip()[:200] for n in names if str(data.get(n, "")).strip()}
        return cls(route, values, str(data.get("digest", ""))[:64])

    def entry(self) -> dict:
        return {"route": self.route, **self.values}

    def with_error(self, outcome) -> "RecordForm":
        name = outcome.field.split(".")[-1] if outcome.field else None
        return replace(self, error_field=name, error=outcome.message)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int = 200
    index: int | None = None
    field: str | None = None
    message: str | None = None


def choices(policy, route: str, name: str, lang: str):
    """(code, words) for a field with a closed set of values, else None."""
    if name in ("title",) + DATE_FIELDS + EXTRA_FIELDS:
        return None
    codes = policy.routes[route].allowed_values(name) or tuple(vocab.vocabulary(policy, route, name))
    return [(c, vocab.shown(policy, route, name, c, lang)) for c in codes] or None


def form_state(policy, route: str, form: RecordForm | None, lang: str = "zh") -> dict:
    """What the add-record form shows: the route's fields, the values typed, the error."""
    route = route if route in policy.routes else ""
    fields = []
    if route:
        r = policy.routes[route]
        for name in ("title",) + DATE_FIELDS + route_fields(policy, route) + EXTRA_FIELDS:
            fields.append({"name": name, "choices": choices(policy, route, name, lang), "number": name in NUMBERS,
                           "date": name in ("date", "start", "end"),
                           "value": (form.values.get(name, "") if form else ""),
                           "error": form.error if form and form.error_field == name else None,
                           "required": name == "title" or name in r.required_fields()})
    shown = {f["name"] for f in fields}
    general = form.error if form and form.error and form.error_field not in shown else None
    return {"route": route, "routes": list(policy.routes), "fields": fields, "error": general}


class Stale(Exception):
    """The file changed since the page that sends the form was opened."""


def add(store, pf, form: RecordForm, who: str, lang: str) -> Outcome:
    """Append the record as `record add` does, or say why not (at the field
    when there is one); the write and its change-log line under one lock."""
    w = domain.messages(lang).web
    if store.config.readonly:
        return Outcome(False, 403, message=w.readonly)
    if not form.route:
        return Outcome(False, 400, field="route", message=w.choose_route)

    def unchanged(raw: bytes) -> None:
        if content_hash(raw) != form.digest:
            raise Stale()
    with store.writing():
        try:
            done = domain.add_record(store.root, pf.path, pf.shown, form.entry(), store.policy, check=unchanged)
        except Stale:
            return Outcome(False, 409, message=w.stale)
        except domain.PlannerError as err:
            return Outcome(False, 400, field=err.field, message=err.message)
        store.log_change(who, pf.path, f"records[{done.index}] {done.record.route} {done.record.title}",
                         "record add")
    return Outcome(True, 303, index=done.index)
