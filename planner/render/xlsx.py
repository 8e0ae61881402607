"""The unit plan as the workbook HR works from and prints (openpyxl).

Sheets: the summary (the plan's figures, then one row per staff member),
the unit trainings, who is left short and why, one detail sheet (person x
activity), one 报名名单 (enrolment list) per attended catalogue offering
and per held training, to forward to its organiser; a sheet per person
only when asked (`per_person`).

Every sheet prints on A4 landscape, scaled to the page width (a row never
splits into column bands), with its table header repeated on every page,
frozen and filtered; numbers stay numbers (right-aligned, with their unit
in the header and a number format), the gap is a percentage. The summary
is held to one page per 40 staff. Same plan, same bytes (fixed
timestamps, fixed zip entry times).
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import math
import re
import zipfile

from ..messages import messages, target_name
from ..tenths import effort_hours, hours, yuan
from ..unit.result import UnitPlan
from .cells import years_text
from .unit_lines import item_date, short_lines, status_text, training_date, training_lines

_BAD = re.compile(r"[\[\]:*?/\\]")
_WIDE = re.compile("[\u2e81-\U0010ffff]")   # ord > 0x2e80: CJK and wider
FIXED = dt.datetime(2021, 1, 1)
STAFF_PER_PAGE = 40          # the summary prints at most one page per 40 staff
HOURS, YUAN, PERCENT, COUNT = "0.0", "#,##0.00", "0.00%", "0"


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


def table_header(ws, cells) -> int:
    """A bold table header row; returns its row number."""
    from openpyxl.styles import Alignment, Font
    ws.append(cells)
    row = ws.max_row
    for c in ws[row]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center")
    return row


def restyle(cell, key, apply, done: dict) -> None:
    """`apply(cell, key)` sets styles; a cell that starts from the same style
    with the same `key` gets the style the first one ended with, copied
    (openpyxl looks each new style up in the workbook's lists: 0.2 ms a cell,
    2 s for 10,000 unit trainings)."""
    start = (key, tuple(cell._style) if cell._style else ())
    ended = done.get(start)
    if ended is None:
        apply(cell, key)
        done[start] = copy.copy(cell._style)
    else:
        cell._style = copy.copy(ended)


def number_formats(ws, first_row: int, formats: dict[int, str]) -> None:
    """Number formats (1-based column -> format) from `first_row` down; right-aligned."""
    from openpyxl.styles import Alignment
    right = Alignment(horizontal="right")
    done: dict = {}

    def apply(c, fmt):
        c.number_format = fmt
        c.alignment = right
    for row in ws.iter_rows(min_row=first_row, min_col=min(formats), max_col=max(formats)):
        for c in row:
            fmt = formats.get(c.column)
            if fmt and isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                restyle(c, fmt, apply, done)


def text_width(value) -> int:
    """A value's width in columns: its length, doubled if any character is wide (CJK)."""
    text = str(value)
    return len(text) * (1 if text.isascii() or not _WIDE.search(text) else 2)


def widths(ws) -> None:
    """Each column as wide as its widest value (6 to 40 characters)."""
    column_widths(ws, ws.iter_rows(values_only=True))


def column_widths(ws, rows, skip: tuple[str, ...] = ()) -> None:
    """`widths` from the values of the sheet's rows, given (a table sheet
    passes the rows it writes: reading 80,000 cells back costs more); the
    columns in `skip` are left alone (a wrapped column gets its own width)."""
    from itertools import zip_longest

    from openpyxl.utils import get_column_letter
    for k, column in enumerate(zip_longest(*rows), start=1):
        letter = get_column_letter(k)
        if letter not in skip:
            width = max((text_width(v) for v in column if v is not None), default=8)
            ws.column_dimensions[letter].width = min(40, max(6, width + 2))


def table_sheet(ws, header: list, rows: list[list], skip: tuple[str, ...] = ()) -> int:
    """A sheet that is one table: its bold header on row 1, then `rows`, the
    columns as wide as `widths` makes them; returns the header's row."""
    head = table_header(ws, header)
    for row in rows:
        ws.append(row)
    column_widths(ws, [header, *rows], skip)
    return head


def wrap_column(ws, column: str, width: int) -> None:
    """A long text column: fixed width, wrapped (the row grows, nothing is cut)."""
    from openpyxl.styles import Alignment
    ws.column_dimensions[column].width = width
    wrapped = Alignment(wrap_text=True, vertical="top")
    done: dict = {}

    def apply(c, _):
        c.alignment = wrapped
    for c in ws[column]:
        restyle(c, None, apply, done)


def print_setup(ws, header_row: int, pages_high: int = 0, dense: bool = False) -> None:
    """A4 landscape, one page wide (`pages_high` pages tall, 0 = as needed),
    the table header repeated on every page, frozen, and filtered. `dense`:
    9-point text on 12-point rows (about 60 table rows a page at full scale)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    if dense:
        done: dict = {}

        def apply(c, _):
            c.font = Font(name=c.font.name, size=9, bold=c.font.bold)
        for row in ws.iter_rows():
            for c in row:
                restyle(c, None, apply, done)
        ws.sheet_format.defaultRowHeight = 12
        ws.sheet_format.customHeight = True
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = pages_high
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddFooter.center.text = "&P / &N"
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    last = get_column_letter(max(ws.max_column, 1))
    ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"


def _summary(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
    m = messages(lang)
    u = m.unit_plan
    ws = wb.active
    ws.title = sheet_title(u.summary_sheet, used)
    met = sum(1 for p in plan.people if p.met)
    block = [(m.unit_title, f"{plan.unit.name} ({plan.unit.id})", None), (m.year, plan.year, COUNT),
             (m.status, status_text(plan, lang), None), (u.effort, effort_hours(plan.effort), HOURS),
             (u.bound, effort_hours(plan.bound), HOURS), (u.gap, plan.gap, PERCENT),
             (u.fees, yuan(plan.fees), YUAN), (u.training_cost, yuan(plan.training_cost), YUAN),
             (u.cost, yuan(plan.cost), YUAN),
             (u.budget, u.no_budget if plan.unit.budget is None else yuan(plan.unit.budget), YUAN),
             (u.people_met, met, COUNT), (u.people_short, len(plan.people) - met, COUNT)]
    for label, value, _ in block:
        ws.append([label, value])
    for row, (_, _, fmt) in enumerate(block, start=1):
        if fmt and isinstance(ws.cell(row=row, column=2).value, (int, float)):
            ws.cell(row=row, column=2).number_format = fmt
    ws.append([])
    targets = list(plan.policy.targets)
    head = table_header(ws, [u.person, u.name, u.department, u.activities, u.effort_h, u.fee]
                   + [f"{target_name(t.key, lang)}（{u.hours}）" if lang == "zh" else
                      f"{target_name(t.key, lang)} ({u.hours})" for t in targets] + [u.cycle, m.status])
    for p in plan.people:
        vals = {r.key: r.value for r in p.standing.targets}
        ws.append([p.person.id, p.person.name, p.department, len(p.items), effort_hours(p.effort), yuan(p.fee)]
                  + [hours(vals.get(t.key, 0)) for t in targets]
                  + [None if p.cycle is None else hours(p.cycle.hours), m.met if p.met else m.not_met])
    formats = {4: COUNT, 5: HOURS, 6: YUAN, **{7 + k: HOURS for k in range(len(targets) + 1)}}
    number_formats(ws, head + 1, formats)
    widths(ws)
    print_setup(ws, head, pages_high=max(1, math.ceil(len(plan.people) / STAFF_PER_PAGE)), dense=True)


def _trainings(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
    if not plan.trainings:
        return
    m = messages(lang)
    u = m.unit_plan
    ws = wb.create_sheet(sheet_title(u.trainings, used))
    whys = {tid: why for tid, _, why in training_lines(plan, lang)}
    rows = [[t.training.id, t.training.title, training_date(t.training), u.held if t.held else u.not_held,
             len(t.attendees), t.training.seats, yuan(t.training.cost) if t.held else None]
            + ([whys.get(t.training.id)] if whys else []) for t in plan.trainings]
    head = table_sheet(ws, [u.trainings, m.title, u.date, u.result, u.attendees, u.seats, u.organising_cost]
                       + ([u.why] if whys else []), rows, skip=("H",))
    number_formats(ws, head + 1, {5: COUNT, 6: COUNT, 7: YUAN})
    if whys:
        wrap_column(ws, "H", 90)
    print_setup(ws, head)


def _shorts(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
    lines = short_lines(plan, lang)
    if not lines:
        return
    m = messages(lang)
    u = m.unit_plan
    ws = wb.create_sheet(sheet_title(u.short_title, used))
    head = table_sheet(ws, [u.person, u.name, u.why], [list(line) for line in lines], skip=("C",))
    wrap_column(ws, "C", 100)
    print_setup(ws, head)


def _detail(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
    m = messages(lang)
    u = m.unit_plan
    ws = wb.create_sheet(sheet_title(u.detail_sheet, used))
    rows = [[p.person.id, p.person.name, p.department, i.id, i.offering.title, i.route, item_date(i),
             hours(i.tenths), yuan(i.fee), effort_hours(i.effort)] for p in plan.people for i in p.items]
    head = table_sheet(ws, [u.person, u.name, u.department, u.offering_id, u.title, u.route, u.date, u.hours,
                            u.fee, u.effort_h], rows)
    number_formats(ws, head + 1, {8: HOURS, 9: YUAN, 10: HOURS})
    print_setup(ws, head)


def _enrolments(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
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
        ws = wb.create_sheet(sheet_title(oid, used))
        ws.append([u.enrolment_title, f"{oid} {item.offering.title}"])
        ws.append([u.route, item.route])
        ws.append([u.date, item_date(item)])
        ws.append([u.hours_each, hours(item.tenths)])
        seats = item.offering.seats
        ws.append([u.seats, u.no_budget if seats is None else seats])
        ws.append([])
        head = table_header(ws, [m.index, u.person, u.name, u.department, u.date])
        for k, p in enumerate(sorted(who[oid], key=lambda q: q.person.id), start=1):
            ws.append([k, p.person.id, p.person.name, p.department, item_date(item)])
        ws.cell(row=4, column=2).number_format = HOURS
        widths(ws)
        print_setup(ws, head)


def _person_sheets(wb, plan: UnitPlan, lang: str, used: set[str]) -> None:
    m = messages(lang)
    u = m.unit_plan
    for p in plan.people:
        ws = wb.create_sheet(sheet_title(f"{p.person.id} {p.person.name}", used))
        ws.append([u.person, p.person.id, p.person.name, p.department])
        ws.append([m.status, m.met if p.met else m.not_met])
        ws.append([])
        head = table_header(ws, [u.offering_id, u.title, u.route, u.date, u.hours, u.effort_h, u.fee])
        for i in p.items:
            ws.append([i.id, i.offering.title, i.route, item_date(i), hours(i.tenths), effort_hours(i.effort),
                       yuan(i.fee)])
        ws.append([])
        table_header(ws, [u.projected, m.raw, m.counted, m.cap])
        for code, r in p.standing.routes.items():
            ws.append([code, hours(r.raw), hours(r.counted), None if r.cap is None else hours(r.cap)])
        table_header(ws, [m.target, m.required, m.value, m.shortfall])
        for t in p.standing.targets:
            ws.append([target_name(t.key, lang), hours(t.required), hours(t.value), hours(t.shortfall)])
        if p.cycle is not None:
            ws.append([f"{u.cycle} {years_text(p.cycle.start, p.cycle.end)}", hours(p.cycle.required), hours(p.cycle.hours),
                       hours(p.cycle.shortfall)])
        widths(ws)
        print_setup(ws, head)


def unit_workbook(plan: UnitPlan, lang: str = "zh", per_person: bool = False) -> bytes:
    from openpyxl import Workbook
    wb = Workbook()
    used: set[str] = set()
    _summary(wb, plan, lang, used)
    _trainings(wb, plan, lang, used)
    _shorts(wb, plan, lang, used)
    _detail(wb, plan, lang, used)
    _enrolments(wb, plan, lang, used)
    if per_person:
        _person_sheets(wb, plan, lang, used)
    return finish_workbook(wb)


def finish_workbook(wb) -> bytes:
    """The workbook's bytes, the same on every run: fixed timestamps (openpyxl's
    writer is handed the archive itself: `wb.save` would stamp the time of
    saving), fixed zip entry times."""
    from openpyxl.writer.excel import ExcelWriter
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buffer = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return _stable_zip(buffer.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same workbook bytes on every run: fixed zip entry times (the
    entries come stored and are compressed here, once)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
