"""Terminal text, the medium: aligned tables that stay aligned with Chinese (rich measures
East Asian width), colour only on a terminal, readable down to ~60 columns.

The width is the terminal's (COLUMNS when set, else 100 when not a terminal),
so the same input and the same COLUMNS give the same bytes. Trailing blanks
are stripped from every line.
"""
from __future__ import annotations

import io
import os
import shutil

from rich.console import Console
from rich.table import Table

from ..ledger import CycleStanding, YearStanding
from ..models.activity import PENDING
from .cells import years_text
from .linebreak import put
from .tables import natural_width, new_table, table_or_stack  # noqa: F401  (the tables every report draws)
from ..messages import formula_text, messages, pick, reason_text, target_name
from ..tenths import show, show_short

NARROW = 80       # below this many columns, tables drop their explanatory columns


def width() -> int:
    """Columns to lay out for: $COLUMNS or the terminal, else 100; kept in 40..140."""
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 140))


def console(buffer: io.StringIO, color: bool) -> Console:
    return Console(file=buffer, width=width(), color_system="auto" if color else None,
                   force_terminal=color, no_color=not color or bool(os.environ.get("NO_COLOR")),
                   highlight=False, soft_wrap=False, emoji=False, legacy_windows=False)


def finish(buffer: io.StringIO) -> str:
    """The console's text with no trailing blanks on any line."""
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def narrow(out: Console) -> bool:
    return out.width < NARROW


def verdict(met: bool, m) -> str:
    return f"[green]{m.met}[/green]" if met else f"[red]{m.not_met}[/red]"


def year_table(standing: YearStanding, policy, lang: str, title: str | None = None, compact: bool = False) -> Table:
    m = messages(lang)
    table = new_table(title if title is not None else m.report.year_heading.format(year=standing.year))
    table.add_column(m.route, no_wrap=True)
    if not compact:
        table.add_column(m.route_name, overflow="fold", ratio=1)
    table.add_column(m.raw, justify="right", no_wrap=True)
    table.add_column(m.counted, justify="right", no_wrap=True)
    table.add_column(m.cap, justify="right", no_wrap=True)
    for code, r in standing.routes.items():
        cap = m.no_cap if r.cap is None else show_short(r.cap)
        counted = show(r.counted) if not r.capped else f"[yellow]{show(r.counted)}[/yellow]"
        name = [] if compact else [pick(policy.routes[code], "name", lang)]
        table.add_row(code, *name, show(r.raw), counted, cap)
    if not standing.routes:
        table.add_row(m.no_records, *([""] * (3 if compact else 4)))
    return table


def targets_table(standing: YearStanding, lang: str, base: YearStanding | None = None) -> Table:
    """Each target: required, counted (and, for a plan, what the plan adds)."""
    m = messages(lang)
    table = new_table()
    table.add_column(m.target, no_wrap=True)
    table.add_column(m.required, justify="right", no_wrap=True)
    if base is not None:
        table.add_column(m.report.counted, justify="right", no_wrap=True)
        table.add_column(m.report.planned, justify="right", no_wrap=True)
    else:
        table.add_column(m.value, justify="right", no_wrap=True)
    table.add_column(m.shortfall, justify="right", no_wrap=True)
    table.add_column(m.status, no_wrap=True)
    for t in standing.targets:
        values = [show(t.value)]
        if base is not None:
            done = base.target(t.key).value
            values = [show(done), show(t.value - done)]
        table.add_row(target_name(t.key, lang), show_short(t.required), *values,
                      show(t.shortfall) if t.shortfall else "", verdict(t.met, m))
    return table


def cycles_table(cycles: list[CycleStanding], lang: str, current_year: int | None = None) -> Table:
    m = messages(lang)
    table = new_table(m.cycle)
    table.add_column(m.year, no_wrap=True)
    table.add_column(m.cycle_hours, justify="right", no_wrap=True)
    table.add_column(m.required, justify="right", no_wrap=True)
    table.add_column(m.shortfall, justify="right", no_wrap=True)
    table.add_column(m.status, no_wrap=True)
    for c in cycles:
        if c.met:
            status = verdict(True, m)
        elif current_year is not None and c.end >= current_year:
            status = f"[yellow]{m.in_progress}[/yellow]"
        else:
            status = verdict(False, m)
        table.add_row(years_text(c.start, c.end), show(c.hours), show_short(c.required),
                      show(c.shortfall) if c.shortfall else "", status)
    return table


def records_table(lines, policy, lang: str, compact: bool) -> Table:
    """Every record with its credit; on a narrow terminal the explanation goes
    under the title, and only when the record counts less than it earns."""
    m = messages(lang)
    table = new_table(m.records)
    if not compact:
        table.add_column(m.index, justify="right", no_wrap=True)
    table.add_column(m.year, no_wrap=True)
    table.add_column(m.route, no_wrap=True)
    table.add_column(m.title, overflow="fold", ratio=2)
    table.add_column(m.hours, justify="right", no_wrap=True)
    table.add_column(m.counted, justify="right", no_wrap=True)
    if not compact:
        table.add_column(m.reason, overflow="fold", ratio=2)
    for line in lines:
        reason = reason_text(line.reason, policy, lang)
        if line.reason is None and getattr(line.item, "status", None) == PENDING:
            reason = m.registration.pending
        counted = show(line.counted) if line.is_counted else "[red]0[/red]"
        if compact:
            title = line.item.title + (f"\n[red]{reason}[/red]" if reason else "")
            table.add_row(str(line.year), line.item.route, title, show(line.credit.tenths), counted)
        else:
            why = reason or formula_text(line.credit, lang)
            table.add_row(str(line.index + 1), str(line.year), line.item.route, line.item.title,
                          show(line.credit.tenths), counted, why)
    if not lines:
        table.add_row(*([""] * (1 if compact else 2)), "", m.no_records, "", "", *([] if compact else [""]))
    return table


def say(out: Console, text: str, style: str = "") -> None:
    """Print plain text (no markup), wrapped by the line-breaking rules."""
    put(out, text, style, markup=False)


def header(out: Console, title: str, person, policy, today, lang: str) -> None:
    m = messages(lang)
    spec = policy.specialties[person.specialty]
    say(out, f"{title} · {person.name} ({person.id}) · {pick(spec, 'name', lang)}", "bold")
    say(out, f"{m.policy}: {pick(policy, 'name', lang)}（{policy.source}）")
    say(out, f"{m.today}: {today}")
