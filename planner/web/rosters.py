"""The import page's use of the roster package (planner/roster/): read a
roster for a preview that shows every row and marks each bad cell, and the
import's plan and commit. Only the package's functions; no roster rules here."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from . import domain

PREVIEW_ROWS = 500          # rows shown (all are checked)


@dataclass
class Preview:
    sheet: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)     # (sheet row number, cells)
    cells: dict[tuple[int, int], str] = field(default_factory=dict)      # (row number, column index) -> problem
    problems: list[str] = field(default_factory=list)                    # the rest, in the roster's words
    notices: list[str] = field(default_factory=list)
    people: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    records: int = 0
    more: int = 0               # rows not shown

    @property
    def ok(self) -> bool:
        return not self.cells and not self.problems


def _text(value) -> str:
    return "" if value is None else str(value)


def _layout(path: Path, policy, lang: str, preview: Preview):
    """The sheet and header row the import reads (the roster package's choice)."""
    from ..roster.mapping import choose_sheet, find_header, load_mapping
    from ..roster.sheets import read_sheets
    mapping = load_mapping(policy)
    sheets = read_sheets(path, lang, lambda rows: find_header(mapping, rows) is not None)
    layout = choose_sheet(mapping, sheets, None, str(path), lang)
    rows = layout.sheet.rows
    preview.sheet = layout.sheet.name
    preview.header = [_text(v) for v in rows[layout.header_row]]
    body = list(enumerate(rows[layout.data_start:], start=layout.data_start + 1))
    preview.rows = [(n, [_text(v) for v in row]) for n, row in body[:PREVIEW_ROWS]]
    preview.more = max(0, len(body) - PREVIEW_ROWS)
    return layout


def read(path: Path, shown: str, store, unit_id: str, year: int, lang: str):
    """(Preview, the import plan or None): every cell checked, nothing written."""
    from .. import roster
    preview = Preview()
    try:
        _layout(path, store.policy, lang, preview)
        found = roster.read_roster(path, store.policy, lang=lang)
        preview.notices = roster.notices(found, lang)
        preview.people = len(found.people)
        plan = roster.plan_import(found, store.workspace(), unit_id, store.policy, year, shown=shown, lang=lang)
    except domain.PlannerError as err:
        cells = getattr(err, "cells", ())
        for row, column, message in cells:
            preview.cells[(row, column)] = message
        placed = set(preview.cells.values())
        items = err.message.split("\n  ")
        rest = [line for line in (items[1:] if len(items) > 1 else items) if line not in placed]
        preview.problems += [line.replace(str(path), shown) for line in rest]
        return preview, None
    preview.created, preview.updated = list(plan.created), list(plan.updated)
    preview.unchanged, preview.records = list(plan.unchanged), plan.records
    return preview, plan


def commit(plan, root: Path, lang: str) -> None:
    from .. import roster
    roster.commit(plan, root, lang)


def written(plan) -> list[Path]:
    return sorted(plan.writes)


def check_unit(unit_id: str, lang: str) -> Optional[str]:
    from .. import roster
    try:
        roster.check_unit_id(unit_id, lang)
    except domain.PlannerError as err:
        return err.message
    return None
