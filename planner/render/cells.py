"""The small pieces every medium shares: how a span of days reads, and how a
Markdown table cell and table are written."""
from __future__ import annotations

import datetime as dt
from typing import Optional


def span(first: Optional[dt.date], last: Optional[dt.date], compact: bool = True) -> str:
    """`2027-04-12`, `2027-04-12–04-14` (compact, same year) or
    `2027-04-12–2027-04-14`; "" when there is no date."""
    if first is None:
        return ""
    last = last or first
    if first == last:
        return first.isoformat()
    if compact and first.year == last.year:
        return f"{first.isoformat()}–{last.strftime('%m-%d')}"
    return f"{first.isoformat()}–{last.isoformat()}"


def years_text(first: int, last: int) -> str:
    """A range of years: `2026–2028`, and one year as itself (`2026`, never `2026–2026`)."""
    return str(first) if first == last else f"{first}–{last}"


def dates_text(item) -> str:
    """An offering's or record's days, or its credit year when undated."""
    if not item.dated:
        return str(item.credit_year)
    return span(item.first_day, item.last_day)


def md_cell(value) -> str:
    """A Markdown table cell: no pipes or line breaks inside."""
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def md_table(head: list[str], rows: list[list], right: frozenset[int] | set[int] = frozenset(),
             dashes: str = "---") -> str:
    """A Markdown table; columns in `right` are right-aligned."""
    lines = ["| " + " | ".join(head) + " |",
             "|" + "|".join("--:" if i in right else dashes for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
