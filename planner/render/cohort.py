"""`planner audit --unit`: the cohort view rendered, every staff member's
verdict in one table (the cohort itself is built in audit.py, the verdicts
in verdicts.py). Text stacks a person's figures under their name when the
table would not fit the terminal, so no id or number is ever cut."""
from __future__ import annotations

import csv
import io

from . import jsonout
from .cells import years_text
from ..audit import Cohort, CohortLine
from ..messages import messages, pick, target_name
from ..tenths import hours, show, show_short
from ..verdicts import CYCLE, CYCLE_AT_RISK, IN_PROGRESS, MET, SHORT, VERDICTS

COLOURS = {MET: "green", SHORT: "red", CYCLE_AT_RISK: "red", IN_PROGRESS: "yellow"}


def cohort_json(c: Cohort, lang: str = "zh") -> dict:
    people = []
    for line in c.lines:
        people.append({"person": line.person.id, "name": line.person.name,
                       "department": line.person.department,
                       "status": line.verdict.word, "met": line.met,
                       **{t.key: hours(t.value) for t in line.standing.targets},
                       "shortfall": {t.key: hours(t.shortfall) for t in line.standing.targets},
                       "short": {k: hours(v) for k, v in line.verdict.shortfalls},
                       "cycle": jsonout.cycle_json(line.cycle)})
    return {"unit": c.unit.id, "year": c.year, "policy": c.policy.id, "today": c.today.isoformat(),
            "staff": len(c.lines), "unit_staff": c.staff, "met": sum(1 for l in c.lines if l.met),
            "short": sum(1 for l in c.lines if not l.met),
            "verdicts": {w: c.count(w) for w in VERDICTS},
            "filter": {"department": c.department, "short_only": c.short_only}, "people": people}


def _cycle_cell(line: CohortLine) -> str:
    return f"{show_short(line.cycle.hours)}/{show_short(line.cycle.required)}"


def _short_text(line: CohortLine, lang: str) -> str:
    """The shortfalls, labelled: 专业科目差24.6、B类周期差18 (zh) / professional 24.6 short, ..."""
    m = messages(lang)
    parts = []
    for key, tenths in line.verdict.shortfalls:
        name = m.unit_plan.cycle if key == CYCLE else target_name(key, lang)
        parts.append(m.verdict_short.format(target=name, short=show(tenths)))
    return m.list_sep.join(parts)


def _heading(c: Cohort, lang: str) -> tuple[str, str]:
    """(title, totals line) shared by every format."""
    m = messages(lang)
    u = m.unit_plan
    title = f"{u.cohort_title}{m.report.colon}{c.unit.name}（{c.unit.id}） · {c.year}" if lang == "zh" else \
        f"{u.cohort_title}: {c.unit.name} ({c.unit.id}) · {c.year}"
    counts = " · ".join(f"{m.verdict[w]} {c.count(w)}" for w in VERDICTS if c.count(w))
    shown = f"{u.staff} {len(c.lines)}" if len(c.lines) == c.staff else \
        m.cohort.shown.format(shown=len(c.lines), staff=c.staff)
    filters = []
    if c.department is not None:
        filters.append(m.cohort.department.format(department=c.department))
    if c.short_only:
        filters.append(m.cohort.short_only)
    return title, " · ".join([shown, counts] + filters)


def cohort_text(c: Cohort, lang: str = "zh", color: bool = False) -> str:
    from .linebreak import put
    from .text import console, finish, new_table, say
    m = messages(lang)
    u = m.unit_plan
    buffer = io.StringIO()
    out = console(buffer, color)
    title, totals = _heading(c, lang)
    say(out, title, "bold")
    say(out, totals)
    say(out, f"{m.policy}{m.report.colon}{pick(c.policy, 'name', lang)} · {m.today}{m.report.colon}{c.today.isoformat()}")
    table = new_table()
    table.add_column(u.person, no_wrap=True)
    table.add_column(u.name, no_wrap=True)
    table.add_column(u.department, no_wrap=True)
    for t in c.policy.targets:
        table.add_column(target_name(t.key, lang), justify="right", no_wrap=True)
    table.add_column(u.shortfall, justify="right", no_wrap=True)
    table.add_column(u.cycle, justify="right", no_wrap=True)
    table.add_column(m.status, no_wrap=True)
    for line in c.lines:
        word = f"[{COLOURS[line.verdict.word]}]{m.verdict[line.verdict.word]}[/]"
        table.add_row(line.person.id, line.person.name, line.person.department or "",
                      *[show(t.value) for t in line.standing.targets],
                      show(line.verdict.short) if line.verdict.short else "", _cycle_cell(line), word)
    if _natural_width(table) <= out.width:
        out.print(table)
        for line in c.lines:        # the actionable ones, their shortfalls labelled
            if line.verdict.word in (SHORT, CYCLE_AT_RISK):
                put(out, f"{line.person.id} {line.person.name}{m.report.colon}{_short_text(line, lang)}")
    else:
        for line in c.lines:        # stacked: one block per person, nothing cut
            word = f"[{COLOURS[line.verdict.word]}]{m.verdict[line.verdict.word]}[/]"
            short = dict(line.verdict.shortfalls)
            out.print("")
            put(out, f"[bold]{line.person.id}[/bold] {line.person.name} · {line.person.department or '-'} · {word}")
            for t in line.standing.targets:
                tail = m.verdict_tail.format(short=show(short[t.key])) if t.key in short else ""
                put(out, f"  {target_name(t.key, lang)} {show(t.value)}/{show_short(t.required)}{tail}")
            tail = m.verdict_tail.format(short=show(short[CYCLE])) if CYCLE in short else ""
            put(out, f"  {u.cycle} {_cycle_cell(line)} {years_text(line.cycle.start, line.cycle.end)}{tail}")
    return finish(buffer)


def _natural_width(table) -> int:
    """The widest line of `table` laid out with room to spare (cells measured
    by their East Asian width)."""
    from rich.cells import cell_len
    from rich.console import Console
    wide = Console(file=io.StringIO(), width=400, color_system=None, highlight=False, emoji=False)
    with wide.capture() as captured:
        wide.print(table)
    return max((cell_len(line.rstrip()) for line in captured.get().splitlines()), default=0)


def _rows(c: Cohort, lang: str) -> tuple[list[str], list[list]]:
    """The table every file format shares: header and rows (numbers as numbers)."""
    m = messages(lang)
    u = m.unit_plan
    head = [u.person, u.name, u.department] + [target_name(t.key, lang) for t in c.policy.targets] + \
        [u.cycle, m.status, u.shortfall]
    rows = []
    for line in c.lines:
        rows.append([line.person.id, line.person.name, line.person.department or ""]
                    + [hours(t.value) for t in line.standing.targets]
                    + [f"{show_short(line.cycle.hours)}/{show_short(line.cycle.required)} "
                       f"({years_text(line.cycle.start, line.cycle.end)})",
                       m.verdict[line.verdict.word], "" if line.met else _short_text(line, lang)])
    return head, rows


def cohort_markdown(c: Cohort, lang: str = "zh") -> str:
    from .cells import md_table
    title, totals = _heading(c, lang)
    head, rows = _rows(c, lang)
    cells = [[show(int(round(v * 10))) if isinstance(v, float) else v for v in row] for row in rows]
    right = set(range(3, 3 + len(c.policy.targets)))
    return f"# {title}\n\n{totals}\n\n" + md_table(head, cells, right)


def cohort_html(c: Cohort, lang: str = "zh") -> str:
    from . import jinja
    title, totals = _heading(c, lang)
    return jinja.render("cohort.html.j2", lang, r=c, title=title, totals=totals, short_text=_short_text)


def cohort_csv(c: Cohort, lang: str = "zh") -> str:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese correctly."""
    head, rows = _rows(c, lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def cohort_workbook(c: Cohort, lang: str = "zh") -> bytes:
    from .xlsxbook import HOURS, Book
    title, totals = _heading(c, lang)
    book = Book()
    ws = book.sheet(messages(lang).unit_plan.cohort_title)
    ws.append([title])
    ws.append([totals])
    ws.append([f"{messages(lang).policy} {pick(c.policy, 'name', lang)} · {messages(lang).today} {c.today.isoformat()}"])
    ws.append([])
    head, rows = _rows(c, lang)
    row = ws.header(head)
    for r in rows:
        ws.append(r)
    ws.number_formats(row + 1, {4 + k: HOURS for k in range(len(c.policy.targets))})
    ws.column_widths()
    ws.print_setup(row, dense=True)
    return book.finish()


def cohort_page(c: Cohort, fmt: str, lang: str = "zh") -> str:
    return cohort_markdown(c, lang) if fmt == "md" else cohort_html(c, lang)
