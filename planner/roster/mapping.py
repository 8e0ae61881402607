"""What a roster's columns and cells mean, by the words of the roster
mapping file (catalog/rosters/<policy id>.yaml) and the policy's route
codes and names: the header row found by its content, the sheet that holds
it, every column classified (a person's field, a route, known and ignored,
or unknown), every hours cell read as exact tenths."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import resources, yamlio
from .. import tenths as q
from ..errors import PlannerError
from ..i18n import t
from ..models.policy import Policy
from .sheets import Flaw, Sheet
from .words import say

SCAN_ROWS = 30                       # the header is among a sheet's first rows
MAX_CELL_TENTHS = 10_000             # 1,000 hours: beyond any route's yearly figure
_SEPARATORS = ":：、,，-_—–/（(·. "
_CODE = re.compile(r"^([a-z])类?(\d*)(.*)$")


def norm(text) -> str:
    """Compared form of a header or cell text: NFKC (full-width digits and
    letters to half-width), no white space at all, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text))).casefold()


@dataclass(frozen=True)
class Mapping:
    fields: dict[str, str]           # compared alias -> person field
    ignore: frozenset[str]
    instruction_sheets: frozenset[str]
    routes: dict[str, str]           # compared alias -> route code
    codes: dict[str, str]            # compared code -> route code
    blank: frozenset[str]
    units: tuple[str, ...]           # compared, longest first
    title: str
    totals: frozenset[str] = frozenset()

    def header_key(self, text) -> str:
        """A header's compared form without a trailing unit: "A类（学时）" -> "a类"."""
        key = norm(text)
        for unit in self.units:
            for wrapped in (f"({unit})", f"[{unit}]", f"/{unit}"):
                if key.endswith(wrapped) and len(key) > len(wrapped):
                    return key[:-len(wrapped)]
        for unit in ("学时", "课时", "学时数"):
            if key.endswith(unit) and len(key) > len(unit):
                return key[:-len(unit)]
        return key


def mapping_path(policy: Policy) -> Path:
    return resources.catalog_dir() / "rosters" / f"{policy.id}.yaml"


def load_mapping(policy: Policy) -> Mapping:
    """The mapping of the policy (only its codes and names when it has no file)."""
    path = mapping_path(policy)
    shown = str(path)
    data = (yamlio.load(path, shown) or {}) if path.exists() else {}
    routes: dict[str, str] = {}
    for code, route in policy.routes.items():
        for name in (route.name, route.name_en, *re.split(r"[：:]", route.name, maxsplit=1)[1:]):
            routes.setdefault(norm(name), code)
    for code, aliases in (data.get("routes") or {}).items():
        if code not in policy.routes:
            raise PlannerError(t("errors.roster_map_route", code=code, policy=policy.id), file=shown, field="routes")
        for alias in aliases:
            if routes.get(norm(alias), code) != code:
                raise PlannerError(t("errors.roster_map_both", alias=alias, first=routes[norm(alias)], second=code),
                                   file=shown, field="routes")
            routes[norm(alias)] = code
    fields = {norm(a): key for key, aliases in (data.get("fields") or {}).items() for a in aliases}
    for key in ("id", "name", "department", "specialty"):
        fields.setdefault(key, key)
    units = tuple(sorted({norm(u) for u in data.get("units") or ()}, key=len, reverse=True))
    return Mapping(fields, frozenset(norm(x) for x in data.get("ignore") or ()),
                   frozenset(norm(x) for x in data.get("instruction_sheets") or ()), routes,
                   {norm(code): code for code in policy.routes},
                   frozenset(norm(x) for x in data.get("blank") or ()), units,
                   data.get("title") or "{route} {year}",
                   frozenset(norm(x) for x in data.get("totals") or ()))


# ---------------------------------------------------------------- columns

@dataclass(frozen=True)
class Column:
    index: int
    text: str                        # as written (first line kept)
    kind: str                        # field | route | ignored | unknown
    key: str = ""                    # the person field or the route code


def classify(mapping: Mapping, index: int, raw) -> Column:
    text = " ".join(str(raw).split())
    key = mapping.header_key(raw)
    if key in mapping.fields:
        return Column(index, text, "field", mapping.fields[key])
    code = route_of(mapping, key)
    if code:
        return Column(index, text, "route", code)
    if key in mapping.ignore:
        return Column(index, text, "ignored")
    return Column(index, text, "unknown")


def route_of(mapping: Mapping, key: str) -> Optional[str]:
    """The route a header names: an alias or name, or its code ("b1",
    "b类1", "c类5：论文", "a类")."""
    if key in mapping.routes:
        return mapping.routes[key]
    match = _CODE.match(key)
    if not match:
        return None
    code = mapping.codes.get(match.group(1) + match.group(2))
    rest = match.group(3)
    if code is None or (match.group(2) == "" and "类" not in key[:2] and rest):
        return None
    if rest == "" or rest[0] in _SEPARATORS or mapping.routes.get(rest) == code:
        return code
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class Layout:
    sheet: Sheet
    header_row: int                  # 0-based
    data_start: int                  # 0-based first data row
    columns: tuple[Column, ...]
    skipped: tuple[tuple[str, str], ...] = ()   # (sheet, why)

    def of(self, kind: str) -> list[Column]:
        return [c for c in self.columns if c.kind == kind]


def _classified(mapping: Mapping, row: list) -> list[Column]:
    return [classify(mapping, i, v) for i, v in enumerate(row) if not _blank(v) and not isinstance(v, Flaw)]


def _is_header(columns: list[Column]) -> bool:
    keys = {c.key for c in columns if c.kind == "field"}
    return "id" in keys and "name" in keys


def find_header(mapping: Mapping, rows: list[list]) -> Optional[tuple[int, int, tuple[Column, ...]]]:
    """(header row, first data row, columns) or None. A second header row
    under the first (route names under a merged "专业科目" / "B类") fills the
    cells the first leaves blank or unknown."""
    for r, row in enumerate(rows[:SCAN_ROWS]):
        columns = _classified(mapping, row)
        if not _is_header(columns):
            continue
        below = _classified(mapping, rows[r + 1]) if r + 1 < len(rows) else []
        by_index = {c.index: c for c in columns}
        ids = {c.index for c in columns if c.kind == "field" and c.key in ("id", "name")}
        if below and not ids & {c.index for c in below} and any(c.kind == "route" for c in below):
            for c in below:
                if c.kind != "unknown" or c.index not in by_index:
                    by_index[c.index] = c
            return r, r + 2, tuple(by_index[i] for i in sorted(by_index))
        return r, r + 1, tuple(columns)
    return None


def choose_sheet(mapping: Mapping, sheets: list[Sheet], wanted: Optional[str], shown: str, lang: str) -> Layout:
    """The sheet named by `wanted` (name or 1-based number), else the first
    visible sheet, not an instructions sheet, that holds a header row."""
    if wanted is not None:
        sheet = _named(sheets, wanted, shown, lang)
        found = find_header(mapping, sheet.rows)
        if found is None:
            raise PlannerError(say(lang, "no_header_in", sheet=sheet.name, rows=SCAN_ROWS), file=shown)
        return Layout(sheet, *found)
    skipped = []
    for sheet in sheets:
        if sheet.hidden:
            skipped.append((sheet.name, "hidden"))
            continue
        if norm(sheet.name) in mapping.instruction_sheets:
            skipped.append((sheet.name, "instructions"))
            continue
        found = find_header(mapping, sheet.rows)
        if found is None:
            skipped.append((sheet.name, "no_header"))
            continue
        return Layout(sheet, *found, skipped=tuple(skipped))
    names = ", ".join(f"'{s.name}'" for s in sheets)
    raise PlannerError(say(lang, "no_header", sheets=names, rows=SCAN_ROWS), file=shown)


def _named(sheets: list[Sheet], wanted: str, shown: str, lang: str) -> Sheet:
    for sheet in sheets:
        if sheet.name == wanted or norm(sheet.name) == norm(wanted):
            return sheet
    if wanted.isdigit() and 1 <= int(wanted) <= len(sheets):
        return sheets[int(wanted) - 1]
    names = ", ".join(f"'{s.name}'" for s in sheets)
    raise PlannerError(say(lang, "no_sheet", sheet=wanted, sheets=names), file=shown)


# ---------------------------------------------------------------- cells

def text_of(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def hours_of(mapping: Mapping, value, lang: str) -> Optional[int]:
    """A route cell as exact tenths (None: nothing on this route): numbers,
    "12学时", full-width digits, stray spaces; ValueError in the user's words."""
    if isinstance(value, Flaw):
        raise ValueError(say(lang, f"cell_{value.kind}", text=value.text))
    if _blank(value):
        return None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        raise ValueError(say(lang, "cell_not_hours", value=text_of(value)))
    if isinstance(value, float):
        value = repr(round(value, 6))      # a spreadsheet's 6.4000000000000004 is 6.4
    text = norm(value)
    if text in mapping.blank:
        return None
    for unit in mapping.units:
        if text.endswith(unit) and len(text) > len(unit):
            text = text[:-len(unit)]
            break
    try:
        tenths = q.to_tenths(text)
    except ValueError:
        raise ValueError(say(lang, "cell_not_hours", value=text_of(value))) from None
    if tenths < 0:
        raise ValueError(say(lang, "cell_negative", value=text_of(value)))
    if tenths > MAX_CELL_TENTHS:
        raise ValueError(say(lang, "cell_too_big", value=text_of(value), limit=q.show_short(MAX_CELL_TENTHS)))
    return tenths or None
