"""The words for a code: every enumerated value (specialty, platform, level,
organizer, kind, society, venue) may be written as its code, its Chinese
name, its English name or one of its short forms; all of them live in the
policy data (`aliases`), none here.

`normalise_*` turn what a user wrote into codes before the models validate
it; `shown` and `choices` turn codes back into the user's words, Chinese
names first, so no internal code shows in Chinese text.
"""
from __future__ import annotations

from typing import Any, Optional

from .i18n import t

# `policy` below is a models.policy.Policy and a word a models.policy.Named: not imported,
# since models/policy.py builds its index from here (no import back).

# the fields whose values are codes of the whole policy rather than of one route
POLICY_WIDE = {"specialty": "specialties", "specialties": "specialties", "platform": "platforms"}


def vocabulary(policy, route: Optional[str], field: str) -> dict[str, Any]:
    """The codes a field may be written as, with their words (may be empty)."""
    if field in POLICY_WIDE:
        return getattr(policy, POLICY_WIDE[field])
    spec = policy.routes.get(route) if route else None
    return spec.values.get(field, {}) if spec is not None else {}


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


def build_index(policy) -> dict[tuple, dict[str, str]]:
    """(route or None, field) -> {written form: code}; built once per policy."""
    index: dict[tuple, dict[str, str]] = {}
    for field, attr in POLICY_WIDE.items():
        index[(None, field)] = _forms(getattr(policy, attr))
    for code, route in policy.routes.items():
        for field, words in route.values.items():
            index[(code, field)] = _forms(words)
    return index


def _forms(words: dict[str, Any]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for code, named in words.items():
        for form in (code, named.name, named.name_en, *named.aliases):
            forms.setdefault(_key(form), code)
    return forms


def vocabulary_problem(policy):
    """A written form that means two codes of one field, or a named code the
    route does not take (checked when the policy loads)."""
    for (route, field), _ in build_index(policy).items():
        words = vocabulary(policy, route, field)
        seen: dict[str, str] = {}
        for code, named in words.items():
            for form in {_key(f) for f in (code, named.name, named.name_en, *named.aliases)}:
                if seen.get(form, code) != code:
                    return t("errors.vocab_both", where=f"{route or ''} {field}".strip(), form=form,
                             first=seen[form], second=code)
                seen[form] = code
        allowed = policy.routes[route].allowed_values(field) if route else None
        if allowed is not None and not set(words) <= set(allowed):
            return t("errors.vocab_not_allowed", route=route, field=field,
                     values=", ".join(sorted(set(words) - set(allowed))))
    return None


def to_code(policy, route: Optional[str], field: str, value: Any) -> Any:
    """The code a written value stands for; anything unknown stays as written."""
    if not isinstance(value, str):
        return value
    index = policy.vocab_index
    scope = None if field in POLICY_WIDE else route
    return index.get((scope, field), {}).get(_key(value), value)


def enum_fields(policy, route: str) -> tuple[str, ...]:
    spec = policy.routes[route]
    names = [spec.credit.by] if spec.credit.by else []
    names += [f for f in (*spec.fields, *spec.values) if f not in names]
    return tuple(names) + tuple(f for f in ("platform", "specialty") if f not in names)


def normalise_item(raw: Any, policy) -> Any:
    """A record or offering mapping with its enumerated values as codes."""
    if not isinstance(raw, dict) or not isinstance(raw.get("route"), str) or raw["route"] not in policy.routes:
        return raw
    route = raw["route"]
    out = dict(raw)
    for field in enum_fields(policy, route):
        if field in out:
            out[field] = to_code(policy, route, field, out[field])
    if isinstance(out.get("specialties"), list):
        out["specialties"] = [to_code(policy, None, "specialty", v) for v in out["specialties"]]
    return out


def normalise_person(data: dict, policy) -> dict:
    """A person mapping with its specialty and its records' values as codes."""
    out = dict(data)
    if "specialty" in out:
        out["specialty"] = to_code(policy, None, "specialty", out["specialty"])
    if isinstance(out.get("records"), list):
        out["records"] = [normalise_item(r, policy) for r in out["records"]]
    return out


def shown(policy, route: Optional[str], field: str, code: Any, lang: str = "zh") -> str:
    """A code in the user's words (its name), or the value itself when it has none."""
    named = vocabulary(policy, route, field).get(code) if isinstance(code, str) else None
    if named is None:
        return str(code)
    return named.name_en if lang == "en" else named.name


def choices(policy, route: Optional[str], field: str, codes, lang: str = "zh") -> str:
    """The allowed values for a hint: Chinese names first, then the codes
    (English: the codes, then the Chinese names)."""
    codes = list(codes)
    words = vocabulary(policy, route, field)
    names = [words[c].name for c in codes if c in words]
    if not names:
        return " | ".join(codes)
    if lang == "en":
        return " | ".join(codes) + " (" + " | ".join(names) + ")"
    return " | ".join(names) + "（" + " | ".join(codes) + "）"
