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

from rich import box
from rich.console import Console
from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from ..ledger import CycleStanding, YearStanding
from ..models.activity import PENDING
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


def new_table(title: str | None = None) -> Table:
    """The one table every text output draws."""
    return Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False,
                 collapse_padding=True, show_edge=False)


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
        table.add_row(f"{c.start}–{c.end}", show(c.hours), show_short(c.required),
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
            table.add_row(str(line.index), str(line.year), line.item.route, line.item.title,
                          show(line.credit.tenths), counted, why)
    if not lines:
        table.add_row(*([""] * (1 if compact else 2)), "", m.no_records, "", "", *([] if compact else [""]))
    return table


CLOSING = "）〕」』】》，。、；：！？)]},.;:!?"
OPENING = "（〔「『【《([{"


def wrap_cells(text: str, columns: int) -> list[str]:
    """Break text into lines of at most `columns` cells (CJK counts two), at
    spaces when there are any, never starting a line with closing punctuation."""
    lines: list[str] = []
    line = ""
    for char in text:
        if cell_len(line + char) > columns:
            cut = line.rfind(" ")
            if cut > 0 and cell_len(line[:cut]) > columns // 2:
                lines.append(line[:cut])
                line = line[cut + 1:]
            else:
                cut = len(line)
                if char in CLOSING:                  # carry the last word-char and its closers
                    cut -= 1
                    while cut > 0 and line[cut] in CLOSING:
                        cut -= 1
                while cut > 1 and line[cut - 1] in OPENING:   # never end a line on an opener
                    cut -= 1
                cut = max(cut, 1)
                lines.append(line[:cut])
                line = line[cut:]
        line += char
    if line:
        lines.append(line)
    return lines


def say(out: Console, text: str, style: str = "") -> None:
    """Print plain text wrapped by cell width (rich would not break a CJK run)."""
    for line in wrap_cells(text, out.width):
        out.print(Text(line, style=style))


def header(out: Console, title: str, person, policy, today, lang: str) -> None:
    m = messages(lang)
    spec = policy.specialties[person.specialty]
    say(out, f"{title} · {person.name} ({person.id}) · {pick(spec, 'name', lang)}", "bold")
    say(out, f"{m.policy}: {pick(policy, 'name', lang)}（{policy.source}）")
    say(out, f"{m.today}: {today}")


def natural_width(table: Table) -> int:
    """The widest line of `table` laid out with room to spare (cells measured
    by their East Asian width)."""
    wide = Console(file=io.StringIO(), width=400, color_system=None, highlight=False, emoji=False)
    with wide.capture() as captured:
        wide.print(table)
    return max((cell_len(line.rstrip()) for line in captured.get().splitlines()), default=0)


def _stacked(out: Console, title: str | None, columns: list[tuple[str, dict]], rows: list[list[str]],
             keys: int) -> None:
    if title:
        out.print(Text(title, style="bold"))
    for row in rows:
        out.print(" ".join(c for c in row[:keys] if c))
        pairs = [f"{head} {cell}" for (head, _), cell in zip(columns[keys:], row[keys:]) if cell != ""]
        line = ""
        for pair in pairs:
            candidate = f"{line} · {pair}" if line else f"  {pair}"
            if line and cell_len(Text.from_markup(candidate).plain) > out.width:
                out.print(line)
                candidate = f"  {pair}"
            line = candidate
        if line:
            out.print(line)


def table_or_stack(out: Console, title: str | None, columns: list[tuple[str, dict]], rows: list[list[str]],
                   keys: int = 2) -> None:
    """`rows` as a table when it fits the console (a column given
    `overflow="fold"` may wrap, from 10 cells up); otherwise stacked, one
    block per row: its first `keys` cells as a heading, then "label value"
    pairs packed into lines, a pair never split (no id or number is cut)."""
    folds = {i for i, (_, kw) in enumerate(columns) if kw.get("overflow") == "fold"}

    def build(cells_of) -> Table:
        table = new_table(title)
        for i, (head, kw) in enumerate(columns):
            if i in folds:
                table.add_column(head, overflow="fold", ratio=kw.get("ratio", 1), min_width=10)
            else:
                table.add_column(head, no_wrap=True, **{k: v for k, v in kw.items() if k not in ("overflow", "ratio")})
        for row in rows:
            table.add_row(*cells_of(row))
        return table

    def narrowest(row):
        return [Text.from_markup(c).plain[:5] if i in folds else c for i, c in enumerate(row)]
    if natural_width(build(narrowest)) <= out.width:
        out.print(build(lambda row: row))
    else:
        _stacked(out, title, columns, rows, keys)
