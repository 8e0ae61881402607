"""A solved plan kept as JSON (`--save PLAN.json`) and read back for
`planner render`: the result object exactly as the renderers see it, with
the fingerprint of the inputs it was solved from.

The encoding is typed and closed: dataclasses of the `planner` package
only (a domain model, planner.models, is rebuilt from its stored fields without
re-validation: its values are already the engine's), tuples, lists, dicts
(as pairs, any key), sets, dates, a ledger (its policy and lines) and plain
values. Nothing else is read
back, and no code runs from the file. Equal objects give equal bytes in
every format, so a rendered saved plan is byte for byte what the solving
run wrote.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
from fractions import Fraction
from typing import Any

from ..errors import PlannerError
from ..i18n import t
from ..ledger import Ledger
from ..models.base import Frozen, field_names, rebuilt
from ..shortfall import Shortfall, Why

FORMAT = "planner-plan"
VERSION = 1
SKIP = {"problem"}          # fields that only serve the solve (UnitPlan.problem): not kept
# wall-clock measurements are not part of a plan: not kept (read back as their defaults), so
# the same solve saves the same bytes
WALL = {"seconds", "first_feasible", "solve_seconds", "build_seconds"}


def _name(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def encode(value: Any):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"s": sorted((encode(v) for v in value), key=json.dumps), "f": isinstance(value, frozenset)}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, Fraction):
        return {"q": [value.numerator, value.denominator]}
    if isinstance(value, dict) and type(value) is dict:
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, Ledger):                       # the records' ledger a result carries
        return {"L": [encode(value.policy), encode(value.lines)]}
    if isinstance(value, Frozen):                       # a domain model (planner.models)
        return {"p": _name(value), "v": {name: encode(getattr(value, name)) for name in field_names(type(value))}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)
                  if f.init and f.name not in SKIP
                  and not (f.name in WALL and f.default is not dataclasses.MISSING)}
        return {"c": _name(value), "v": fields}
    raise PlannerError(t("errors.saved.cannot_hold", kind=_name(value)))


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
