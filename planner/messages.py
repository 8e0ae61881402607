"""The message catalogue (templates/messages/<lang>.yaml) and the words for
every verdict: formulas, reasons, rule texts."""
from __future__ import annotations

from . import tenths as q
from .credits import Credit, Reason
from .i18n import LANGS, Messages, messages  # noqa: F401  (the catalogue lives in i18n)
from .models.policy import Policy


def pick(obj, attr: str, lang: str) -> str:
    """A policy text in the asked language: `text` or `text_en`."""
    if lang == "en":
        return getattr(obj, f"{attr}_en", None) or getattr(obj, attr)
    return getattr(obj, attr)


def reason_text(reason: Reason | None, policy: Policy, lang: str = "zh") -> str:
    if reason is None:
        return ""
    params = dict(reason.params)
    if reason.code == "ineligible":
        return params["en" if lang == "en" else "zh"]
    if "cap" in params:
        params["cap"] = q.show_short(int(params["cap"]))
    return messages(lang)["reasons"][reason.code].format(**params)


def formula_text(c: Credit, lang: str = "zh") -> str:
    f = messages(lang)["formula"]
    if c.basis == "registered":
        sources = f["sources"]
        where = sources.get(c.source, c.source) if c.source else None
        label = f["registered_from"].format(source=where) if where else f["registered"]
        return label + f["result"].format(hours=q.show_short(c.base))
    if c.basis == "listed":
        text = f["listed"].format(hours=q.show_short(c.base))
    elif c.basis == "item":
        text = f["item"].format(rate=q.show_short(c.rate))
    elif c.basis == "day":
        text = f["day"].format(rate=q.show_short(c.rate), days=q.show_short(c.quantity * 5))
    elif c.basis == "count":
        text = f["count"].format(rate=q.show_short(c.rate), count=c.quantity)
    else:
        text = f["characters"].format(rate=q.show_short(c.rate), units=c.quantity, characters=c.measure, unit=c.unit)
    if c.rank is not None:
        text += f["share"].format(share=c.share, rank=c.rank)
    return text + f["result"].format(hours=q.show_short(c.base * c.share // 100))


def route_name(policy: Policy, code: str, lang: str = "zh") -> str:
    return pick(policy.routes[code], "name", lang)


def target_name(key: str, lang: str = "zh") -> str:
    return messages(lang)["targets"].get(key, key)
