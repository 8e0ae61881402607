"""The province report laid out: HTML in the shared layout
(templates/batch.html.j2 on base.html.j2, printable on A4) or a workbook
(one sheet per table). Same database, same bytes."""
from __future__ import annotations


from ..messages import messages, target_name


BUCKETS = ((0, 10), (10, 30), (30, 60), (60, None))      # hours short: (low, high]

def bucket_labels() -> list[str]:
    return [f"{low}–{high}" if high is not None else f">{low}" for low, high in BUCKETS]


def html(data: dict, lang: str) -> str:
    from ..render.jinja import render
    return render("batch.html.j2", lang, r=data, buckets=bucket_labels())


def _sheet(book, title: str, header: list, rows: list[list]):
    ws = book.sheet(title)
    ws.print_setup(ws.table(header, rows))
    return ws


def _summary(book, data: dict, m, b) -> None:
    run = data["run"]
    ws = book.sheet(b.title)
    for label, value in [(b.kind, b.kinds[run["kind"]]), (b.policy, run["policy"]),
                         (b.draft, run["draft_policy"] or ""), (b.today, run["today"]), (b.years, run["years"]),
                         (b.persons, run["rows"]), (b.errors, run["errors"])]:
        ws.append([label, value])
    if not run["complete"]:
        ws.append([b.incomplete])


def workbook(data: dict, lang: str) -> bytes:
    from ..render.xlsxbook import Book
    m = messages(lang)
    b = m.batch
    wb = Book()
    _summary(wb, data, m, b)
    head = [b.group, b.persons, b.met, b.short, b.share_met]
    for title, key in ((b.by_city, "by_city"), (b.by_unit, "by_unit"), (b.by_department, "by_department")):
        _sheet(wb, title, head, [[r["name"], r["persons"], r["met"], r["short"], r["share"]] for r in data[key]])
    _sheet(wb, b.shortfalls, [b.years, b.target, b.persons, b.people_short, b.total_short, b.mean_short,
                              *bucket_labels()],
           [[s["period"], m.cycle if s["target"] == "cycle" else target_name(s["target"], lang), s["persons"], s["short"], s["total"], s["mean"],
             *s["buckets"]] for s in data["shortfalls"]])
    if data["run"]["kind"] == "suggest":
        _sheet(wb, b.demand, [b.offering, m.title, m.route, m.year, b.wanted, b.seats, b.over, b.under, b.share_seats],
               [[d["offering"], d["title"], d["route"], d["year"], d["wanted"], d["seats"], d["over"], d["under"],
                 d["taken"]] for d in data["demand"]])
        _sheet(wb, b.totals, [b.group, b.persons, b.effort, b.fee],
               [[t["name"] if t["name"] is not None else b.totals, t["persons"], t["effort"], t["fee"]]
                for t in data["totals"]])
    if data["rounds"]:
        _sheet(wb, b.share_seats, [b.rounds, b.kind, b.bound, b.effort, b.over, b.moved],
               [[x["round"], x["kind"], x["bound"], x["effort_hours"], x["overflow"], x["moved"]]
                for x in data["rounds"]])
    if data["impact"]:
        i = data["impact"]
        _sheet(wb, b.impact, [m.person, m.name if "name" in m else m.person, m.unit, b.group, b.total_short,
                              b.added_effort, b.added_fee],
               [[p["person"], p["name"], p["unit"], p["workspace"], p["short"], p["effort"], p["fee"]]
                for p in i["newly_short"]] + [[b.added_effort, None, None, None, None, i["effort"], i["fee"]]])
    if data["bad"]:
        _sheet(wb, b.bad_files, [b.file, b.error], [[e["file"], e["error"]] for e in data["bad"]])
    return wb.finish()
