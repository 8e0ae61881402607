"""The files an import writes, as text: new person files, existing ones
edited line by line (every line the user wrote stays; only the fields the
roster sets and the records an earlier import wrote for the same year
change), and the unit file units/<ID>.yaml created or given its
`departments`. Every new text is checked by the loaders before anything is
written, and the set is written all or nothing (fileset.write_all)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

from .. import yamlio
from ..checks import closest
from ..errors import PlannerError
from ..i18n import t
from ..models.policy import Policy
from ..recordfile import append_record, encode, flow_item, scalar
from ..workspace import Workspace, parse_person, parse_unit_text
from .records import SOURCE, RosterPerson
from .words import say

LEGACY_MARK = "名册导入"                # the `note` of records the first importer wrote


def new_person_text(p: RosterPerson, unit_id: str, records: list[dict]) -> str:
    lines = [f"id: {scalar(p.id)}", f"name: {scalar(p.name)}", f"unit: {scalar(unit_id)}"]
    if p.department:
        lines.append(f"department: {scalar(p.department)}")
    lines.append(f"specialty: {p.specialty}")
    if records:
        lines.append("records:")
        lines.extend(f"  - {flow_item(r)}" for r in records)
    else:
        lines.append("records: []")
    return "\n".join(lines) + "\n"


def _top_level(text: str, shown: str) -> dict:
    root = yamlio.compose(text, shown)
    if not isinstance(root, yaml.MappingNode):
        raise PlannerError(t("errors.not_mapping_file"), file=shown)
    return {k.value: (k, v) for k, v in root.value}


def set_field(text: str, key: str, value: str, shown: str, after: str = "id") -> str:
    """`key: value` at the top level: its value replaced on its own line
    (a trailing comment kept), or a new line after `after:`."""
    nl = "\r\n" if "\r\n" in text else "\n"
    nodes = _top_level(text, shown)
    lines = text.splitlines(keepends=True)
    if key in nodes:
        k, v = nodes[key]
        if v.value == value:
            return text
        if v.start_mark.line != k.start_mark.line or v.end_mark.line != v.start_mark.line:
            raise PlannerError(t("errors.roster_multiline", key=key),
                               file=shown, field=key, line=k.start_mark.line + 1)
        line = lines[k.start_mark.line]
        lines[k.start_mark.line] = line[:v.start_mark.column] + value + line[v.end_mark.column:]
        return "".join(lines)
    anchor = nodes.get(after) or nodes.get("id")
    at = anchor[1].end_mark.line + (0 if anchor[1].end_mark.column == 0 else 1) if anchor else 0
    lines.insert(at, f"{key}: {value}{nl}")
    return "".join(lines)


def _imported(fields: dict, year: int) -> bool:
    mark = fields.get("source") == SOURCE or fields.get("note") == LEGACY_MARK
    return mark and str(fields.get("year")) == str(year)


def drop_imported(text: str, shown: str, year: int) -> str:
    """Without the one-line records an import wrote for `year` (`source:
    roster`, or the first importer's `note: 名册导入`): the roster gives them
    again."""
    nodes = _top_level(text, shown)
    if "records" not in nodes:
        return text
    seq = nodes["records"][1]
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style:
        return text
    lines = text.splitlines(keepends=True)
    drop = []
    for item in seq.value:
        if not isinstance(item, yaml.MappingNode) or not item.flow_style:
            continue
        fields = {k.value: v.value for k, v in item.value}
        if _imported(fields, year) and item.start_mark.line == item.end_mark.line:
            line = lines[item.start_mark.line]
            if line.strip().startswith("- {") and line.rstrip().endswith("}"):
                drop.append(item.start_mark.line)
    for n in reversed(drop):
        del lines[n]
    return "".join(lines)


def updated_person_text(text: str, p: RosterPerson, unit_id: str, shown: str, year: int,
                        records: list[dict]) -> str:
    for key, value in (("name", p.name), ("unit", unit_id), ("department", p.department),
                       ("specialty", p.specialty)):
        if value:
            text = set_field(text, key, scalar(value), shown)
    text = drop_imported(text, shown, year)
    for fields in records:
        text = append_record(text, fields, shown)
    return text


# ---------------------------------------------------------------- the unit file

@dataclass(frozen=True)
class UnitChange:
    path: Path
    status: str                      # created | updated | unchanged
    departments: tuple[str, ...]
    data: Optional[bytes] = None


def unit_file_text(unit_id: str, name: Optional[str], departments, lang: str = "zh") -> str:
    """A new unit file: id, name, departments, and the limits as commented
    defaults, each explained (`planner init` writes one too)."""
    departments = tuple(departments)
    listed = "[" + ", ".join(scalar(d) for d in departments) + "]"
    text = say(lang, "unit_file", id=scalar(unit_id), name=scalar(name or unit_id), departments=listed,
               comment="" if name else say(lang, "unit_name_hint"))
    if not departments:                  # no list yet: the line stays an example, every department allowed
        text = text.replace(f"departments: {listed}", "# departments: " + say(lang, "departments_example"), 1)
    return text


def _unit_file(workspace: Workspace, unit_id: str) -> Path:
    """units/<ID>.yaml, or the file under units/ that already holds the unit."""
    default = workspace.root / "units" / f"{unit_id}.yaml"
    if default.exists() or unit_id not in workspace.units:
        return default
    for path in sorted((workspace.root / "units").rglob("*.y*ml")):
        data = yamlio.loads(path.read_text(encoding="utf-8-sig"), str(path))
        if isinstance(data, dict) and str(data.get("id")) == unit_id:
            return path
    return default


def department_problems(departments: list[tuple[int, str]], listed: tuple[str, ...], unit_id: str,
                        lang: str) -> list[str]:
    """A roster department missing from the unit's list, with the closest name."""
    problems = []
    for row, name in departments:
        if name in listed:
            continue
        near = closest(name, listed)
        key = "department_unknown_near" if near else "department_unknown"
        problems.append(say(lang, "row", row=row) + ": " +
                        say(lang, key, value=name, unit=unit_id, near=near, listed=", ".join(listed)))
    return problems


def unit_change(workspace: Workspace, unit_id: str, unit_name: Optional[str], people: list[RosterPerson],
                policy: Policy, shown: str, lang: str) -> UnitChange:
    """The unit file's new text (or none), and the roster's departments
    checked against the list an existing file keeps."""
    path = _unit_file(workspace, unit_id)
    found = tuple(dict.fromkeys(p.department for p in people if p.department))
    if not path.exists():
        text = unit_file_text(unit_id, unit_name, found, lang)
        parse_unit_text(text, str(path), policy)
        return UnitChange(path, "created", found, text.encode("utf-8"))
    unit = workspace.units.get(unit_id)
    if unit is not None and unit.departments is not None:
        rows = [(p.row, p.department) for p in people if p.department]
        problems = department_problems(rows, unit.departments, unit_id, lang)
        if problems:
            head = say(lang, "bad_cells", count=len(problems)) + "\n  " if len(problems) > 1 else ""
            raise PlannerError(head + "\n  ".join(problems), file=shown)
        return UnitChange(path, "unchanged", unit.departments)
    original = path.read_bytes()
    text, encoding = yamlio.read_text(path, str(path))
    new = text
    if found:
        new = set_field(new, "departments", "[" + ", ".join(scalar(d) for d in found) + "]", str(path), "name")
    if unit_name:
        new = set_field(new, "name", scalar(unit_name), str(path))
    if new == text:
        return UnitChange(path, "unchanged", found)
    parse_unit_text(new, str(path), policy)
    return UnitChange(path, "updated", found, encode(new, encoding, original))


# ---------------------------------------------------------------- the whole set

@dataclass
class ImportPlan:
    writes: dict[Path, bytes] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    records: int = 0
    unit: Optional[UnitChange] = None
    originals: dict[Path, Optional[bytes]] = field(default_factory=dict)   # what was read, to check under the lock


def plan_person_files(people: list[RosterPerson], workspace: Workspace, unit_id: str, policy: Policy,
                      year: int, title: str, lang: str, specialty: Optional[str] = None,
                      shown: str = "") -> ImportPlan:
    """The new bytes of every person file, every text checked by the
    person-file parser first. A row without a specialty keeps the person
    file's, or takes `specialty` (--specialty) for a new person."""
    plan = ImportPlan()
    missing = [say(lang, "row", row=p.row) + ": " + say(lang, "no_specialty", id=p.id)
               for p in people if not p.specialty and p.id not in workspace.files and not specialty]
    if missing:
        head = say(lang, "bad_cells", count=len(missing)) + "\n  " if len(missing) > 1 else ""
        raise PlannerError(head + "\n  ".join(missing), file=shown)
    for p in people:
        records = p.records(year, title)
        existing = workspace.files.get(p.id)
        if existing is None and not p.specialty:
            p.specialty = specialty
        if existing is None:
            path = workspace.root / "people" / f"{p.id}.yaml"
            if path.exists():
                raise PlannerError(say(lang, "file_holds_other", row=p.row, id=p.id), file=str(path))
            text = new_person_text(p, unit_id, records)
            parse_person(text, str(path), policy)
            plan.writes[path] = text.encode("utf-8")
            plan.originals[path] = None
            plan.created.append(p.id)
        else:
            original = existing.path.read_bytes()
            old = original.decode(existing.encoding)
            text = updated_person_text(old, p, unit_id, existing.shown, year, records)
            parse_person(text, existing.shown, policy)
            if text == old:
                plan.unchanged.append(p.id)
                continue
            plan.writes[existing.path] = encode(text, existing.encoding, original)
            plan.originals[existing.path] = original
            plan.updated.append(p.id)
        plan.records += len(records)
    return plan
