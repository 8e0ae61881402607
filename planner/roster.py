"""`planner import`: a unit's staff roster (xlsx or csv) into person files.

One row per person: id, name, department, specialty, and one column per
route code holding the hours that person already has on that route in the
imported year. Every bad cell is reported with its row and column (the
spreadsheet's own coordinates, header = row 1); nothing is written unless
every row is good, and then every file is replaced atomically. Existing
person files are edited line by line: the lines a user wrote stay as they
were; only the fields the roster sets and the records an earlier import
wrote (marked with `note: 名册导入`) change.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from . import tenths as q
from .checks import check_activity
from .credits import credit
from .errors import PlannerError
from .models import Policy, Record
from .vocab import to_code
from .recordfile import append_record, flow_item, scalar
from .workspace import Workspace, parse_person
from .yamlio import _Loader

MARK = "名册导入"
HEADERS = {
    "id": ("id", "编号", "工号", "人员编号"),
    "name": ("name", "姓名"),
    "department": ("department", "部门", "科室"),
    "specialty": ("specialty", "专业"),
}
REQUIRED = ("id", "name", "specialty")


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass
class Row:
    number: int                      # spreadsheet row (header = 1)
    cells: dict[str, object]         # field -> raw value
    columns: dict[str, int]          # field -> column index


@dataclass
class RosterPerson:
    row: int
    id: str
    name: str
    department: Optional[str]
    specialty: str
    records: list[dict] = field(default_factory=list)   # flow-item fields, in route order


def read_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise PlannerError(f"roster not found: {path}")
    if suffix == ".xlsx":
        import openpyxl
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as err:  # openpyxl raises many kinds
            raise PlannerError(f"cannot read the spreadsheet: {err}", file=str(path)) from None
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise PlannerError("the roster is neither UTF-8 nor GB18030 text", file=str(path))
        return [list(r) for r in csv.reader(io.StringIO(text))]
    raise PlannerError(f"a roster is a .xlsx or .csv file, not '{suffix or path.name}'", file=str(path))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def route_records(policy: Policy, route_code: str, tenths: int, year: int, specialty: str) -> list[dict]:
    """Records of `route_code` in `year` that earn exactly `tenths` for a
    person of `specialty`, built from the policy's credit rule (the first
    way that fits), or ValueError saying why none does."""
    route = policy.routes[route_code]
    rule = route.credit
    options = list((rule.rates or {}).keys()) if rule.by else [None]
    title = f"{MARK}：{route_code}（{year}年）"
    platform = policy.specialties[specialty].platform if specialty in policy.specialties else None
    extras: dict[str, str] = {}
    for name, allowed in route.fields.items():
        if name != rule.by and allowed:
            extras[name] = allowed[0]
    for condition in route.eligibility:
        if condition.values and condition.field != rule.by:
            extras.setdefault(condition.field, condition.values[0])
    for value in options:
        rate = rule.rate_for(value)
        base: dict[str, str] = {"route": route_code, "year": str(year), "title": title}
        if rule.by:
            base[rule.by] = value
        base.update({k: v for k, v in extras.items() if k not in base})
        if any(e.field == "platform" for e in route.eligibility) and platform:
            base["platform"] = platform
        if rule.ranked:
            base["rank"] = "1"
        candidates: list[list[dict]] = []
        if rate.basis == "listed":
            candidates.append([{**base, "hours": q.show_short(tenths)}])
        elif rate.basis == "day" and rate.rate and (2 * tenths) % rate.rate == 0:
            candidates.append([{**base, "days": q.show_short(2 * tenths // rate.rate * 5)}])
        elif rate.basis == "count" and rate.rate and tenths % rate.rate == 0:
            candidates.append([{**base, rate.field: str(tenths // rate.rate)}])
        elif rate.basis == "characters" and rate.rate and tenths % rate.rate == 0:
            candidates.append([{**base, rate.field: str(tenths // rate.rate * rate.unit)}])
        elif rate.basis == "item" and rate.rate and tenths % rate.rate == 0:
            n = tenths // rate.rate
            candidates.append([{**base, "title": f"{title}{k + 1}" if n > 1 else title} for k in range(n)])
        for group in candidates:
            group = [{**f, "note": MARK} for f in group]
            total = 0
            ok = True
            for fields in group:
                record = Record.model_validate(fields)
                if check_activity(record, policy) is not None:
                    ok = False
                    break
                earned = credit(record, policy, specialty)
                total += earned.tenths
            if ok and total == tenths:
                return group
    raise ValueError(f"{q.show_short(tenths)} hours cannot be registered as {route_code} records "
                     f"(route {route_code}: {route.text_en})")


def parse_roster(rows: list[list[object]], shown: str, policy: Policy, year: int) -> list[RosterPerson]:
    """Every row checked; PlannerError listing every bad cell, or the people."""
    problems: list[str] = []
    if not rows or all(_blank(c) for c in rows[0]):
        raise PlannerError("the roster has no header row (id, name, department, specialty, route codes)", file=shown)
    header = rows[0]
    columns: dict[str, int] = {}
    routes: dict[str, int] = {}
    by_upper = {code.upper(): code for code in policy.routes}
    for index, raw in enumerate(header):
        if _blank(raw):
            continue
        name = _text(raw)
        where = f"row 1, column {column_letter(index)} ('{name}')"
        key = next((k for k, names in HEADERS.items() if name.lower() in names), None)
        if key is None and name.upper() in by_upper:
            code = by_upper[name.upper()]
            if code in routes:
                problems.append(f"{where}: route {code} has two columns")
            routes[code] = index
            continue
        if key is None:
            problems.append(f"{where}: unknown column (expected id, name, department, specialty "
                            f"or a route code: {', '.join(policy.routes)})")
            continue
        if key in columns:
            problems.append(f"{where}: a second '{key}' column")
        columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            problems.append(f"row 1: no '{key}' column")
    if problems:
        raise PlannerError(_join(problems), file=shown)
    people: list[RosterPerson] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if all(_blank(c) for c in row):
            continue
        def cell(key):
            index = columns.get(key)
            return row[index] if index is not None and index < len(row) else None

        def at(index, label) -> str:
            return f"row {number}, column {column_letter(index)} ({label})"
        pid = cell("id")
        if _blank(pid):
            problems.append(f"{at(columns['id'], 'id')}: empty; every person needs an id")
            pid = None
        else:
            pid = _text(pid)
            if pid in seen:
                problems.append(f"{at(columns['id'], 'id')}: id '{pid}' is already on row {seen[pid]}")
            elif any(ch in pid for ch in "/\\") or pid.startswith("."):
                problems.append(f"{at(columns['id'], 'id')}: '{pid}' cannot be a file name")
            seen.setdefault(pid, number)
        name = cell("name")
        if _blank(name):
            problems.append(f"{at(columns['name'], 'name')}: empty; every person needs a name")
        raw_spec = cell("specialty")
        specialty = None
        if _blank(raw_spec):
            problems.append(f"{at(columns['specialty'], 'specialty')}: empty (expected {' | '.join(policy.specialties)})")
        else:
            specialty = to_code(policy, None, "specialty", _text(raw_spec))
            if specialty not in policy.specialties:
                specialty = None
                problems.append(f"{at(columns['specialty'], 'specialty')}: unknown specialty '{_text(raw_spec)}' "
                                f"(expected {' | '.join(policy.specialties)})")
        dept = cell("department")
        person = RosterPerson(number, pid or "", _text(name) if not _blank(name) else "",
                              None if _blank(dept) else _text(dept), specialty or "")
        for code, index in routes.items():
            value = row[index] if index < len(row) else None
            if _blank(value):
                continue
            try:
                tenths = q.to_tenths(value)
                if tenths < 0:
                    raise ValueError("hours must not be negative")
            except ValueError as err:
                problems.append(f"{at(index, code)}: {err}")
                continue
            if tenths == 0 or specialty is None:
                continue
            try:
                person.records.extend(route_records(policy, code, tenths, year, specialty))
            except ValueError as err:
                problems.append(f"{at(index, code)}: {err}")
        people.append(person)
    if problems:
        raise PlannerError(_join(problems), file=shown)
    if not people:
        raise PlannerError("the roster has a header but no people", file=shown)
    return people


def _join(problems: list[str]) -> str:
    if len(problems) == 1:
        return problems[0]
    return f"{len(problems)} bad cells, nothing imported:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------- person files as text

def new_person_text(p: RosterPerson, unit_id: str) -> str:
    lines = [f"id: {scalar(p.id)}", f"name: {scalar(p.name)}", f"unit: {scalar(unit_id)}"]
    if p.department:
        lines.append(f"department: {scalar(p.department)}")
    lines.append(f"specialty: {p.specialty}")
    if p.records:
        lines.append("records:")
        lines.extend(f"  - {flow_item(r)}" for r in p.records)
    else:
        lines.append("records: []")
    return "\n".join(lines) + "\n"


def _top_level(text: str, shown: str) -> dict:
    root = yaml.compose(text, Loader=_Loader)
    if not isinstance(root, yaml.MappingNode):
        raise PlannerError("expected a mapping with the person's fields", file=shown)
    return {k.value: (k, v) for k, v in root.value}


def set_field(text: str, key: str, value: str, shown: str) -> str:
    """`key: value` at the top level: its value replaced on its own line
    (a trailing comment kept), or a new line after `id:`."""
    nl = "\r\n" if "\r\n" in text else "\n"
    nodes = _top_level(text, shown)
    lines = text.splitlines(keepends=True)
    if key in nodes:
        k, v = nodes[key]
        if v.value == value:
            return text
        if v.start_mark.line != k.start_mark.line or v.end_mark.line != v.start_mark.line:
            raise PlannerError(f"`{key}` spans several lines; write it on one line to update it from a roster",
                               file=shown, field=key, line=k.start_mark.line + 1)
        line = lines[k.start_mark.line]
        lines[k.start_mark.line] = line[:v.start_mark.column] + scalar(value) + line[v.end_mark.column:]
        return "".join(lines)
    after = nodes["id"][0].start_mark.line if "id" in nodes else -1
    lines.insert(after + 1, f"{key}: {scalar(value)}{nl}")
    return "".join(lines)


def drop_imported(text: str, shown: str, year: int) -> tuple[str, list[dict]]:
    """Remove the one-line records an earlier import wrote for `year`
    (marked `note: 名册导入`); they come back from the roster. Returns the
    text and the removed records' fields."""
    nodes = _top_level(text, shown)
    if "records" not in nodes:
        return text, []
    seq = nodes["records"][1]
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        return text, []
    lines = text.splitlines(keepends=True)
    drop = []
    removed = []
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode) or not item.flow_style:
            continue
        fields = {k.value: v.value for k, v in item.value}
        if fields.get("note") == MARK and str(fields.get("year")) == str(year) \
                and item.start_mark.line == item.end_mark.line:
            line = lines[item.start_mark.line]
            if line.strip().startswith("- {") and line.rstrip().endswith("}"):
                drop.append(item.start_mark.line)
                removed.append(fields)
    for n in reversed(drop):
        del lines[n]
    return "".join(lines), removed


def updated_person_text(text: str, p: RosterPerson, unit_id: str, shown: str, year: int) -> str:
    for key, value in (("name", p.name), ("unit", unit_id), ("department", p.department),
                       ("specialty", p.specialty)):
        if value:
            text = set_field(text, key, value, shown)
    text, _ = drop_imported(text, shown, year)
    for fields in p.records:
        text = append_record(text, fields, shown)
    return text


@dataclass
class ImportResult:
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    records: int


def plan_import(people: list[RosterPerson], workspace: Workspace, unit_id: str, policy: Policy,
                year: int) -> tuple[dict[Path, bytes], ImportResult]:
    """The new bytes of every file to write, every text checked by the
    person-file parser first."""
    from .recordfile import encode
    writes: dict[Path, bytes] = {}
    result = ImportResult([], [], [], 0)
    for p in people:
        existing = workspace.files.get(p.id)
        if existing is None:
            path = workspace.root / "people" / f"{p.id}.yaml"
            if path.exists():
                raise PlannerError(f"row {p.row}: {path} exists but does not hold person '{p.id}'", file=str(path))
            text = new_person_text(p, unit_id)
            parse_person(text, str(path), policy)
            writes[path] = text.encode("utf-8")
            result.created.append(p.id)
        else:
            original = existing.path.read_bytes()
            old = original.decode(existing.encoding)
            text = updated_person_text(old, p, unit_id, existing.shown, year)
            parse_person(text, existing.shown, policy)
            if text == old:
                result.unchanged.append(p.id)
                continue
            writes[existing.path] = encode(text, existing.encoding, original)
            result.updated.append(p.id)
        result.records += len(p.records)
    return writes, result


def write_all(writes: dict[Path, bytes]) -> None:
    """Every file or none: all temporary files first, then the renames; a
    failed rename puts back the files already replaced."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in sorted(writes.items()):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, (path.stat().st_mode & 0o777) if path.exists() else 0o644)
            staged.append((path, tmp))
    except BaseException:
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    done: list[tuple[Path, Optional[bytes]]] = []
    try:
        for path, tmp in staged:
            before = path.read_bytes() if path.exists() else None
            os.replace(tmp, path)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
        for _, tmp in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
