"""The words of a unit plan that every medium shares (text, Markdown, HTML,
the workbook): its dates, who is left short and why, why each training is
held or not."""
from __future__ import annotations

from ..messages import messages, target_name
from ..tenths import show_short
from ..unit.result import UnitPlan
from .cells import dates_text, span


def training_date(t) -> str:
    """A unit training's days in full ("" when it has none)."""
    return span(t.start or t.date, t.end or t.date, compact=False)


def item_date(item) -> str:
    return dates_text(item.offering)


def short_lines(plan: UnitPlan, lang: str) -> list[tuple[str, str, str]]:
    """(person id, name, reason) for everyone left short."""
    u = messages(lang).unit_plan
    out = []
    explained = plan.explained.people if plan.explained is not None else {}
    for p in plan.short_people:
        if explained.get(p.person.id):
            out += [(p.person.id, p.person.name, w.why.text_en if lang == "en" else w.why.text)
                    for w in explained[p.person.id]]
            continue
        for s in p.shorts:
            name = u.cycle if s.key == "cycle" else target_name(s.key, lang)
            template = u.why_capacity if s.why.kind == "capacity" else u.why_shared
            rule = s.text_en if lang == "en" else s.text
            out.append((p.person.id, p.person.name,
                        template.format(target=name, short=show_short(s.shortfall)) + f" — {rule}"))
    return out


def training_lines(plan: UnitPlan, lang: str) -> list[tuple[str, str, str]]:
    """(training id, title, why) for every candidate training, when explained."""
    if plan.explained is None:
        return []
    out = []
    for tp in plan.trainings:
        why = plan.explained.training(tp.training.id)
        if why is not None:
            out.append((tp.training.id, tp.training.title, why.text_en if lang == "en" else why.text))
    return out
