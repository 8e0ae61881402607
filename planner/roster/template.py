"""An empty roster for an office to fill: an instructions sheet first, then
the roster sheet with a title row and the headers `planner import` reads
(工号, 姓名, 部门, 专业, one column per route, 备注), a drop-down of the
specialties, frozen header. `planner init` lays it into a new workspace."""
from __future__ import annotations

import io
from pathlib import Path

from ..files import write_atomic
from ..messages import messages
from ..models.policy import Policy


def route_headers(policy: Policy, lang: str) -> list[str]:
    """One header per route, in the policy's order: "A类专业科目", "B类1" ...
    "一般公需科目" (a class of one route is named by the class)."""
    words = messages(lang)["roster"]["template"]
    sizes = {k: sum(1 for r in policy.routes.values() if r.klass == k) for k in policy.classes}
    headers = []
    for code, route in policy.routes.items():
        klass = policy.classes[route.klass]
        if sizes[route.klass] == 1:
            headers.append(klass.name if lang == "zh" else code)
        else:
            headers.append(words["route"].format(klass=route.klass, number=code[len(route.klass):], code=code))
    return headers


def template_bytes(policy: Policy, lang: str = "zh") -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    words = messages(lang)["roster"]["template"]
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = words["instructions_sheet"]
    notes.column_dimensions["A"].width = 100
    for n, line in enumerate(words["instructions"], start=1):
        notes.cell(row=n, column=1, value=line).alignment = Alignment(wrap_text=True, vertical="top")
    notes["A1"].font = Font(bold=True, size=14)
    sheet = book.create_sheet(words["roster_sheet"])
    header = [words["number"], words["id"], words["name"], words["department"], words["specialty"],
              *route_headers(policy, lang), words["remark"]]
    sheet.cell(row=1, column=1, value=words["title"]).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for c, text in enumerate(header, start=1):
        cell = sheet.cell(row=2, column=c, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = 14 if c <= 5 else 9
    sheet.freeze_panes = "C3"
    names = [s.name if lang == "zh" else code for code, s in policy.specialties.items()]
    pick = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True)
    sheet.add_data_validation(pick)
    pick.add("E3:E2000")
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(path: Path, policy: Policy, lang: str = "zh") -> None:
    """The template written to `path` (atomically)."""
    write_atomic(Path(path), template_bytes(policy, lang))
