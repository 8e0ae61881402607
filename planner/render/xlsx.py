"""The unit plan as the workbook HR works from and prints (written by
render/xlsxbook.py).

Sheets: the summary (the plan's figures, then one row per staff member),
the unit trainings, who is left short and why, one detail sheet (person x
activity), one 报名名单 (enrolment list) per attended catalogue offering
and per held training, to forward to its organiser; a sheet per person
only when asked (`per_person`).

Every sheet prints on A4 landscape, scaled to the page width (a row never
splits into column bands), with its table header repeated on every page,
frozen and filtered; numbers stay numbers (right-aligned, with their unit
in the header and a number format), the gap is a percentage; dates are
text, as the other formats write them. The summary is held to one page per
40 staff. Same plan, same bytes.
"""
from __future__ import annotations

import math

from ..messages import messages, target_name
from ..tenths import effort_hours, hours, yuan
from ..unit.result import UnitPlan
from .cells import years_text
from .unit_lines import item_date, short_lines, status_text, training_date, training_lines
from .xlsxbook import COUNT, HOURS, PERCENT, YUAN, Book

STAFF_PER_PAGE = 40          # the summary prints at most one page per 40 staff


def _summary(book: Book, plan: UnitPlan, lang: str) -> None:
    m = messages(lang)
    u = m.unit_plan
    ws = book.sheet(u.summary_sheet)
    met = sum(1 for p in plan.people if p.met)
    block = [(m.unit_title, f"{plan.unit.name} ({plan.unit.id})", None), (m.year, plan.year, COUNT),
             (m.status, status_text(plan, lang), None), (u.effort, effort_hours(plan.effort), HOURS),
             (u.bound, effort_hours(plan.bound), HOURS), (u.gap, plan.gap, PERCENT),
             (u.fees, yuan(plan.fees), YUAN), (u.training_cost, yuan(plan.training_cost), YUAN),
             (u.cost, yuan(plan.cost), YUAN),
             (u.budget, u.no_budget if plan.unit.budget is None else yuan(plan.unit.budget), YUAN),
             (u.people_met, met, COUNT), (u.people_short, len(plan.people) - met, COUNT)]
    for row, (label, value, fmt) in enumerate(block, start=1):
        ws.append([label, value])
        if fmt:
            ws.number_format(row, 2, fmt)
    ws.append([])
    targets = list(plan.policy.targets)
    head = ws.header([u.person, u.name, u.department, u.activities, u.effort_h, u.fee]
                     + [f"{target_name(t.key, lang)}（{u.hours}）" if lang == "zh" else
                        f"{target_name(t.key, lang)} ({u.hours})" for t in targets] + [u.cycle, m.status])
    for p in plan.people:
        vals = {r.key: r.value for r in p.standing.targets}
        ws.append([p.person.id, p.person.name, p.department, len(p.items), effort_hours(p.effort), yuan(p.fee)]
                  + [hours(vals.get(t.key, 0)) for t in targets]
                  + [None if p.cycle is None else hours(p.cycle.hours), m.met if p.met else m.not_met])
    ws.number_formats(head + 1, {4: COUNT, 5: HOURS, 6: YUAN, **{7 + k: HOURS for k in range(len(targets) + 1)}})
    ws.column_widths()
    ws.print_setup(head, pages_high=max(1, math.ceil(len(plan.people) / STAFF_PER_PAGE)), dense=True)


def _trainings(book: Book, plan: UnitPlan, lang: str) -> None:
    if not plan.trainings:
        return
    m = messages(lang)
    u = m.unit_plan
    ws = book.sheet(u.trainings)
    whys = {tid: why for tid, _, why in training_lines(plan, lang)}
    rows = [[t.training.id, t.training.title, training_date(t.training), u.held if t.held else u.not_held,
             len(t.attendees), t.training.seats, yuan(t.training.cost) if t.held else None]
            + ([whys.get(t.training.id)] if whys else []) for t in plan.trainings]
    head = ws.table([u.trainings, m.title, u.date, u.result, u.attendees, u.seats, u.organising_cost]
                    + ([u.why] if whys else []), rows, skip=(8,))
    ws.number_formats(head + 1, {5: COUNT, 6: COUNT, 7: YUAN})
    if whys:
        ws.wrap_column(8, 90)
    ws.print_setup(head)


def _shorts(book: Book, plan: UnitPlan, lang: str) -> None:
    lines = short_lines(plan, lang)
    if not lines:
        return
    m = messages(lang)
    u = m.unit_plan
    ws = book.sheet(u.short_title)
    head = ws.table([u.person, u.name, u.why], [list(line) for line in lines], skip=(3,))
    ws.wrap_column(3, 100)
    ws.print_setup(head)


def _detail(book: Book, plan: UnitPlan, lang: str) -> None:
    m = messages(lang)
    u = m.unit_plan
    ws = book.sheet(u.detail_sheet)
    rows = [[p.person.id, p.person.name, p.department, i.id, i.offering.title, i.route, item_date(i),
             hours(i.tenths), yuan(i.fee), effort_hours(i.effort)] for p in plan.people for i in p.items]
    head = ws.table([u.person, u.name, u.department, u.offering_id, u.title, u.route, u.date, u.hours,
                     u.fee, u.effort_h], rows)
    ws.number_formats(head + 1, {8: HOURS, 9: YUAN, 10: HOURS})
    ws.print_setup(head)


def _enrolments(book: Book, plan: UnitPlan, lang: str) -> None:
    """One 报名名单 per attended catalogue offering and per held training, in id order."""
    m = messages(lang)
    u = m.unit_plan
    who: dict[str, list] = {}
    first: dict[str, object] = {}
    for p in plan.people:
        for i in p.items:
            who.setdefault(i.id, []).append(p)
            first.setdefault(i.id, i)
    for oid in sorted(who):
        item = first[oid]
        ws = book.sheet(oid)
        ws.append([u.enrolment_title, f"{oid} {item.offering.title}"])
        ws.append([u.route, item.route])
        ws.append([u.date, item_date(item)])
        ws.append([u.hours_each, hours(item.tenths)])
        seats = item.offering.seats
        ws.append([u.seats, u.no_budget if seats is None else seats])
        ws.append([])
        head = ws.header([m.index, u.person, u.name, u.department, u.date])
        for k, p in enumerate(sorted(who[oid], key=lambda q: q.person.id), start=1):
            ws.append([k, p.person.id, p.person.name, p.department, item_date(item)])
        ws.number_format(4, 2, HOURS)
        ws.column_widths()
        ws.print_setup(head)


def _person_sheets(book: Book, plan: UnitPlan, lang: str) -> None:
    m = messages(lang)
    u = m.unit_plan
    for p in plan.people:
        ws = book.sheet(f"{p.person.id} {p.person.name}")
        ws.append([u.person, p.person.id, p.person.name, p.department])
        ws.append([m.status, m.met if p.met else m.not_met])
        ws.append([])
        head = ws.header([u.offering_id, u.title, u.route, u.date, u.hours, u.effort_h, u.fee])
        for i in p.items:
            ws.append([i.id, i.offering.title, i.route, item_date(i), hours(i.tenths), effort_hours(i.effort),
                       yuan(i.fee)])
        ws.append([])
        ws.header([u.projected, m.raw, m.counted, m.cap])
        for code, r in p.standing.routes.items():
            ws.append([code, hours(r.raw), hours(r.counted), None if r.cap is None else hours(r.cap)])
        ws.header([m.target, m.required, m.value, m.shortfall])
        for t in p.standing.targets:
            ws.append([target_name(t.key, lang), hours(t.required), hours(t.value), hours(t.shortfall)])
        if p.cycle is not None:
            ws.append([f"{u.cycle} {years_text(p.cycle.start, p.cycle.end)}", hours(p.cycle.required),
                       hours(p.cycle.hours), hours(p.cycle.shortfall)])
        ws.column_widths()
        ws.print_setup(head)


def unit_workbook(plan: UnitPlan, lang: str = "zh", per_person: bool = False) -> bytes:
    book = Book()
    _summary(book, plan, lang)
    _trainings(book, plan, lang)
    _shorts(book, plan, lang)
    _detail(book, plan, lang)
    _enrolments(book, plan, lang)
    if per_person:
        _person_sheets(book, plan, lang)
    return book.finish()
