"""`planner audit --person`: the contract's JSON, terminal text, and the
Markdown/HTML page (templates/audit.*.j2)."""
from __future__ import annotations

import io

from ..audit import AuditResult
from ..messages import formula_text, messages, reason_text
from ..ledger import YearStanding
from ..tenths import hours, show
from . import jsonout


def audit_year_json(result: AuditResult, standing: YearStanding) -> dict:
    """A year of the audit; with pending records, what rests on them."""
    out = jsonout.year_json(standing)
    if result.without_pending is not None:
        out["pending_hours"] = hours(result.pending_hours(standing.year))
        out["met_without_pending"] = result.met_without_pending(standing.year)
    return out


def audit_json(result: AuditResult, lang: str = "zh") -> dict:
    records = []
    for line in result.ledger.lines:
        entry = {"index": line.index, "route": line.item.route, "year": line.year,
                 "title": line.item.title, "hours": hours(line.credit.tenths),
                 "counted": line.is_counted, "counted_hours": hours(line.counted),
                 "formula": formula_text(line.credit, lang)}
        if result.states:
            entry["status"] = result.states[line.index]
        if line.reason is not None:
            entry["reason"] = reason_text(line.reason, result.policy, lang)
            entry["reason_code"] = line.reason.code
        records.append(entry)
    return {"person": result.person.id, "policy": result.policy.id,
            "today": result.today.isoformat(),
            "years": {str(y.year): audit_year_json(result, y) for y in result.years},
            "cycles": [jsonout.cycle_json(c) for c in result.cycles],
            "records": records}


def pending_line(result: AuditResult, year: int, lang: str) -> str:
    """What a year's standing rests on pending records (registration.py)."""
    m = messages(lang).registration
    verdict = m.still_met if result.met_without_pending(year) else m.then_short
    return m.pending_year.format(year=year, hours=show(result.pending_hours(year)), verdict=verdict)


def audit_text(result: AuditResult, lang: str = "zh", color: bool = False) -> str:
    from .text import console, cycles_table, finish, header, narrow, records_table, say, targets_table, year_table
    m = messages(lang)
    buffer = io.StringIO()
    out = console(buffer, color)
    compact = narrow(out)
    p, policy = result.person, result.policy
    header(out, m.audit_title, p, policy, result.today, lang)
    for standing in result.years:
        out.print()
        out.print(year_table(standing, policy, lang, compact=compact))
        out.print(targets_table(standing, lang))
        if result.pending_hours(standing.year):
            say(out, pending_line(result, standing.year, lang))
    out.print()
    out.print(cycles_table(list(result.cycles), lang, result.today.year))
    out.print()
    out.print(records_table(result.ledger.lines, policy, lang, compact))
    return finish(buffer)


def unmet_rows(result: AuditResult, lang: str) -> list[dict]:
    """The failed findings in the rule's words; a cycle still running says so."""
    from . import jinja           # the pages' module: text and JSON do without it
    m = messages(lang)
    out = []
    for f in result.findings:
        if f.met:
            continue
        note = ""
        if f.key == "cycle":
            end = int(f.period.split("-")[-1])
            if end >= result.today.year:
                note = m.report.ends.format(end=end)
        out.append(jinja.unmet_row(f, note, lang))
    return out


def page_of(result: AuditResult, lang: str) -> "jinja.Page":
    from . import jinja
    return jinja.Page(result, result.ledger, (), unmet_rows(result, lang), False, lang)


def audit_page(result: AuditResult, fmt: str, lang: str = "zh") -> str:
    from . import jinja
    return jinja.render(f"audit.{fmt}.j2", lang, r=result, page=page_of(result, lang))
