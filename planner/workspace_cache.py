"""A validated workspace (its people and units), kept in the cache (cache.py)
so that `planner audit --person X` reads no YAML and validates nothing when
no file changed.

The entry is made from every person and unit file (names and bytes), the
policy and the planner version: one byte changed anywhere is a miss, and the
workspace is read and checked afresh. Only a workspace that loaded without
error is kept (an error is always found again, and worded in the language
of the run). Each person is rebuilt when first asked for: `audit --person X`
in a workspace of 300 rebuilds one.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Optional

from . import cache, stored

KIND = "workspace"


def _made_from(root: Path, paths: list[Path], policy) -> Optional[str]:
    parts = [str(root), stored.fingerprint(policy)]
    for path in paths:
        try:
            with open(path, "rb") as fh:
                parts += [str(path), fh.read()]
        except OSError:
            return None                     # the loader words the problem
    return cache.digest(*parts)


def cached(root: Path, paths: list[Path], policy, load: Callable, build: Callable):
    """The workspace at `root` (whose files are `paths`): from the cache when
    none of them changed (`build(files, units)` makes it of what was kept),
    else `load()` (then kept)."""
    if cache.folder() is None:
        return load()
    made_from = _made_from(root, paths, policy)
    entry = cache.load(KIND, [str(root)], made_from) if made_from else None
    if isinstance(entry, dict):
        files = _deferred(entry.get("files"), load)
        units = stored.rebuild(entry.get("units"))
        if files is not None and isinstance(units, dict):
            try:
                return build(files, units)
            except (TypeError, ValueError):
                pass
    began = time.perf_counter()
    workspace = load()
    if made_from:       # keeping costs up to cache.KEEP_SHARE of the reading (cache.later: maybe after the output)
        cache.later(lambda: _keep(root, made_from, workspace), cache.KEEP_SHARE * (time.perf_counter() - began))
    return workspace


def _deferred(rows, load) -> Optional[list]:
    """The cached rows [id, person, path, shown, encoding] with each person
    a function that rebuilds them (or, should that fail, reads the workspace
    afresh: `load`)."""
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 5 for r in rows):
        return None
    def person_of(pid, encoded):
        def rebuild():
            person = stored.rebuild(encoded)
            return person if person is not None and getattr(person, "id", None) == pid else load().person(pid)
        return rebuild
    return [[pid, person_of(pid, encoded), path, shown, encoding] for pid, encoded, path, shown, encoding in rows]


def _keep(root: Path, made_from: str, workspace) -> None:
    files = stored.keep([[pid, f.person, str(f.path), f.shown, f.encoding] for pid, f in workspace.files.items()])
    units = stored.keep(workspace.units)
    if files is not None and units is not None:
        cache.store(KIND, [str(root)], made_from, {"files": files, "units": units}, exact=True)
