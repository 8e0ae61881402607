"""xlsx, the medium: the unit plan as the workbook HR works from (openpyxl): a summary sheet,
a sheet per held training with its roster, a sheet per person with their
activities and projected hours. Same plan, same bytes (fixed timestamps)."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ..messages import messages, target_name
from .unit import item_date, short_lines, training_date, training_lines
from ..unit.result import UnitPlan
from ..tenths import effort_hours, hours, yuan

_BAD = re.compile(r"[\[\]:*?/\\]")
FIXED = dt.datetime(2021, 1, 1)


def sheet_title(text: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = _BAD.sub("_", text)[:31] or "sheet"
    title, n = base, 2
    while title.lower() in used:
        suffix = f"~{n}"
        title = base[:31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def _header(ws, cells):
    from openpyxl.styles import Font
    ws.append(cells)
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)


def _widths(ws):
    for column in ws.columns:
        width = max((len(str(c.value)) * (2 if any(ord(ch) > 0x2e80 for ch in str(c.value)) else 1)
                     for c in column if c.value is not None), default=8)
        ws.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))


def _summary_sheet(ws, plan: UnitPlan, m, lang: str) -> None:
    u = m.unit_plan
    ws.append([m.unit_title, f"{plan.unit.name} ({plan.unit.id})"])
    ws.append([m.year, plan.year])
    ws.append([m.status, u.status[plan.status]])
    ws.append([u.effort, effort_hours(plan.effort)])
    ws.append([u.bound, effort_hours(plan.bound)])
    ws.append([u.gap, round(plan.gap, 4)])
    ws.append([u.fees, yuan(plan.fees)])
    ws.append([u.training_cost, yuan(plan.training_cost)])
    ws.append([u.cost, yuan(plan.cost)])
    ws.append([u.budget, None if plan.unit.budget is None else yuan(plan.unit.budget)])
    ws.append([])
    _header(ws, [u.person, u.name, u.department, u.activities, u.effort_h, u.fee]
            + [target_name(t.key, lang) for t in plan.policy.targets] + [u.cycle, m.status])
    for p in plan.people:
        vals = {r.key: r.value for r in p.standing.targets}
        ws.append([p.person.id, p.person.name, p.department, len(p.items), effort_hours(p.effort), yuan(p.fee)]
                  + [hours(vals.get(t.key, 0)) for t in plan.policy.targets]
                  + [None if p.cycle is None else hours(p.cycle.hours), m.met if p.met else m.not_met])
    ws.append([])
    whys = {tid: why for tid, _, why in training_lines(plan, lang)}
    _header(ws, [u.trainings, m.title, u.date, u.result, u.attendees, u.seats, u.organising_cost]
            + ([u.why] if whys else []))
    for t in plan.trainings:
        ws.append([t.training.id, t.training.title, training_date(t.training), u.held if t.held else u.not_held,
                   len(t.attendees), t.training.seats, yuan(t.training.cost) if t.held else None]
                  + ([whys.get(t.training.id)] if whys else []))
    lines = short_lines(plan, lang)
    if lines:
        ws.append([])
        _header(ws, [u.short_title])
        for pid, name, why in lines:
            ws.append([pid, name, why])
    _widths(ws)


def _training_sheet(ws, plan: UnitPlan, t, whys: dict, m) -> None:
    u = m.unit_plan
    names = {p.person.id: p for p in plan.people}
    ws.append([t.training.id, t.training.title])
    ws.append([u.date, training_date(t.training)])
    ws.append([u.hours_each, hours(t.hours)])
    ws.append([u.organising_cost, yuan(t.training.cost)])
    if t.training.id in whys:
        ws.append([u.why, whys[t.training.id]])
    ws.append([])
    _header(ws, [m.index, u.person, u.name, u.department])
    for k, pid in enumerate(t.attendees, start=1):
        ws.append([k, pid, names[pid].person.name, names[pid].department])
    _widths(ws)


def _person_sheet(ws, p, m, lang: str) -> None:
    u = m.unit_plan
    ws.append([u.person, p.person.id, p.person.name, p.department])
    ws.append([m.status, m.met if p.met else m.not_met])
    ws.append([])
    _header(ws, [m.index, u.title, u.route, u.date, u.hours, u.effort_h, u.fee])
    for i in p.items:
        ws.append([i.id, i.offering.title, i.route, item_date(i), hours(i.tenths), effort_hours(i.effort),
                   yuan(i.fee)])
    ws.append([])
    _header(ws, [u.projected, m.raw, m.counted, m.cap])
    for code, r in p.standing.routes.items():
        ws.append([code, hours(r.raw), hours(r.counted), None if r.cap is None else hours(r.cap)])
    _header(ws, [m.target, m.required, m.value, m.shortfall])
    for t in p.standing.targets:
        ws.append([target_name(t.key, lang), hours(t.required), hours(t.value), hours(t.shortfall)])
    if p.cycle is not None:
        ws.append([f"{u.cycle} {p.cycle.start}–{p.cycle.end}", hours(p.cycle.required), hours(p.cycle.hours),
                   hours(p.cycle.shortfall)])
    _widths(ws)


def unit_workbook(plan: UnitPlan, lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    m = messages(lang)
    wb = Workbook()
    used: set[str] = set()
    ws = wb.active
    ws.title = sheet_title(m.unit_plan.summary_sheet, used)
    _summary_sheet(ws, plan, m, lang)
    whys = {tid: why for tid, _, why in training_lines(plan, lang)}
    for t in plan.held:
        _training_sheet(wb.create_sheet(sheet_title(f"{t.training.id}", used)), plan, t, whys, m)
    for p in plan.people:
        _person_sheet(wb.create_sheet(sheet_title(f"{p.person.id} {p.person.name}", used)), p, m, lang)
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buffer = io.BytesIO()
    wb.save(buffer)
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same workbook bytes on every run: fixed zip entry times."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"<dcterms:modified[^>]*>[^<]*</dcterms:modified>",
                              b'<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified>',
                              body)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, body)
    return out.getvalue()
