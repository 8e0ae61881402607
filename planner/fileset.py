"""Several files of a workspace written all or nothing, even across a kill.

A journal folder `.planner-journal/` in the workspace holds the new bytes of
every file first; writing its `manifest.json` (atomically, by the project's
one writer, files.write_atomic) is the moment the set is decided; then each
file is renamed into place and the folder removed. Whoever finds the folder
later (the next command that reads the workspace, or the next write)
finishes the renames when the manifest is there, or removes the folder when
it is not: every reader sees all the old files or all the new ones, and no
temporary file outlives the recovery. Writers and recoverers hold the
workspace lock (files.workspace_lock) while they work.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .errors import PlannerError
from .i18n import t
from .files import workspace_lock, write_atomic

JOURNAL = ".planner-journal"
MANIFEST = "manifest.json"


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:                         # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:                         # pragma: no cover
        pass
    finally:
        os.close(fd)


def _finish(root: Path, journal: Path) -> None:
    """Roll a journal forward (manifest written) or back (no manifest)."""
    manifest = journal / MANIFEST
    if manifest.is_file():
        entries = json.loads(manifest.read_text(encoding="utf-8"))
        for staged, target in entries:
            source = journal / staged
            if source.exists():
                os.replace(source, root / target)
        for parent in {(root / target).parent for _, target in entries}:
            _fsync_dir(parent)
        manifest.unlink()
    shutil.rmtree(journal)
    _fsync_dir(root)


def recover(root: Path) -> bool:
    """Finish or undo an interrupted set of writes; True when there was one."""
    root = Path(root)
    if not (root / JOURNAL).exists():
        return False
    with workspace_lock(root):
        if (root / JOURNAL).exists():
            _finish(root, root / JOURNAL)
            return True
    return False


def write_all(root: Path, writes: dict[Path, bytes], after_lock=None) -> None:
    """Every file of `writes` (paths inside `root`) replaced, or none.
    `after_lock()` runs under the lock before anything is written (a last
    check that what was read is still what is on disk)."""
    root = Path(root)
    with workspace_lock(root):
        journal = root / JOURNAL
        if journal.exists():
            _finish(root, journal)
        if after_lock is not None:
            after_lock()
        if not writes:
            return
        journal.mkdir()
        entries = []
        try:
            for n, (path, data) in enumerate(sorted(writes.items())):
                target = Path(os.path.realpath(path))          # a symlinked file is written through
                staged = f"{n}.new"
                mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
                fd = os.open(journal / staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(journal / staged, mode)
                target.parent.mkdir(parents=True, exist_ok=True)
                if os.stat(target.parent).st_dev != os.stat(journal).st_dev:
                    raise PlannerError(t("errors.other_file_system", path=path, root=root))
                entries.append((staged, os.path.relpath(target, root)))
            _fsync_dir(journal)
            write_atomic(journal / MANIFEST, json.dumps(entries, ensure_ascii=False))
        except BaseException:
            shutil.rmtree(journal, ignore_errors=True)
            raise
        _finish(root, journal)
