"""Reading a plan saved earlier (`--since PLAN.json`): the JSON of
`suggest --format json` or `unit --format json`, or a `--save` file that
holds such a plan. Only `selected` (with its `id`s) is needed, per person
under `people` for a unit; `effort_hours` and `fee` beside it (`cost` for a
unit) give the change's delta."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from . import tenths as q
from .errors import PlannerError
from .i18n import t
from .yamlio import read_text

@dataclass(frozen=True)
class Previous:
    """What a plan saved earlier chose."""
    ids: tuple[str, ...]
    effort: Optional[int] = None     # minutes, when the file gives it
    fee: Optional[int] = None        # fen, when the file gives it
    source: str = ""


MAX_DEPTH = 3        # how deep a saved file may keep the plan ({"plan": {"selected": ...}})


def _find_plan(data, key: str = "selected", kind=list) -> Optional[dict]:
    """The first mapping holding a `key` list (a `people` mapping for a unit),
    breadth first, in key order (a --save file keeps the plan's JSON under `plan`)."""
    level = [data]
    for _ in range(MAX_DEPTH + 1):
        for node in level:
            if isinstance(node, dict) and isinstance(node.get(key), kind):
                return node
        level = [v for node in level if isinstance(node, dict) for v in node.values() if isinstance(v, dict)]
    return None


def _number(plan: dict, key: str, convert, shown: str):
    value = plan.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PlannerError(t("errors.number", value=repr(value)), file=shown, field=key)
    try:
        return convert(value)
    except ValueError as err:
        raise PlannerError(str(err), file=shown, field=key) from None


def _load(path: Path, shown: str):
    text, _ = read_text(Path(path), shown)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        line = getattr(err, "lineno", None)
        raise PlannerError(t("errors.previous_not_json"), file=shown, line=line) from None
    return data


def _exact(data, *keys) -> Optional[tuple[int, ...]]:
    """A --save file's exact figures (minutes, fen) from its typed result, or
    None (the JSON's figures are rounded to a tenth of an hour, a fen)."""
    result = data.get("result") if isinstance(data, dict) and data.get("format") == "planner-plan" else None
    values = result.get("v") if isinstance(result, dict) else None
    if not isinstance(values, dict):
        return None
    out = tuple(values.get(k) for k in keys)
    return out if all(isinstance(v, int) and not isinstance(v, bool) for v in out) else None


def read_previous(path: Path, shown: Optional[str] = None) -> Previous:
    shown = shown or str(path)
    data = _load(path, shown)
    plan = _find_plan(data)
    if plan is None:
        raise PlannerError(t("errors.previous_no_selected"), file=shown, field="selected")
    previous = _previous(plan, shown, "")
    exact = _exact(data, "effort", "fee")
    return previous if exact is None else Previous(previous.ids, exact[0], exact[1], shown)


def _previous(plan: dict, shown: str, where: str, fee: str = "fee") -> Previous:
    ids = []
    for k, entry in enumerate(plan["selected"]):
        oid = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(oid, (str, int)) or isinstance(oid, bool):
            raise PlannerError(t("errors.previous_no_id"), file=shown, field=f"{where}selected[{k}].id")
        ids.append(str(oid))
    return Previous(tuple(dict.fromkeys(ids)), _number(plan, "effort_hours", q.to_minutes, shown),
                    _number(plan, fee, q.to_fen, shown), shown)


@dataclass(frozen=True)
class PreviousUnit:
    """What a unit plan saved earlier chose, person by person."""
    people: dict                     # person id -> Previous (its effort and fee)
    effort: Optional[int] = None     # minutes, the whole unit
    cost: Optional[int] = None       # fen: fees + held trainings
    source: str = ""


def read_previous_unit(path: Path, shown: Optional[str] = None) -> PreviousUnit:
    """A unit plan: `unit --format json`, or a `unit --save` file."""
    shown = shown or str(path)
    data = _load(path, shown)
    plan = _find_plan(data, "people", dict)
    if plan is None:
        raise PlannerError(t("errors.since_no_people"), file=shown, field="people")
    people = {}
    for pid, entry in plan["people"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("selected"), list):
            raise PlannerError(t("errors.since_no_people"), file=shown, field=f"people.{pid}.selected")
        people[str(pid)] = _previous(entry, shown, f"people.{pid}.")
    exact = _exact(data, "effort", "fees", "training_cost")
    if exact is not None:
        return PreviousUnit(people, exact[0], exact[1] + exact[2], shown)
    return PreviousUnit(people, _number(plan, "effort_hours", q.to_minutes, shown),
                        _number(plan, "cost", q.to_fen, shown), shown)
