"""A roster's rows as people with registered hours: one record per route cell,
`hours` as the registrar recorded it and `source: roster`, nothing else
about the activity invented (no level, organizer, venue, rank or days).

Every bad cell is collected and reported together, placed by the sheet's own
row number and column letter."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .. import tenths as q
from ..errors import PlannerError
from ..models.policy import Policy
from ..vocab import to_code
from .mapping import Column, Layout, Mapping, hours_of, norm, text_of
from .sheets import Flaw
from .words import say

SOURCE = "roster"
REQUIRED = ("id", "name")             # a specialty may come from the person's file or --specialty
MAX_ID = 64                          # a file name people/<id>.yaml on every file system
MAX_TEXT = 200                       # a name or a department


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class RosterPerson:
    row: int                         # the sheet's row number (1-based)
    id: str
    name: str
    department: Optional[str]
    specialty: str
    hours: dict[str, int] = field(default_factory=dict)      # route -> tenths, in column order

    def records(self, year: int, title: str) -> list[dict[str, str]]:
        """The flow-item fields of the person's registered-hours records."""
        return [{"route": code, "year": str(year), "title": title.format(route=code, year=year),
                 "hours": q.show_short(tenths), "source": SOURCE} for code, tenths in self.hours.items()]


@dataclass(frozen=True)
class Roster:
    people: list[RosterPerson]
    layout: Layout
    ignored: tuple[str, ...]         # the known extra columns, as written
    skipped: tuple[int, ...] = ()    # rows that are not people (totals, notes)


class Problems:
    def __init__(self, lang: str):
        self.lang = lang
        self.items: list[str] = []
        self.cells: list[tuple[int, int, str]] = []   # (sheet row, column index, item): for a preview

    def add(self, row: int, column: Column, key: str, /, **params) -> None:
        self.place(row, column, say(self.lang, key, **params))

    def place(self, row: int, column: Column, message: str) -> None:
        where = say(self.lang, "cell", row=row, column=column_letter(column.index), label=column.text)
        self.items.append(f"{where}: {message}")
        self.cells.append((row, column.index, self.items[-1]))

    def text(self, message: str) -> None:
        self.items.append(message)

    def raise_if_any(self, shown: str) -> None:
        if not self.items:
            return
        if len(self.items) == 1:
            err = PlannerError(self.items[0], file=shown)
        else:
            head = say(self.lang, "bad_cells", count=len(self.items))
            err = PlannerError(head + "\n  " + "\n  ".join(self.items), file=shown)
        err.cells = tuple(self.cells)          # every bad cell, placed (the web preview marks them)
        raise err


def check_columns(layout: Layout, policy: Policy, problems: Problems) -> dict[str, Column]:
    """The person fields' columns; an unknown or doubled column, or a
    missing required one, is a problem."""
    lang = problems.lang
    header = layout.header_row + 1
    fields: dict[str, Column] = {}
    routes: dict[str, Column] = {}
    for column in layout.columns:
        if column.kind == "unknown":
            problems.add(header, column, "unknown_column", routes=", ".join(policy.routes))
        seen = fields if column.kind == "field" else routes if column.kind == "route" else None
        if seen is None:
            continue
        if column.key in seen:
            problems.add(header, column, "second_column", key=column.key,
                         other=column_letter(seen[column.key].index))
        seen.setdefault(column.key, column)
    for key in REQUIRED:
        if key not in fields:
            problems.text(say(lang, "no_column", row=header, key=key))
    return fields


def specialty_of(policy: Policy, text: str) -> Optional[str]:
    """The specialty code a cell names: its code, Chinese or English name or
    a short form of the policy's vocabulary, full-width letters allowed."""
    code = to_code(policy, None, "specialty", unicodedata.normalize("NFKC", text))
    return code if code in policy.specialties else None


def _text_cell(row: list, column: Optional[Column]):
    if column is None or column.index >= len(row):
        return None
    return row[column.index]


def read_people(layout: Layout, mapping: Mapping, policy: Policy, shown: str, lang: str) -> Roster:
    """Every row checked; PlannerError listing every bad cell, or the roster."""
    problems = Problems(lang)
    fields = check_columns(layout, policy, problems)
    problems.raise_if_any(shown)
    people: list[RosterPerson] = []
    skipped: list[int] = []
    seen: dict[str, int] = {}
    for offset, row in enumerate(layout.sheet.rows[layout.data_start:]):
        number = layout.data_start + offset + 1
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        if not_a_person(row, fields, mapping):
            skipped.append(number)
            continue
        person = _person(row, number, fields, policy, seen, problems)
        for column in layout.of("route"):
            value = row[column.index] if column.index < len(row) else None
            try:
                tenths = hours_of(mapping, value, lang)
            except ValueError as err:
                problems.place(number, column, str(err))
                continue
            if tenths:
                person.hours[column.key] = person.hours.get(column.key, 0) + tenths
        people.append(person)
    problems.raise_if_any(shown)
    if not people:
        raise PlannerError(say(lang, "no_people", sheet=layout.sheet.name), file=shown)
    ignored = tuple(c.text for c in layout.of("ignored"))
    return Roster(people, layout, ignored, tuple(skipped))


def _plain(row, column, number, problems, key, limit) -> Optional[str]:
    """A text cell: its value stripped; a formula without value, a line
    break or an over-long text is a problem."""
    value = _text_cell(row, column)
    if isinstance(value, Flaw):
        problems.add(number, column, f"cell_{value.kind}", text=value.text)
        return None
    if value is None or not text_of(value):
        if key in REQUIRED:
            problems.add(number, column, "empty", key=key)
        return None
    text = text_of(value)
    if any(ch in text for ch in "\r\n\t") or any(ord(ch) < 32 for ch in text):
        problems.add(number, column, "line_break", key=key)
        return None
    if len(text) > limit:
        problems.add(number, column, "too_long", key=key, length=len(text), limit=limit)
        return None
    return text


def _person(row, number, fields, policy, seen, problems) -> RosterPerson:
    pid = _plain(row, fields["id"], number, problems, "id", MAX_ID)
    name = _plain(row, fields["name"], number, problems, "name", MAX_TEXT)
    department = _plain(row, fields.get("department"), number, problems, "department", MAX_TEXT)
    raw_spec = _plain(row, fields.get("specialty"), number, problems, "specialty", MAX_TEXT)
    specialty = None
    if raw_spec is not None:
        specialty = specialty_of(policy, raw_spec)
        if specialty is None:
            problems.add(number, fields["specialty"], "unknown_specialty", value=raw_spec,
                         expected=" | ".join(policy.specialties))
    if pid is not None:
        if pid.startswith(".") or any(ch in pid for ch in "/\\:*?\"<>|"):
            problems.add(number, fields["id"], "bad_file_name", value=pid)
        elif pid in seen:
            problems.add(number, fields["id"], "duplicate_id", value=pid, other=seen[pid])
        seen.setdefault(pid, number)
    return RosterPerson(number, pid or "", name or "", department, specialty or "")


def not_a_person(row: list, fields: dict[str, Column], mapping: Mapping) -> bool:
    """A totals line (合计 in the id or name column) or a line with neither
    id nor name (a note under the table): not a person, skipped."""
    cells = [_text_cell(row, fields.get(k)) for k in ("id", "name")]
    if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
        return True
    return any(isinstance(c, str) and norm(c) in mapping.totals for c in cells)
