"""A solved plan kept as JSON (`--save PLAN.json`) and read back for
`planner render`: the result object exactly as the renderers see it, with
the fingerprint of the inputs it was solved from.

The encoding is typed and closed: dataclasses of the `planner` package
only (a domain model, planner.models, is rebuilt from its stored fields without
re-validation: its values are already the engine's), tuples, lists, dicts
(as pairs, any key), sets, dates, a ledger (its policy and lines) and plain
values; a dataclass's field that holds its plain default (None, 0, "", (),
False) is left out and filled back when read. Nothing else is read
back, and no code runs from the file. Equal objects give equal bytes in
every format, so a rendered saved plan is byte for byte what the solving
run wrote.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import operator
from fractions import Fraction
from typing import Any, Callable

from ..errors import PlannerError
from ..i18n import t
from ..ledger import Ledger
from ..models.base import Frozen, field_names, plain_defaults, rebuilt
from ..shortfall import Shortfall, Why

FORMAT = "planner-plan"
VERSION = 1
SKIP = {"problem"}          # fields that only serve the solve (UnitPlan.problem): not kept
# wall-clock measurements are not part of a plan: not kept (read back as their defaults), so
# the same solve saves the same bytes
WALL = {"seconds", "first_feasible", "solve_seconds", "build_seconds"}


def _name(obj) -> str:
    return _qualified(type(obj))


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def encode(value: Any):
    """The value in the saved form. The form of a value depends on its type
    only, so each type's encoder is chosen once (`_encoder_of`) and kept."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _encoder_of(kind)
    return encoder(value)


_PLAIN = frozenset({type(None), bool, int, float, str})
_ENCODERS: dict[type, Callable[[Any], Any]] = {}


_NONE = object()          # "this field has no plain default": no value is of its type


def _fields(kind: type, names: tuple[str, ...], defaults: dict, tag: str) -> Callable[[Any], dict]:
    """The encoder of a dataclass: its class's name under `tag`, and the named
    fields but those that hold their plain default (equal and of the same
    type: read back, the class fills them in again)."""
    name = _qualified(kind)
    if not names:
        return lambda value: {tag: name, "v": {}}
    checks = tuple((n, defaults.get(n, _NONE)) for n in names)
    get = operator.attrgetter(*names) if len(names) > 1 else (lambda value: (getattr(value, names[0]),))
    plain = _PLAIN                                      # most fields hold a plain value: no call for those
    return lambda value: {tag: name, "v": {n: v if type(v) in plain else encode(v)
                                           for (n, d), v in zip(checks, get(value))
                                           if not (type(v) is type(d) and v == d)}}


def _encoder_of(kind: type) -> Callable[[Any], Any]:
    """How a value of type `kind` is saved; a type nothing here holds raises
    when a value of it is met."""
    if issubclass(kind, (bool, int, float, str)) or kind is type(None):
        return lambda value: value
    if issubclass(kind, tuple):
        return lambda value: {"t": [v if type(v) in _PLAIN else encode(v) for v in value]}
    if issubclass(kind, list):
        return lambda value: [v if type(v) in _PLAIN else encode(v) for v in value]
    if issubclass(kind, (set, frozenset)):
        frozen = issubclass(kind, frozenset)
        return lambda value: {"s": sorted(map(encode, value), key=json.dumps), "f": frozen}
    if issubclass(kind, dt.date):
        return lambda value: {"d": value.isoformat()}
    if issubclass(kind, Fraction):
        return lambda value: {"q": [value.numerator, value.denominator]}
    if kind is dict:
        return lambda value: {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if issubclass(kind, Ledger):                        # the records' ledger a result carries
        return lambda value: {"L": [encode(value.policy), encode(value.lines)]}
    if issubclass(kind, Frozen):                        # a domain model (planner.models)
        return _fields(kind, field_names(kind), plain_defaults(kind), "p")
    if dataclasses.is_dataclass(kind) and not issubclass(kind, type):
        names = tuple(f.name for f in dataclasses.fields(kind)
                      if f.init and f.name not in SKIP
                      and not (f.name in WALL and f.default is not dataclasses.MISSING))
        return _fields(kind, names, plain_defaults(kind), "c")

    def cannot(value):
        raise PlannerError(t("errors.saved.cannot_hold", kind=_name(value)))
    return cannot


# types that moved since plans were first saved: old name -> where it lives now
MOVED = {f"planner.models.{name}": f"planner.models.{module}.{name}" for module, names in (
    ("policy", ("Category", "Target", "CycleRule", "RouteClass", "Named", "Platform", "Specialty",
                "EffortRule", "Rate", "CreditRule", "Eligibility", "Route", "RegistrationRule", "Policy")),
    ("activity", ("Activity", "Record", "Offering")),
    ("person", ("DateRange", "Person", "UnitTraining", "Unit"))) for name in names}


def _why_of_unmet(v: dict):
    kind = "capacity" if v["capacity"] < v["required"] else ("conflict" if v.get("core") else "traded")
    return Why(kind, v["capacity"], 0, v["reason"], v["reason_en"], tuple(v.get("core", ())))


# the five types of "a target left short" that are now one (planner.shortfall): old name -> its fields
# as a Shortfall
MERGED = {
    "planner.ledger.TargetResult": lambda v: Shortfall(v["key"], v["value"], v["required"]),
    "planner.plan.result.Unmet": lambda v: Shortfall(v["target"], v["value"], v["required"], v["period"],
                                                     v["article"], v["text"], v["text_en"], _why_of_unmet(v)),
    "planner.unit.result.Short": lambda v: Shortfall(v["target"], v["value"], v["required"], text=v["text"],
                                                     text_en=v["text_en"], why=Why(v["why"])),
    "planner.unit.explain.ShortWhy": lambda v: Shortfall(v["target"], v["value"], v["required"], article=v["article"],
                                                         why=Why(v["kind"], v["capacity"], v["existing"], v["text"],
                                                                 v["text_en"], limits=v["limits"])),
}


def _class(name: str):
    name = MOVED.get(name, name)
    module, _, qual = name.rpartition(".")
    if not module.startswith("planner.") or "." in qual:
        raise PlannerError(t("errors.saved.unknown_type", name=repr(name)))
    cls = getattr(importlib.import_module(module), qual, None)
    if cls is None or not dataclasses.is_dataclass(cls):
        raise PlannerError(t("errors.saved.unknown_type", name=repr(name)))
    return cls


def decode(data):
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or len(data) > 2:
        raise PlannerError(t("errors.saved.unknown_form"))
    if "t" in data:
        return tuple(decode(v) for v in data["t"])
    if "s" in data:
        items = [decode(v) for v in data["s"]]
        return frozenset(items) if data.get("f") else set(items)
    if "d" in data:
        return dt.date.fromisoformat(data["d"])
    if "q" in data:
        return Fraction(*data["q"])
    if "m" in data:
        return {decode(k): decode(v) for k, v in data["m"]}
    if "L" in data:
        policy, lines = (decode(v) for v in data["L"])
        return Ledger(policy, lines)
    if "c" in data:
        fields = {k: decode(v) for k, v in data["v"].items()}
        if data["c"] in MERGED:
            return MERGED[data["c"]](fields)
        return _class(data["c"])(**fields)
    if "p" in data:
        return rebuilt(_class(data["p"]), {k: decode(v) for k, v in data["v"].items()}, fill=True)
    raise PlannerError(t("errors.saved.unknown_form"))


def dump(kind: str, result, fingerprint: dict, summary: dict) -> str:
    """The saved plan's text: what was solved, from what, the plan's JSON
    (`plan`: as `--format json` writes it, for scripts and `--since`) and
    the result itself."""
    return json.dumps({"format": FORMAT, "version": VERSION, "kind": kind, "fingerprint": fingerprint,
                       "plan": summary, "result": encode(result)},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def load(text: str, shown: str) -> tuple[str, Any, dict]:
    """(kind, result, fingerprint) of a saved plan's text; bad input names the file."""
    try:
        data = json.loads(text)
    except ValueError as err:
        raise PlannerError(t("errors.saved.not_json", problem=str(err)), file=shown) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlannerError(t("errors.saved.not_saved"), file=shown)
    if data.get("version") != VERSION:
        raise PlannerError(t("errors.saved.other_version", version=data.get("version")), file=shown)
    try:
        result = decode(data["result"])
    except (KeyError, TypeError, ValueError) as err:
        raise PlannerError(t("errors.saved.damaged", problem=f"{type(err).__name__}: {err}"), file=shown) from None
    return data["kind"], result, data.get("fingerprint", {})
