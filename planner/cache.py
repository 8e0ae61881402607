"""A cache of what was read and checked once (the message catalogues, a
validated offerings catalogue), so a large catalogue is parsed once and not
on every run.

Where: $PLANNER_CACHE (a folder; empty, `0` or `off` turns the cache off),
else $XDG_CACHE_HOME/planner, else ~/.cache/planner. Never inside the data
folder (the bundled demo may be read-only).

Each entry is one JSON file named after what it holds (its kind and the
paths it was read from), and it stores the digest of everything its value
was made from (the files' bytes, the planner version, the policy): an entry
is used only when that digest matches, so it is never stale; an edited file
simply rewrites its own entry, and the folder does not grow with each edit.
A file that is not valid JSON or holds another digest is ignored and
replaced (written beside, then renamed over: a reader never sees half a
file). Any error of the cache itself (a read-only home, a full disk) only
means no cache: the folder is safe to delete at any time.

A time-limited command (`unit`, `suggest`) holds the writing of its entries
(`hold`, `later`) until its output is out, and then writes those its limit
leaves the time for, or all of them when the limit has passed already
(`write_held`): keeping 10,000 unit trainings costs half a second, which
the plan needs more (issue 10).
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from . import __version__

FORMAT = 2        # 2: the models are dataclasses (no pydantic fields-set kept)
OFF = ("", "0", "off", "no", "none", "false")


def folder() -> Optional[Path]:
    """The cache folder in effect, or None when the cache is turned off."""
    chosen = os.environ.get("PLANNER_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in OFF else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "planner"
    try:
        return Path.home() / ".cache" / "planner"
    except RuntimeError:                    # no home folder at all: no cache
        return None


KEEP_SHARE = 0.5     # keeping an entry takes 0.2-0.6 of the reading now that reading is cheaper (the events
                     # builder, rare full collections): 10,000 unit trainings 0.15-0.19 of 0.85 s, 10,000
                     # offerings 0.10-0.19 of 0.31-0.48 s (the write's own time varies most: docs/benchmarks.md)
_held: Optional[list] = None      # (write, seconds) held until write_held, while holding


def hold() -> None:
    """From now on `later` holds its writes until `write_held` (or `drop_held`)."""
    global _held
    _held = []


def later(write: Callable[[], None], seconds: float) -> None:
    """Keep an entry (`write`, about `seconds` long) now, or when held, after the output."""
    if _held is None:
        write()
    else:
        _held.append((write, seconds))


def held_seconds() -> float:
    """About how long the held writes will take (what the limit must leave for them)."""
    return sum(seconds for _, seconds in _held or ())


def write_held(by: Optional[float]) -> int:
    """The held writes, each if it ends before `by` (a time.perf_counter()
    reading; None: no limit), or if `by` has passed already (the reading
    alone took the limit: without the entry no run of these files could
    keep it); the others are dropped (the next run reads those files
    again). Holding stops. Returns how many were dropped."""
    global _held
    held, _held = _held or [], None
    dropped = 0
    for write, seconds in held:
        now = time.perf_counter()
        if by is None or now + seconds <= by or now >= by:
            write()
        else:
            dropped += 1
    return dropped


def drop_held() -> None:
    """Holding stops; what was held is not written (the command failed)."""
    global _held
    _held = None


def digest(*parts: "bytes | str") -> str:
    """The digest of what a value is made from (with the planner's version and the cache format)."""
    h = hashlib.sha256(f"planner {__version__} cache {FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _entry(kind: str, names: Iterable[str]) -> Optional[Path]:
    root = folder()
    if root is None:
        return None
    return root / f"{kind}-{digest(*names)[:32]}.json"


def load(kind: str, names: Iterable[str], made_from: str) -> Optional[Any]:
    """The value stored for `kind` and `names`, if it was made from `made_from`; else None."""
    path = _entry(kind, names)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            entry = json.loads(fh.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("digest") != made_from or entry.get("kind") != kind:
        return None
    return entry.get("value")


def store(kind: str, names: Iterable[str], made_from: str, value: Any, exact: bool = False) -> None:
    """Keep `value` for next time, if JSON gives it back exactly (`exact`:
    the caller's encoding guarantees it, as planner.stored's does: not
    read back to check); a cache that cannot be written is no cache."""
    path = _entry(kind, names)
    if path is None:
        return
    data = json.dumps({"kind": kind, "digest": made_from, "value": value}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")
    if not exact and json.loads(data)["value"] != value:      # not plain JSON (an int key, a date): not kept
        return
    import tempfile
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
