"""Load a workspace (people/, units/) and a catalogue; every error names the
file, the record and the field."""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field as dc_field
from pathlib import Path
from functools import cached_property
from typing import Callable, Optional, Sequence, Union


from . import fileset, yamlio
from .checks import OFFERING_CHECKS, PERSON_CHECKS, check_activity, department_listed, duplicate_key
from .errors import PlannerError
from .i18n import kind_of, t
from .models.activity import Activity, Offering
from .models.parse import Invalid
from .models.person import Person, Unit, UnitTraining
from .models.policy import Policy
from .validation import describe
from .vocab import normalise_item, normalise_person


@dataclass(frozen=True)
class PersonFile:
    """A person's file: the person in it (or what rebuilds them from the
    cache on first use: workspace_cache.py), where it is, how it is written."""
    held: Union[Person, Callable[[], Person]] = dc_field(repr=False)
    path: Path
    shown: str
    encoding: str

    @cached_property
    def person(self) -> Person:
        return self.held() if callable(self.held) else self.held

    def __eq__(self, other):
        if not isinstance(other, PersonFile):
            return NotImplemented
        return (self.person, self.path, self.shown, self.encoding) == (other.person, other.path, other.shown,
                                                                       other.encoding)


@dataclass(frozen=True)
class Workspace:
    root: Path
    files: dict[str, PersonFile]
    units: dict[str, Unit]

    @property
    def people(self) -> dict[str, Person]:
        return {pid: f.person for pid, f in self.files.items()}

    def person(self, pid: str) -> Person:
        if pid not in self.files:
            known = ", ".join(sorted(self.files)[:12]) or t("errors.none")
            more = " ..." if len(self.files) > 12 else ""
            raise PlannerError(t("errors.unknown_person", pid=pid, root=self.root, known=known, more=more))
        return self.files[pid].person

    def unit(self, uid: str) -> Unit:
        if uid not in self.units:
            known = ", ".join(sorted(self.units)) or t("errors.none")
            raise PlannerError(t("errors.unknown_unit", uid=uid, root=self.root, known=known))
        return self.units[uid]

    def staff(self, uid: str) -> list[Person]:
        return [f.person for pid, f in sorted(self.files.items()) if f.person.unit == uid]


def _mapping(data, shown: str, what: str) -> dict:
    if not isinstance(data, dict):
        raise PlannerError(t(f"errors.not_mapping_{what}", found=kind_of(data)), file=shown)
    return data


def _list_field(data: dict, key: str, shown: str, text: str) -> None:
    if key in data and data[key] is not None and not isinstance(data[key], list):
        raise PlannerError(t("errors.must_be_list", key=key), file=shown, field=key,
                           line=yamlio.line_of(text, [key]))


def _title(raw) -> Optional[str]:
    return str(raw.get("title")) if isinstance(raw, dict) and raw.get("title") is not None else None


def _locate(err: PlannerError, text: str, key: str) -> PlannerError:
    if err.record is not None and err.line is None:
        path = [key, err.record] + ([err.field] if err.field and "." not in err.field else [])
        line = yamlio.line_of(text, path) or yamlio.line_of(text, [key, err.record])
        return err.located(line=line)
    if err.field and err.line is None:
        path = [int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", err.field) if p]
        return err.located(line=yamlio.line_of(text, path))
    return err


def parse_person(text: str, shown: str, policy: Policy) -> Person:
    """A person from the text of their file, checked against the policy."""
    data = _mapping(yamlio.loads(text, shown), shown, "person")
    _list_field(data, "records", shown, text)
    _list_field(data, "blackout", shown, text)
    if data.get("records") is None:
        data = {**data, "records": []}
    data = normalise_person(data, policy)
    try:
        person = Person.parse(data)
    except Invalid as err:
        raise _locate(describe(err, shown, data), text, "records") from None
    for check in PERSON_CHECKS:
        problem = check(person, policy)
        if problem:
            raise _locate(PlannerError(problem[1], file=shown, field=problem[0]), text, "records")
    person = with_specialty_history(person)
    seen: dict[tuple, int] = {}
    for index, record in enumerate(person.records):
        raw = data["records"][index]
        problem = check_activity(record, policy)
        if problem is None:
            key = duplicate_key(record, raw)
            if key in seen:
                problem = ("title", t("errors.duplicate_record", number=seen[key] + 1))
            seen.setdefault(key, index)
            if record.offering:
                okey = ("offering", record.offering)
                if okey in seen and problem is None:
                    problem = ("offering", t("errors.offering_recorded", id=record.offering, number=seen[okey] + 1))
                seen.setdefault(okey, index)
        if problem:
            raise _locate(PlannerError(problem[1], file=shown, record=index, title=record.title,
                                       field=problem[0]), text, "records")
    return person


def with_specialty_history(person: Person) -> Person:
    """Each record without its own `specialty` is judged by the specialty
    `specialty_since` gives for its completion date (an undated record: the
    last day of its year)."""
    if not person.specialty_since:
        return person
    records = tuple(r if r.specialty else r.replace(specialty=person.specialty_on(
        r.last_day or dt.date(r.credit_year, 12, 31))) for r in person.records)
    return person.replace(records=records)


def load_person_file(path: Path, shown: str, policy: Policy) -> PersonFile:
    text, encoding = yamlio.read_text(path, shown)
    return PersonFile(parse_person(text, shown, policy), path, shown, encoding)


MAX_FOLDER_DEPTH = 8          # people/<department>/<team>/... nests a few levels at most
MAX_FILES = 100_000


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files under `folder`, without recursion and without following
    symlinked folders (no loop, no 1,200-deep tree walked)."""
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        try:
            entries = list(os.scandir(current))
        except FileNotFoundError:
            continue
        except OSError as err:
            raise PlannerError(yamlio.os_words(err), file=str(current)) from None
        for entry in entries:
            path = Path(entry.path)
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    raise PlannerError(t("errors.folders_too_deep", depth=MAX_FOLDER_DEPTH, folder=folder),
                                       file=str(path))
                stack.append((path, depth + 1))
            elif path.suffix in (".yaml", ".yml") and entry.is_file():
                found.append(path)
                if len(found) > MAX_FILES:
                    raise PlannerError(t("errors.too_many_files", most=f"{MAX_FILES:,}"), file=str(folder))
    return sorted(found)


def load_workspace(root: Path, policy: Policy, lang: str = "zh") -> Workspace:
    root = Path(root)
    if yamlio.kind_of(root) != "folder":
        raise PlannerError(t("errors.workspace_missing", root=root))
    fileset.recover(root)           # an import cut short is finished (or undone) before anything is read
    from .workspace_cache import cached
    paths = yaml_files(root / "people") + yaml_files(root / "units")
    build = lambda files, units: Workspace(root, {pid: PersonFile(person, Path(path), shown, encoding)
                                                  for pid, person, path, shown, encoding in files}, units)
    return cached(root, paths, policy, lambda: _load_workspace(root, policy, lang), build)


def _load_workspace(root: Path, policy: Policy, lang: str) -> Workspace:
    files: dict[str, PersonFile] = {}
    for path in yaml_files(root / "people"):
        shown = str(path)
        pf = load_person_file(path, shown, policy)
        pid = pf.person.id
        if pid in files:
            raise PlannerError(t("errors.person_id_used", pid=pid, other=files[pid].shown), file=shown, field="id")
        files[pid] = pf
    units: dict[str, Unit] = {}
    unit_files: dict[str, str] = {}
    for path in yaml_files(root / "units"):
        shown = str(path)
        unit = parse_unit(path, shown, policy)
        if unit.id in units:
            raise PlannerError(t("errors.unit_id_used", uid=unit.id, other=unit_files[unit.id]), file=shown, field="id")
        units[unit.id] = unit
        unit_files[unit.id] = shown
    for pf in files.values():
        problem = department_listed(pf.person, units.get(pf.person.unit), lang)
        if problem:
            text, _ = yamlio.read_text(pf.path, pf.shown)
            raise PlannerError(problem[1], file=pf.shown, field=problem[0],
                               line=yamlio.line_of(text, [problem[0]]))
    return Workspace(root, files, units)


def parse_unit(path: Path, shown: str, policy: Policy) -> Unit:
    text, _ = yamlio.read_text(path, shown)
    return parse_unit_text(text, shown, policy)


def parse_unit_text(text: str, shown: str, policy: Policy) -> Unit:
    """A unit from the text of its file."""
    data = _mapping(yamlio.loads(text, shown), shown, "unit")
    _list_field(data, "unit_trainings", shown, text)
    try:
        unit = Unit.parse(data)
    except Invalid as err:
        raise _locate(describe(err, shown, data, "unit_trainings"), text, "unit_trainings") from None
    seen: dict[str, int] = {}
    for index, training in enumerate(unit.unit_trainings):
        problem = training_problem(data["unit_trainings"][index], policy, _activity_of(training, policy))
        if problem is None and training.id in seen:
            problem = ("id", t("errors.training_id_used", id=training.id, number=seen[training.id] + 1))
        if problem:
            raise _locate(PlannerError(problem[1], file=shown, record=index, title=training.title, field=problem[0],
                                       collection="unit_trainings"), text, "unit_trainings")
        seen.setdefault(training.id, index)
    return unit


def _activity_fields(raw: dict, policy: Policy) -> dict:
    fields = {key: raw[key] for key in ("title", "year", "date", "start", "end", "days") if raw.get(key) is not None}
    fields["route"] = raw.get("route") or policy.unit_training_route
    return fields


def _activity_of(training: UnitTraining, policy: Policy) -> Optional[Activity]:
    """The checked training as an Activity on its route, built from its own
    values (already in internal units: no second parse of 10,000 trainings);
    None when it is not one (training_problem then parses it for the message)."""
    try:
        return Activity(route=training.route or policy.unit_training_route, title=training.title,
                        year=training.year, date=training.date, start=training.start, end=training.end,
                        days=training.days)
    except ValueError:
        return None


def training_problem(raw: dict, policy: Policy, activity: Optional[Activity] = None):
    """A unit training is a dated activity on a route of the policy (by default
    its unit-training route) that the route can price: (field, message) or None.
    `activity`: the training already validated as one (a batch of them)."""
    if not any(raw.get(key) is not None for key in ("date", "start", "end")):
        return "date", t("errors.training_needs_date")
    if activity is None:
        fields = _activity_fields(raw, policy)
        try:
            activity = Activity.parse(fields)
        except Invalid as err:
            located = describe(err, "", fields)
            return located.field or "date", located.message
    return check_activity(activity, policy)


def training_clash(root: Path, unit: Unit, catalog: "Catalog", policy: Policy) -> Optional[PlannerError]:
    """A unit training whose id is also a catalogue offering's (the plan
    would take one for the other): bad input naming the unit's file, the
    training and the catalogue file; None when every id is the unit's own."""
    for index, training in enumerate(unit.unit_trainings):
        if catalog.get(training.id) is None:
            continue
        err = PlannerError(t("errors.training_id_in_catalog", id=training.id, file=catalog.sources[training.id]),
                           record=index, title=training.title, field="id", collection="unit_trainings")
        for path in yaml_files(Path(root) / "units"):             # which file holds the unit: only now
            text, _ = yamlio.read_text(path, str(path))
            if parse_unit_text(text, str(path), policy).id == unit.id:
                return _locate(err, text, "unit_trainings").located(file=str(path))
        return err
    return None


@dataclass(frozen=True)
class Catalog:
    offerings: tuple[Offering, ...]
    sources: dict[str, str]          # offering id -> the file it came from
    by_id: dict[str, Offering]

    def get(self, oid: str) -> Optional[Offering]:
        return self.by_id.get(oid)


def load_catalog(path: Path, policy: Policy) -> Catalog:
    """Offerings from one YAML file or every YAML file under a folder (the
    validated catalogue is kept in the user's cache: catalog_cache.py)."""
    path = Path(path)
    kind = yamlio.kind_of(path)
    if kind == "folder":
        paths = yaml_files(path)
    elif kind == "file":
        paths = [path]
    else:
        raise PlannerError(t("errors.catalog_missing", path=path))
    files = []
    for file in paths:
        text, _ = yamlio.read_text(file, str(file))
        files.append((str(file), text))
    from .catalog_cache import cached
    return cached(files, policy, parse_catalog, Catalog)   # read and checked once, then from the cache


def parse_catalog(files: Sequence[tuple[str, str]], policy: Policy) -> Catalog:
    """Offerings from the texts of catalogue files, as (shown name, text) pairs."""
    offerings: list[Offering] = []
    sources: dict[str, str] = {}
    for shown, text in files:
        data = yamlio.loads(text, shown)
        if data is None:
            continue
        if not isinstance(data, dict) or "offerings" not in data:
            raise PlannerError(t("errors.catalog_no_offerings"), file=shown)
        _list_field(data, "offerings", shown, text)
        for index, raw in enumerate(data["offerings"] or []):
            raw = normalise_item(raw, policy)
            try:
                offering = Offering.parse(raw)
            except Invalid as err:
                located = describe(err, shown, data)
                raise _locate(PlannerError(located.message, file=shown, record=index, title=_title(raw),
                                           field=located.field, collection="offerings"), text, "offerings") from None
            problem = check_activity(offering, policy, OFFERING_CHECKS)
            if problem is None and offering.id in sources:
                problem = ("id", t("errors.offering_id_used", id=offering.id, file=sources[offering.id]))
            if problem:
                raise _locate(PlannerError(problem[1], file=shown, record=index, title=offering.title,
                                           field=problem[0], collection="offerings"), text, "offerings")
            offerings.append(offering)
            sources[offering.id] = shown
    return Catalog(tuple(offerings), sources, {o.id: o for o in offerings})
