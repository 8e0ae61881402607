"""What stays loaded between requests: the policy and the catalogue once, the
workspace again only when one of its files changed; content hashes for the
stale-edit check; the change log; one lock per workspace for writers."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

from . import domain
from .config import ServeConfig
from ..files import WORKSPACE_LOCK

CHANGE_LOG = "changes.log"          # in the workspace: one JSON line per write
LOCK_FILE = WORKSPACE_LOCK            # the one lock every writer of a workspace holds (CLI too)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def file_hash(path: Path) -> str:
    try:
        return content_hash(Path(path).read_bytes())
    except FileNotFoundError:
        return "absent"


def _signature(root: Path) -> tuple:
    found = []
    for folder in ("people", "units"):
        base = root / folder
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.suffix in (".yaml", ".yml") and path.is_file():
                    st = path.stat()
                    found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


class Store:
    """One per server. Thread-safe: pages are built in worker threads."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.policy = domain.resolve_policy(config.policy)
        self.catalog = domain.load_catalog(config.catalog, self.policy)
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._workspace = None
        self._signature = None
        self.plans: OrderedDict = OrderedDict()     # a small LRU of person plans

    @property
    def root(self) -> Path:
        return self.config.data

    def workspace(self):
        """The workspace as on disk now (re-read only when a file changed)."""
        sig = _signature(self.root)
        with self._lock:
            if self._workspace is None or sig != self._signature:
                self._workspace = domain.load_workspace(self.root, self.policy)
                self._signature = sig
            return self._workspace

    def today(self) -> dt.date:
        return self.config.date()

    def cached_plan(self, key, make):
        with self._lock:
            if key in self.plans:
                self.plans.move_to_end(key)
                return self.plans[key]
        result = make()
        with self._lock:
            self.plans[key] = result
            while len(self.plans) > 64:
                self.plans.popitem(last=False)
        return result

    @contextmanager
    def writing(self):
        """The server's writing threads one at a time (each write also holds
        the workspace lock, files.workspace_lock, against other processes)."""
        with self._write_lock:
            yield

    def log_change(self, who: str, file: Path, record: str, action: str) -> None:
        """Append one line to the workspace's change log (under `writing`)."""
        entry = {"when": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "who": who,
                 "action": action, "file": os.path.relpath(file, self.root), "record": record}
        with open(self.root / CHANGE_LOG, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
