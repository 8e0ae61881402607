"""What the province reads, from a results database: compliance by city,
unit and department; shortfalls by target; demand per offering against its
seats; effort and fees; the shared-seat rounds; a draft policy's impact.

`province(path)` reads it into plain data (sqlite queries, every list in a
fixed order); report_out.py lays it out as HTML (A4) or a workbook.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..errors import PlannerError
from ..i18n import t
from .report_out import BUCKETS

OK = "variant = 'current' AND error IS NULL"


def _rows(db, sql: str, *args) -> list[dict]:
    cur = db.execute(sql, args)
    names = [c[0] for c in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _share(met, persons) -> float:
    return round(100.0 * met / persons, 1) if persons else 0.0


def compliance(db, column: str) -> list[dict]:
    rows = _rows(db, f"SELECT COALESCE({column}, '') AS name, COUNT(*) AS persons, SUM(met) AS met "
                     f"FROM persons WHERE {OK} GROUP BY 1 ORDER BY 1")
    for r in rows:
        r["short"] = r["persons"] - r["met"]
        r["share"] = _share(r["met"], r["persons"])
    return rows


def shortfalls(db) -> list[dict]:
    out = []
    groups = _rows(db, "SELECT t.period, t.target, COUNT(*) AS persons, SUM(t.shortfall > 0) AS short, "
                       "ROUND(SUM(t.shortfall), 1) AS total FROM targets t JOIN persons p "
                       "ON p.variant = t.variant AND p.file = t.file "
                       "WHERE t.variant = 'current' AND t.binding = 1 AND p.error IS NULL "
                       "GROUP BY 1, 2 ORDER BY 1, 2")
    for g in groups:
        g["mean"] = round(g["total"] / g["short"], 1) if g["short"] else 0.0
        g["buckets"] = []
        for low, high in BUCKETS:
            cond = "t.shortfall > ?" + ("" if high is None else " AND t.shortfall <= ?")
            args = (g["period"], g["target"], low) + (() if high is None else (high,))
            n = db.execute("SELECT COUNT(*) FROM targets t JOIN persons p ON p.variant = t.variant "
                           "AND p.file = t.file WHERE t.variant = 'current' AND t.binding = 1 "
                           f"AND p.error IS NULL AND t.period = ? AND t.target = ? AND {cond}", args).fetchone()[0]
            g["buckets"].append(n)
        out.append(g)
    return out


def demand(db) -> list[dict]:
    """Every offering someone's plan takes or that has seats: wanted against seats."""
    rows = _rows(db, "SELECT o.offering, o.route, o.year, o.title, o.seats, COUNT(i.file) AS wanted, "
                     "s.wanted AS first_wanted, s.taken AS taken "
                     "FROM offerings o LEFT JOIN items i ON i.offering = o.offering AND i.variant = 'current' "
                     "LEFT JOIN seats s ON s.offering = o.offering "
                     "GROUP BY o.offering HAVING COUNT(i.file) > 0 OR o.seats IS NOT NULL")
    for r in rows:
        wanted = r["first_wanted"] if r["first_wanted"] is not None else r["wanted"]
        r["wanted"] = wanted
        r["over"] = max(0, wanted - r["seats"]) if r["seats"] is not None else 0
        r["under"] = max(0, r["seats"] - wanted) if r["seats"] is not None else None
    rows.sort(key=lambda r: (-r["over"], r["seats"] is None, r["offering"]))
    return rows


def totals(db) -> list[dict]:
    rows = _rows(db, "SELECT COALESCE(workspace, '') AS name, COUNT(*) AS persons, "
                     "ROUND(COALESCE(SUM(effort_hours), 0), 1) AS effort, ROUND(COALESCE(SUM(fee), 0), 2) AS fee "
                     f"FROM persons WHERE {OK} GROUP BY 1 ORDER BY 1")
    rows.append({"name": None, "persons": sum(r["persons"] for r in rows),
                 "effort": round(sum(r["effort"] for r in rows), 1), "fee": round(sum(r["fee"] for r in rows), 2)})
    return rows


def impact(db) -> dict | None:
    """Persons who meet their targets under the current policy and not under the draft."""
    if not db.execute("SELECT 1 FROM persons WHERE variant = 'draft' LIMIT 1").fetchone():
        return None
    newly = _rows(db, "SELECT c.file, c.person, c.name, c.workspace, c.unit, d.shortfall AS short, "
                      "ROUND(COALESCE(d.effort_hours, 0) - COALESCE(c.effort_hours, 0), 1) AS effort, "
                      "ROUND(COALESCE(d.fee, 0) - COALESCE(c.fee, 0), 2) AS fee "
                      "FROM persons c JOIN persons d ON d.file = c.file AND d.variant = 'draft' "
                      "WHERE c.variant = 'current' AND c.met = 1 AND d.met = 0 "
                      "ORDER BY d.shortfall DESC, c.file")
    added = db.execute("SELECT ROUND(COALESCE(SUM(d.effort_hours), 0) - COALESCE(SUM(c.effort_hours), 0), 1), "
                       "ROUND(COALESCE(SUM(d.fee), 0) - COALESCE(SUM(c.fee), 0), 2), "
                       "SUM(c.met = 1), SUM(d.met = 1) FROM persons c JOIN persons d ON d.file = c.file "
                       "AND d.variant = 'draft' WHERE c.variant = 'current' AND c.error IS NULL "
                       "AND d.error IS NULL").fetchone()
    return {"newly_short": newly, "effort": added[0], "fee": added[1], "met_current": added[2] or 0,
            "met_draft": added[3] or 0}


def province(path: Path) -> dict:
    if not Path(path).is_file():
        raise PlannerError(t("errors.batch.no_results"), file=str(path))
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        try:
            runs = _rows(db, "SELECT * FROM runs WHERE run = 1")
        except sqlite3.DatabaseError:
            runs = []
        if not runs:
            from ..messages import messages
            raise PlannerError(messages("en")["batch"]["not_batch"], file=str(path))
        run = runs[0]
        run["flags"] = json.loads(run["flags"] or "{}")
        run["errors"] = db.execute("SELECT COUNT(*) FROM persons WHERE variant = 'current' "
                                   "AND error IS NOT NULL").fetchone()[0]
        run["rows"] = db.execute("SELECT COUNT(*) FROM persons WHERE variant = 'current'").fetchone()[0]
        return {
            "run": run,
            "by_city": compliance(db, "workspace"), "by_unit": compliance(db, "unit"),
            "by_department": compliance(db, "department"),
            "shortfalls": shortfalls(db), "demand": demand(db) if run["kind"] == "suggest" else [],
            "totals": totals(db) if run["kind"] == "suggest" else [],
            "rounds": _rows(db, "SELECT * FROM rounds ORDER BY round"),
            "impact": impact(db),
            "bad": _rows(db, "SELECT file, error FROM persons WHERE variant = 'current' AND error IS NOT NULL "
                             "ORDER BY file"),
        }
    finally:
        db.close()


def write_report(results: Path, out: Path, lang: str) -> None:
    from ..files import write_atomic
    from .report_out import html, workbook
    suffix = out.suffix.lower()
    if suffix not in (".html", ".xlsx"):
        raise PlannerError(t("errors.batch.report_suffix"), file=str(out))
    data = province(results)
    write_atomic(out, html(data, lang) if suffix == ".html" else workbook(data, lang))
