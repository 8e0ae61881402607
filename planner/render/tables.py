"""The tables of the terminal text: cells that wrap by the line-breaking
rules (linebreak.py), and a table too wide for the terminal stacked instead
of cut: one block per row, its leading cells as a heading, then "label
value" pairs packed into lines, a pair never split. So no "…" ever stands
in for a number, an id or a verdict, at any width."""
from __future__ import annotations

import io

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.containers import Renderables
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from .linebreak import Prose

FOLD_LEAST = 10        # a wrapping column narrower than this reads as a column of single characters


class ReportTable(Table):
    """A table whose wrapping cells break by the rules, stacked when even
    its narrowest layout is wider than the room it has."""

    def add_row(self, *cells, **kwargs) -> None:
        cells = [_cell(cell, i < len(self.columns) and _folds(self.columns[i])) for i, cell in enumerate(cells)]
        super().add_row(*cells, **kwargs)

    def least_width(self, console: Console, options) -> int:
        """The narrowest the table goes with nothing cut: every no-wrap cell
        whole, every wrapping column FOLD_LEAST cells (or its longest piece)."""
        wide = options.update_width(10 ** 4)
        total = self._extra_width + sum(self._get_padding_width(i) for i in range(len(self.columns)))
        for column in self.columns:
            cells = ([column.header] if self.show_header else []) + list(column._cells)
            sizes = [Measurement.get(console, wide, cell) for cell in cells]
            least = max((size.minimum for size in sizes), default=0)
            if _folds(column):
                least = max(least, min(FOLD_LEAST, max((size.maximum for size in sizes), default=0)))
            total += least
        return total

    def __rich_console__(self, console, options):
        if not self.columns or self.least_width(console, options) <= options.max_width:
            yield from super().__rich_console__(console, options)
            return
        heads = [Text.from_markup(c.header, emoji=False).plain if isinstance(c.header, str) else str(c.header)
                 for c in self.columns]
        rows = [[_markup(c._cells[r]) for c in self.columns] for r in range(self.row_count)]
        keys = next((i + 1 for i, c in enumerate(self.columns) if _folds(c)), 1)
        lines = stacked_lines(self.title, heads, rows, keys, options.max_width)
        yield from console.render(Renderables([Prose.of(line) for line in lines]), options)


def _cell(cell, folds: bool):
    """A string cell read as markup once (as the console would read it at
    every measure and every render: no emoji codes, no highlighting)."""
    if not isinstance(cell, str):
        return cell
    return Prose.of(cell) if folds else Text.from_markup(cell, emoji=False)


def _folds(column) -> bool:
    return column.overflow == "fold" and not column.no_wrap


def _markup(cell) -> str:
    if isinstance(cell, Text):
        return cell.markup
    return cell if isinstance(cell, str) else str(cell)


def new_table(title: str | None = None) -> Table:
    """The one table every text output draws."""
    return ReportTable(title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False,
                       collapse_padding=True, show_edge=False)


def natural_width(table: Table) -> int:
    """The widest line of `table` laid out with room to spare (cells measured
    by their East Asian width)."""
    wide = Console(file=io.StringIO(), width=400, color_system=None, highlight=False, emoji=False)
    with wide.capture() as captured:
        wide.print(table)
    return max((cell_len(line.rstrip()) for line in captured.get().splitlines()), default=0)


def stacked_lines(title, heads: list[str], rows: list[list[str]], keys: int, width: int) -> list[str]:
    """Rows as blocks (markup lines): the first `keys` cells, then the
    others as "label value" pairs, as many to a line as fit."""
    lines = [f"[bold]{escape(title)}[/bold]"] if title else []
    for row in rows:
        lines.append(" ".join(c for c in row[:keys] if c))
        line = ""
        for head, cell in zip(heads[keys:], row[keys:]):
            if cell == "":
                continue
            pair = f"{escape(head)} {cell}"
            candidate = f"{line} · {pair}" if line else f"  {pair}"
            if line and cell_len(Text.from_markup(candidate, emoji=False).plain) > width:
                lines.append(line)
                candidate = f"  {pair}"
            line = candidate
        if line:
            lines.append(line)
    return lines


def table_or_stack(out: Console, title: str | None, columns: list[tuple[str, dict]], rows: list[list[str]],
                   keys: int = 2) -> None:
    """`rows` as a table when it fits the console (a column given
    `overflow="fold"` may wrap, from 10 cells up); otherwise stacked, with
    its first `keys` cells as each block's heading."""
    folds = {i for i, (_, kw) in enumerate(columns) if kw.get("overflow") == "fold"}

    def build(cells_of) -> Table:
        table = new_table(title)
        for i, (head, kw) in enumerate(columns):
            if i in folds:
                table.add_column(head, overflow="fold", ratio=kw.get("ratio", 1), min_width=FOLD_LEAST)
            else:
                table.add_column(head, no_wrap=True, **{k: v for k, v in kw.items() if k not in ("overflow", "ratio")})
        for row in rows:
            table.add_row(*cells_of(row))
        return table

    def narrowest(row):
        return [Text.from_markup(c, emoji=False).plain[:5] if i in folds else c for i, c in enumerate(row)]
    if natural_width(build(narrowest)) <= out.width:
        out.print(build(lambda row: row))
    else:
        for line in stacked_lines(title, [head for head, _ in columns], rows, keys, out.width):
            out.print(Renderables([Prose.of(line)]))
