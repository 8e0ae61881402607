"""`record add` as a library function (the CLI's `planner record add` and the
web's person page call it): read the person file under the workspace lock,
append one record as text, re-read the whole file as it would be (bad input
names file, record and field), write atomically. Nothing here knows click."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from .credits import Credit, credit
from .errors import PlannerError
from .files import workspace_lock, write_atomic
from .i18n import t
from .models.activity import Record
from .models.person import Person
from .models.policy import Policy
from .recordfile import append_record, encode
from .workspace import parse_person
from .yamlio import decode, read_bytes


@dataclass(frozen=True)
class Added:
    person: Person          # as the file now reads
    record: Record
    index: int
    credit: Credit


def add_record(root: Path, path: Path, shown: str, entry: dict, policy: Policy,
               check: Optional[Callable[[bytes], None]] = None) -> Added:
    """Append `entry` to the person file at `path` in the workspace `root`.
    `check(raw)` runs on the bytes read, under the lock, before anything is
    written (the web's stale-edit check); it raises to refuse."""
    with workspace_lock(root):               # read, check and write under the lock: never from a stale read
        raw = read_bytes(path, shown)
        if check is not None:
            check(raw)
        text, encoding = decode(raw, shown)
        before = parse_person(text, shown, policy)
        new_text = append_record(text, entry, shown)
        updated = parse_person(new_text, shown, policy)   # bad input naming file, record, field
        if len(updated.records) != len(before.records) + 1:
            raise PlannerError(t("errors.cannot_add"), file=shown,
                               field="records")
        added = updated.records[-1]
        earned = credit(added, policy, updated.specialty)
        write_atomic(path, encode(new_text, encoding, raw), shown)
    return Added(updated, added, len(updated.records) - 1, earned)
