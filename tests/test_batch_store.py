"""The results database's writer: what a task writes replaces the file's old
rows (a resume after a change or a deletion), and every per-task statement
finds its rows through the primary key (a scan per file made the writer
quadratic in the province: 117 ms a task at 3,000 persons)."""
from __future__ import annotations

from planner.batch.store import PERSON_COLUMNS, Store, content


def _person(file: str, variant: str = "current") -> dict:
    row = dict.fromkeys(PERSON_COLUMNS)
    row.update(variant=variant, file=file, sha="s", person=file[:-5], status="met", met=1)
    return row


def _target(file: str, period: str, variant: str = "current") -> dict:
    return {"variant": variant, "file": file, "person": file[:-5], "period": period, "target": "total",
            "required": 90.0, "value": 90.0, "shortfall": 0.0, "met": 1, "binding": 1}


def _item(file: str, offering: str, variant: str = "current") -> dict:
    return {"variant": variant, "file": file, "person": file[:-5], "offering": offering, "year": 2027,
            "route": "A", "hours": 4.0, "effort_hours": 4.0, "fee": 0.0}


def _result(files, periods=("2027",), offering="X-1", variants=("current", "draft")) -> dict:
    return {"persons": [_person(f, v) for f in files for v in variants],
            "targets": [_target(f, p, v) for f in files for p in periods for v in variants],
            "items": [_item(f, offering, v) for f in files for v in variants]}


def test_a_recomputed_file_replaces_its_old_rows_of_every_variant(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    store.write(_result(["a.yaml", "b.yaml"], periods=("2027", "2028"), offering="X-1"))
    store.write(_result(["a.yaml"], periods=("2029",), offering="X-2"))
    store.close()
    rows = content(tmp_path / "r.sqlite")
    assert sorted((t[0], t[1], t[3]) for t in rows["targets"]) == [
        ("current", "a.yaml", "2029"), ("current", "b.yaml", "2027"), ("current", "b.yaml", "2028"),
        ("draft", "a.yaml", "2029"), ("draft", "b.yaml", "2027"), ("draft", "b.yaml", "2028")]
    assert sorted((i[0], i[1], i[3]) for i in rows["items"]) == [
        ("current", "a.yaml", "X-2"), ("current", "b.yaml", "X-1"),
        ("draft", "a.yaml", "X-2"), ("draft", "b.yaml", "X-1")]


def test_a_deleted_file_loses_every_row_on_prune(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    store.write(_result(["a.yaml", "b.yaml"]))
    store.prune({"b.yaml"})
    store.close()
    rows = content(tmp_path / "r.sqlite")
    assert {r[1] for t in ("persons", "targets", "items") for r in rows[t]} == {"b.yaml"}
    assert len(rows["persons"]) == 2 and len(rows["targets"]) == 2 and len(rows["items"]) == 2


def test_every_per_file_statement_searches_the_primary_key(tmp_path):
    store = Store(tmp_path / "r.sqlite")
    store.write(_result(["a.yaml"]))
    ran: list[str] = []
    store.db.set_trace_callback(ran.append)
    store.write(_result(["a.yaml", "b.yaml"]))
    store.prune({"b.yaml"})
    store.db.set_trace_callback(None)
    deletes = [sql for sql in ran if sql.startswith("DELETE")]
    assert len(deletes) == 2 * 2 + 3 * 1          # targets, items x 2 files; then 3 tables x 1 file
    for sql in deletes:
        plan = [p[3] for p in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
        assert len(plan) == 1 and plan[0].startswith("SEARCH ") and "USING PRIMARY KEY (variant=? AND file=?)" \
            in plan[0], (sql, plan)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 1          # NORMAL
    store.close()
