"""Terminal text: aligned tables that stay aligned with Chinese (rich measures
East Asian width), colour only on a terminal."""
from __future__ import annotations

import io
import os
import shutil

from rich import box
from rich.console import Console
from rich.table import Table

from .audit import AuditResult
from .ledger import CycleStanding, YearStanding
from .messages import formula_text, messages, pick, reason_text, target_name
from .tenths import show, show_short


def console(buffer: io.StringIO, color: bool) -> Console:
    width = shutil.get_terminal_size((100, 24)).columns if color else 100
    return Console(file=buffer, width=max(40, min(width, 140)), color_system="auto" if color else None,
                   force_terminal=color, no_color=not color or bool(os.environ.get("NO_COLOR")),
                   highlight=False, soft_wrap=False, emoji=False)


def verdict(met: bool, m) -> str:
    return f"[green]{m.met}[/green]" if met else f"[red]{m.not_met}[/red]"


def year_table(standing: YearStanding, policy, lang: str, title: str | None = None) -> Table:
    m = messages(lang)
    table = Table(title=title or f"{standing.year} {m.year}", box=box.SIMPLE_HEAD, title_justify="left",
                  pad_edge=False)
    table.add_column(m.route)
    table.add_column(m.route_name, overflow="fold", ratio=1)
    table.add_column(m.raw, justify="right")
    table.add_column(m.counted, justify="right")
    table.add_column(m.cap, justify="right")
    for code, r in standing.routes.items():
        cap = m.no_cap if r.cap is None else show_short(r.cap)
        counted = show(r.counted) if not r.capped else f"[yellow]{show(r.counted)}[/yellow]"
        table.add_row(code, pick(policy.routes[code], "name", lang), show(r.raw), counted, cap)
    if not standing.routes:
        table.add_row("", m.no_records, "", "", "")
    return table


def targets_table(standing: YearStanding, lang: str) -> Table:
    m = messages(lang)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(m.target)
    table.add_column(m.required, justify="right")
    table.add_column(m.value, justify="right")
    table.add_column(m.shortfall, justify="right")
    table.add_column(m.status)
    for t in standing.targets:
        table.add_row(target_name(t.key, lang), show_short(t.required), show(t.value),
                      show(t.shortfall) if t.shortfall else "", verdict(t.met, m))
    return table


def cycles_table(cycles: list[CycleStanding], lang: str, current_year: int | None = None) -> Table:
    m = messages(lang)
    table = Table(title=m.cycle, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column(m.year)
    table.add_column(m.cycle_hours, justify="right")
    table.add_column(m.required, justify="right")
    table.add_column(m.shortfall, justify="right")
    table.add_column(m.status)
    for c in cycles:
        if c.met:
            status = verdict(True, m)
        elif current_year is not None and c.end >= current_year:
            status = f"[yellow]{m.in_progress}[/yellow]"
        else:
            status = verdict(False, m)
        table.add_row(f"{c.start}–{c.end}", show(c.hours), show_short(c.required),
                      show(c.shortfall) if c.shortfall else "", status)
    return table


def audit_text(result: AuditResult, lang: str = "zh", color: bool = False) -> str:
    m = messages(lang)
    buffer = io.StringIO()
    out = console(buffer, color)
    p, policy = result.person, result.policy
    spec = policy.specialties[p.specialty]
    out.print(f"[bold]{m.audit_title}[/bold] · {p.name} ({p.id}) · {pick(spec, 'name', lang)}")
    out.print(f"{m.policy}: {pick(policy, 'name', lang)}（{policy.source}） · {m.today}: {result.today}")
    for standing in result.years:
        out.print()
        out.print(year_table(standing, policy, lang))
        out.print(targets_table(standing, lang))
    out.print(cycles_table(list(result.cycles), lang, result.today.year))
    records = Table(title=m.records, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    for name, kw in ((m.index, {"justify": "right"}), (m.year, {}), (m.route, {}),
                     (m.title, {"overflow": "fold", "ratio": 2}), (m.hours, {"justify": "right"}),
                     (m.counted, {"justify": "right"}), (m.reason, {"overflow": "fold", "ratio": 3})):
        records.add_column(name, **kw)
    for line in result.ledger.lines:
        why = reason_text(line.reason, policy, lang) or formula_text(line.credit, lang)
        counted = show(line.counted) if line.is_counted else f"[red]0[/red]"
        records.add_row(str(line.index), str(line.year), line.item.route, line.item.title,
                        show(line.credit.tenths), counted, why)
    if not result.ledger.lines:
        records.add_row("", "", "", m.no_records, "", "", "")
    out.print(records)
    return buffer.getvalue()
