"""The results database (sqlite3): one writer, the main process, one
transaction per finished task, so a killed run loses at most the tasks in
flight and `--resume` computes only what is missing.

Tables (README `planner batch` names `runs`, `persons`, `targets`, `items`, `offerings`):
- runs:      one row: kind, policies and fingerprints, today, years, flags
- offerings: the catalogue's offerings (id, route, year, title, seats, fee)
- persons:   one row per person file and policy variant
- targets:   one row per target of a person (the report's shortfalls)
- items:     one row per planned item
- seats/rounds: --share-seats (seat use, the price rounds' bounds)

Keys are the person's file (relative to --data) and the variant (`current`,
or `draft` under --compare-policy); tables are WITHOUT ROWID, so their
content does not depend on the order tasks finished in.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..errors import PlannerError
from ..i18n import t

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  run INTEGER PRIMARY KEY, kind TEXT NOT NULL, policy TEXT, policy_fingerprint TEXT,
  draft_policy TEXT, draft_fingerprint TEXT, catalog_fingerprint TEXT, context_fingerprint TEXT,
  workspace_fingerprint TEXT, today TEXT, years TEXT, flags TEXT, persons INTEGER, complete INTEGER);
CREATE TABLE IF NOT EXISTS offerings (
  offering TEXT PRIMARY KEY, route TEXT, year INTEGER, title TEXT, seats INTEGER, fee REAL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS persons (
  variant TEXT NOT NULL, file TEXT NOT NULL, sha TEXT, workspace TEXT, person TEXT, name TEXT,
  unit TEXT, department TEXT, status TEXT, met INTEGER, effort_hours REAL, fee REAL,
  shortfall REAL, error TEXT, effort_minutes INTEGER, PRIMARY KEY (variant, file)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS targets (
  variant TEXT NOT NULL, file TEXT NOT NULL, person TEXT, period TEXT NOT NULL, target TEXT NOT NULL,
  required REAL, value REAL, shortfall REAL, met INTEGER, binding INTEGER,
  PRIMARY KEY (variant, file, period, target)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS items (
  variant TEXT NOT NULL, file TEXT NOT NULL, person TEXT, offering TEXT NOT NULL, year INTEGER,
  route TEXT, hours REAL, effort_hours REAL, fee REAL,
  PRIMARY KEY (variant, file, offering)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
  offering TEXT PRIMARY KEY, seats INTEGER, wanted INTEGER, taken INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rounds (
  round INTEGER PRIMARY KEY, kind TEXT, bound REAL, effort_hours REAL, overflow INTEGER, moved INTEGER);
"""

PERSON_COLUMNS = ("variant", "file", "sha", "workspace", "person", "name", "unit", "department",
                  "status", "met", "effort_hours", "fee", "shortfall", "error", "effort_minutes")
TARGET_COLUMNS = ("variant", "file", "person", "period", "target", "required", "value", "shortfall",
                  "met", "binding")
ITEM_COLUMNS = ("variant", "file", "person", "offering", "year", "route", "hours", "effort_hours", "fee")
TABLES = ("runs", "offerings", "persons", "targets", "items", "seats", "rounds")
VARIANTS = ("current", "draft")          # context.Loaded.policies()
# A file's rows of every variant, found through the primary key (variant, file, ...):
# `WHERE file = ?` alone scans the whole table, once per file (quadratic in the province).
BY_FILE = f"WHERE variant IN ({', '.join(repr(v) for v in VARIANTS)}) AND file = ?"


def _insert(table: str, columns) -> str:
    return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class Store:
    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a committed task survives a killed process (what --resume needs);
            # only a power cut may lose the last commits, which --resume then recomputes
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise PlannerError(t("errors.batch.not_results", problem=str(err)), file=str(path)) from None

    def close(self) -> None:
        self.db.close()

    def run(self) -> dict | None:
        cur = self.db.execute("SELECT * FROM runs WHERE run = 1")
        row = cur.fetchone()
        return None if row is None else dict(zip([c[0] for c in cur.description], row))

    def start(self, run: dict, offerings, resume: bool) -> None:
        """A new run (the tables emptied), or the interrupted one continued."""
        old = self.run()
        if old is not None and resume:
            if old["context_fingerprint"] != run["context_fingerprint"] or old["flags"] != run["flags"]:
                raise PlannerError(t("errors.batch.resume_differs"), file=str(self.path))
            self.db.execute("UPDATE runs SET complete = 0 WHERE run = 1")
            return
        with self.transaction():
            for table in TABLES:
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute(_insert("runs", ("run", *run)), (1, *run.values()))
            self.db.executemany(_insert("offerings", ("offering", "route", "year", "title", "seats", "fee")),
                                offerings)

    def transaction(self):
        return _Transaction(self.db)

    def done(self) -> dict[str, str]:
        """file -> sha of every person already computed (every variant present)."""
        variants = self.db.execute("SELECT COUNT(DISTINCT variant) FROM persons").fetchone()[0] or 1
        rows = self.db.execute("SELECT file, sha FROM persons GROUP BY file HAVING COUNT(*) = ?", (variants,))
        return dict(rows.fetchall())

    def forget(self, files) -> None:
        """Drop a changed file's rows before it is computed again."""
        with self.transaction():
            for table in ("persons", "targets", "items"):
                self.db.executemany(f"DELETE FROM {table} {BY_FILE}", [(f,) for f in files])

    def write(self, result: dict) -> int:
        """One task's rows in one transaction; returns the persons written."""
        with self.transaction():
            files = sorted({r["file"] for r in result["persons"]})
            for table in ("targets", "items"):
                self.db.executemany(f"DELETE FROM {table} {BY_FILE}", [(f,) for f in files])
            self.db.executemany(_insert("persons", PERSON_COLUMNS),
                                [tuple(r[c] for c in PERSON_COLUMNS) for r in result["persons"]])
            self.db.executemany(_insert("targets", TARGET_COLUMNS),
                                [tuple(r[c] for c in TARGET_COLUMNS) for r in result["targets"]])
            self.db.executemany(_insert("items", ITEM_COLUMNS),
                                [tuple(r[c] for c in ITEM_COLUMNS) for r in result["items"]])
        return len(files)

    def finish(self, workspace_fingerprint: str, persons: int) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET workspace_fingerprint = ?, persons = ?, complete = 1 WHERE run = 1",
                            (workspace_fingerprint, persons))

    def prune(self, present: set[str]) -> None:
        """Rows of files no longer in the workspace (a resume after a deletion)."""
        gone = [f for (f,) in self.db.execute("SELECT DISTINCT file FROM persons") if f not in present]
        if gone:
            self.forget(gone)


class _Transaction:
    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def content(path: Path) -> dict[str, list]:
    """Every table's rows, sorted: what 'the same database' means."""
    db = sqlite3.connect(str(path))
    try:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        db.close()


def persons_written(path: Path, wait: float = 5.0) -> int:
    """How many person rows a database holds so far, read-only, while a run
    may still be writing it (0 when it is not there yet or cannot be read)."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=wait)
        try:
            return db.execute("SELECT COUNT(*) FROM persons").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def flags_text(flags: dict) -> str:
    return json.dumps(flags, sort_keys=True, ensure_ascii=False)
