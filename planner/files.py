"""Files written whole or not at all, and writers that exclude each other.

- `write_atomic`: a temporary file beside the target, fsync, rename. A
  symbolic link is written through (its target is replaced, the link stays);
  a FIFO, device, socket or folder is refused, never opened. Every failure
  is a PlannerError in the user's words naming the user's path, never the
  temporary file.
- `workspace_lock`: one lock per workspace (fcntl.flock on `.planner.lock`
  in its folder); every writer of a workspace file (record add, import, the
  web forms) holds it from the read it starts from to its last rename. A
  writer that holds it also removes the temporary files a killed write of
  the same file left behind.
- `same_file`: whether an output path is one of the inputs.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import PlannerError
from .i18n import t

WORKSPACE_LOCK = ".planner.lock"
_HELD = threading.local()   # .paths: the lock files this thread holds now
LOCK_WAIT = 60.0             # seconds a writer waits for another before giving up (exit 2)


_WRITE_WORDS = {errno.ENOENT: "no_folder", errno.EACCES: "no_permission", errno.EPERM: "no_permission",
                errno.EROFS: "read_only", errno.ENAMETOOLONG: "name_too_long", errno.ENOTDIR: "not_dir",
                errno.EISDIR: "is_dir", errno.ENOSPC: "disk_full", errno.ELOOP: "loop"}


def _words(err: OSError, path: str):
    """Why a write failed, in the user's words (errors.os in the catalogues)."""
    key = _WRITE_WORDS.get(err.errno)
    if key is None:
        return t("errors.os.cannot_write", problem=err.strerror)
    return t(f"errors.os.{key}", folder=os.path.dirname(path) or ".")


def target_of(path: Path) -> Path:
    """Where writing `path` really goes: through every symbolic link."""
    return Path(os.path.realpath(path))


def _writable_target(path: Path, shown: str) -> tuple[Path, int | None]:
    """The real file to replace, and its permission bits if it exists."""
    target = target_of(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target, None
    except OSError as err:
        raise PlannerError(_words(err, shown), file=shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise PlannerError(t("errors.is_folder"), file=shown)
    if not stat.S_ISREG(info.st_mode):
        raise PlannerError(t("errors.not_regular_out"), file=shown)
    return target, info.st_mode & 0o7777


def write_atomic(path: Path, data: str | bytes, shown: str | None = None) -> None:
    """Write a whole file or nothing: a temporary file beside it, then rename."""
    path = Path(path)
    shown = shown or str(path)
    target, mode = _writable_target(path, shown)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise PlannerError(_words(err, shown), file=shown) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o644)
        os.replace(tmp, target)
    except OSError as err:
        _discard(tmp)
        raise PlannerError(_words(err, shown), file=shown) from None
    except BaseException:
        _discard(tmp)
        raise
    _sync_folder(target.parent)
    if _in_locked_workspace(target):
        _sweep(target)


def _in_locked_workspace(target: Path) -> bool:
    """Whether this thread holds the lock of a workspace that `target` is in:
    then no other writer of this file is at work, and any temporary file of
    it is litter from a write that was killed."""
    return any(target.is_relative_to(Path(lock).parent) for lock in getattr(_HELD, "paths", ()))


def _sweep(target: Path) -> None:
    """Remove what killed writes of `target` left behind (`.name.*.tmp`)."""
    for litter in target.parent.glob(f".{glob.escape(target.name[:200])}.*.tmp"):
        _discard(str(litter))


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """The rename itself survives a crash (best effort: not every file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(lock_path: Path, shown: str | None = None, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive fcntl.flock on `lock_path` (created if missing) for
    the duration; another holder is waited for up to `wait` seconds. The
    thread that holds it may take it again (a writer whose workspace load
    finishes an interrupted import must not wait for itself)."""
    shown = shown or str(lock_path)
    key = os.path.abspath(lock_path)
    held = _HELD.__dict__.setdefault("paths", set())
    if key in held:                  # this thread holds it already (a writer that reads the workspace): re-entrant
        yield
        return
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, 0o644)
    except OSError as err:
        raise PlannerError(_words(err, shown), file=shown) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PlannerError(t("errors.lock_not_regular"), file=shown)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PlannerError(t("errors.lock_busy", seconds=f"{wait:.0f}"), file=shown) from None
                time.sleep(0.02)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def workspace_lock(root: Path, wait: float = LOCK_WAIT):
    """The one lock every writer of a workspace file holds."""
    return locked(Path(root) / WORKSPACE_LOCK, wait=wait)


def same_file(out: Path, inputs: Callable[[], Iterable[Path]]) -> Path | None:
    """The input that `out` would overwrite (through links), or None; the
    inputs are listed only when `out` exists."""
    try:
        info = os.stat(out)
    except (OSError, ValueError):
        return None
    for path in inputs():
        try:
            other = os.stat(path)
        except (OSError, ValueError):
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return Path(path)
    return None
