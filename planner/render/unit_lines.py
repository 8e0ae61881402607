"""The words of a unit plan that every medium shares (text, Markdown, HTML,
the workbook): its dates, who is left short and why, why each training is
held or not."""
from __future__ import annotations

from ..messages import messages, target_name
from ..tenths import show_short
from ..unit.result import SHORT, UnitPlan
from .cells import dates_text, span


def training_date(t) -> str:
    """A unit training's days in full ("" when it has none)."""
    return span(t.start or t.date, t.end or t.date, compact=False)


def item_date(item) -> str:
    return dates_text(item.offering)


def explained_shorts(plan: UnitPlan, person) -> tuple:
    """A short person's shortfalls as the explanation gives them, with its
    reasons (() when it did not reach them)."""
    return (plan.explained.people.get(person.person.id) or ()) if plan.explained is not None else ()


def why_kinds(plan: UnitPlan, person) -> set[str]:
    """The kinds of reason a short person's targets are left short for: the
    explanation's when there is one, else the plan's own."""
    return {s.why.kind for s in (explained_shorts(plan, person) or person.shorts) if s.why is not None}


def undecided(plan: UnitPlan) -> bool:
    """Someone is short only because the time limit cut the search (`short` plans only)."""
    return plan.status == SHORT and any("undecided" in why_kinds(plan, p) for p in plan.short_people)


def status_text(plan: UnitPlan, lang: str) -> str:
    """The plan's status in words; a plan with someone short only because the
    time limit cut the search is not called one where they cannot meet it."""
    u = messages(lang).unit_plan
    return u.status_undecided if undecided(plan) else u.status[plan.status]


def status_line_words(plan: UnitPlan) -> tuple[str, str]:
    """The command's status line (stderr): the status in words in zh, its JSON
    name in en, `short (undecided)` when the time limit cut the search first."""
    return status_text(plan, "zh"), f"{plan.status} (undecided)" if undecided(plan) else plan.status


def gap_line_words(plan: UnitPlan) -> tuple[str, str]:
    """The status line's gap in zh and en: none to give when no lower bound
    was found (a bound of 0: the gap is then 100% by arithmetic alone)."""
    if plan.gap >= 1:
        return tuple(messages(lang).info.unit_no_bound for lang in ("zh", "en"))
    return tuple(messages(lang).info.unit_gap.format(gap=f"{plan.gap * 100:.2f}") for lang in ("zh", "en"))


def short_lines(plan: UnitPlan, lang: str) -> list[tuple[str, str, str]]:
    """(person id, name, reason) for everyone left short."""
    u = messages(lang).unit_plan
    out = []
    for p in plan.short_people:
        explained = explained_shorts(plan, p)
        if explained:
            out += [(p.person.id, p.person.name, w.why.text_en if lang == "en" else w.why.text) for w in explained]
            continue
        for s in p.shorts:
            name = u.cycle if s.key == "cycle" else target_name(s.key, lang)
            template = {"capacity": u.why_capacity, "undecided": u.why_undecided}.get(s.why.kind, u.why_shared)
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
