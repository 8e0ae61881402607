"""`planner import`: a unit's staff roster (.xlsx, .xls, .csv) into person
files and the unit file, all or nothing.

One job per module: `sheets` reads the file into sheets of raw cells
(`encoding` tells a csv file's encoding), `mapping` finds the sheet and its
header row and says what each column and cell means (by the words of
catalog/rosters/<policy id>.yaml), `records` turns rows into people with
registered hours, `write` builds the new file texts, `template` writes an
empty roster for offices to fill. The set of files is written by
fileset.write_all.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .. import fileset
from ..errors import PlannerError
from ..models.policy import Policy
from ..workspace import Workspace
from .encoding import encoding_name
from .mapping import choose_sheet, find_header, load_mapping
from .records import Roster, RosterPerson, read_people, specialty_of
from .sheets import read_sheets
from .template import template_bytes, write_template
from .words import say
from .write import ImportPlan, plan_person_files, unit_change, unit_file_text

__all__ = ["Roster", "RosterPerson", "ImportPlan", "read_roster", "plan_import", "commit", "notices",
           "check_unit_id", "write_template", "template_bytes", "unit_file_text"]


def read_roster(path: Path, policy: Policy, sheet: Optional[str] = None, lang: str = "zh") -> Roster:
    """The people of a roster file, every cell checked."""
    mapping = load_mapping(policy)
    sheets = read_sheets(Path(path), lang, lambda rows: find_header(mapping, rows) is not None)
    layout = choose_sheet(mapping, sheets, sheet, str(path), lang)
    return read_people(layout, mapping, policy, str(path), lang)


def check_unit_id(unit_id: str, lang: str) -> None:
    if not unit_id.strip() or unit_id.startswith(".") or len(unit_id) > 64 or \
            any(ch in unit_id for ch in "/\\:*?\"<>|\r\n\t\0"):
        raise PlannerError(say(lang, "bad_unit_id", value=unit_id), field="--unit")


def plan_import(roster: Roster, workspace: Workspace, unit_id: str, policy: Policy, year: int,
                unit_name: Optional[str] = None, shown: str = "", lang: str = "zh",
                specialty: Optional[str] = None) -> ImportPlan:
    """Every file the import writes (person files and the unit file), checked.
    `specialty` (a code or name) is for new people whose row gives none."""
    check_unit_id(unit_id, lang)
    code = None
    if specialty is not None:
        code = specialty_of(policy, specialty)
        if code is None:
            raise PlannerError(say(lang, "unknown_specialty", value=specialty,
                                   expected=" | ".join(policy.specialties)), field="--specialty")
    unit = unit_change(workspace, unit_id, unit_name, roster.people, policy, shown, lang)
    plan = plan_person_files(roster.people, workspace, unit_id, policy, year, load_mapping(policy).title, lang,
                             code, shown)
    plan.unit = unit
    if unit.data is not None:
        plan.writes[unit.path] = unit.data
        plan.originals[unit.path] = unit.path.read_bytes() if unit.path.exists() else None
    return plan


def commit(plan: ImportPlan, root: Path, lang: str = "zh") -> None:
    """All the files or none; a file changed since it was read stops it."""
    def unchanged_since_read():
        for path, before in plan.originals.items():
            now = path.read_bytes() if path.exists() else None
            if now != before:
                raise PlannerError(say(lang, "changed_meanwhile"), file=str(path))
    fileset.write_all(root, plan.writes, after_lock=unchanged_since_read)


def notices(roster: Roster, lang: str = "zh") -> list[str]:
    """The one-line notices of what the import read and left aside."""
    layout = roster.layout
    lines = [say(lang, "sheet", sheet=layout.sheet.name, row=layout.header_row + 1)]
    if layout.sheet.encoding:
        lines[0] += "; " + say(lang, "encoding", encoding=encoding_name(layout.sheet.encoding))
    lines += [say(lang, "skipped_sheet", sheet=name, why=say(lang, f"why.{reason}")) for name, reason in layout.skipped]
    if roster.ignored:
        lines.append(say(lang, "ignored", columns=", ".join(roster.ignored)))
    if roster.skipped:
        lines.append(say(lang, "skipped_rows", rows=", ".join(map(str, roster.skipped))))
    return lines
