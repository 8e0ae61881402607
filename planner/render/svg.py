"""Inline SVG charts for the HTML reports: no script, no network, same bytes
for the same input.

Every function takes plain numbers (hours in integer tenths, dates) and the
words to print, and returns one `<svg>` element as text. Colours are CSS
classes (styled in templates/base.html.j2), so print CSS can change them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Sequence

from ..tenths import show_short
from .cells import years_text

WIDTH = 640


def _n(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(x, y, words, cls="", anchor="start") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{klass}>{escape(str(words))}</text>'


def _rect(x, y, w, h, cls, title=None) -> str:
    if w <= 0:
        return ""
    tip = f"<title>{escape(title)}</title>" if title else ""
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" class="{cls}">{tip}</rect>'


def _svg(height: float, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" '
            f'width="100%" role="img" aria-label="{escape(label)}" class="chart">'
            + "".join(body) + "</svg>")


@dataclass(frozen=True)
class Bar:
    """One target of one year: what records count, what the plan adds, what it needs."""
    key: str
    label: str
    counted: int      # tenths from records
    planned: int      # tenths the plan adds (after caps)
    required: int     # tenths the target asks

    @property
    def missing(self) -> int:
        return max(0, self.required - self.counted - self.planned)


@dataclass(frozen=True)
class Legend:
    counted: str
    planned: str
    missing: str
    required: str


def _legend(y: float, legend: Legend, planned: bool) -> list[str]:
    items = [("counted", legend.counted)] + ([("planned", legend.planned)] if planned else []) \
        + [("missing", legend.missing)]
    out, x = [], 0.0
    for cls, words in items:
        out.append(_rect(x, y - 9, 10, 10, f"swatch {cls}"))
        out.append(_text(x + 14, y, words, "legend"))
        x += 24 + 14 * len(words) if not words.isascii() else 24 + 7 * len(words)
    out.append(f'<line x1="{_n(x)}" y1="{_n(y - 10)}" x2="{_n(x)}" y2="{_n(y + 1)}" class="target"/>')
    out.append(_text(x + 6, y, legend.required, "legend"))
    return out


def year_bars(title: str, bars: Sequence[Bar], legend: Legend, planned: bool = True) -> str:
    """Horizontal bars, one per target: counted | planned | missing, with the
    target drawn as a line and `value / required` at the end."""
    label_w, value_w, row_h, bar_h = 110, 110, 30, 18
    scale_max = max([b.required for b in bars] + [b.counted + b.planned for b in bars] + [1])
    plot_w = WIDTH - label_w - value_w
    k = plot_w / scale_max
    body = [_text(0, 14, title, "chart-title")]
    y = 26
    for bar in bars:
        x = label_w
        body.append(_text(label_w - 8, y + 13, bar.label, "label", "end"))
        body.append(_rect(x, y, plot_w, bar_h, "track"))
        body.append(_rect(x, y, bar.counted * k, bar_h, "counted", f"{legend.counted} {show_short(bar.counted)}"))
        x += bar.counted * k
        body.append(_rect(x, y, bar.planned * k, bar_h, "planned", f"{legend.planned} {show_short(bar.planned)}"))
        x += bar.planned * k
        body.append(_rect(x, y, bar.missing * k, bar_h, "missing", f"{legend.missing} {show_short(bar.missing)}"))
        tx = label_w + bar.required * k
        body.append(f'<line x1="{_n(tx)}" y1="{_n(y - 3)}" x2="{_n(tx)}" y2="{_n(y + bar_h + 3)}" class="target"/>')
        total = bar.counted + bar.planned
        cls = "value met" if total >= bar.required else "value short"
        body.append(_text(WIDTH - value_w + 8, y + 13, f"{show_short(total)} / {show_short(bar.required)}", cls))
        y += row_h
    body.extend(_legend(y + 12, legend, planned))
    return _svg(y + 20, body, title)


@dataclass(frozen=True)
class CycleYear:
    year: int
    counted: int
    planned: int = 0


def cycle_progress(title: str, years: Sequence[CycleYear], required: int, legend: Legend,
                   planned: bool = True) -> str:
    """One bar for a B cycle: each year's counted (and planned) hours side by
    side, the requirement as a line, `hours / required` at the end."""
    label_w, value_w, bar_h = 110, 110, 24
    total = sum(y.counted + y.planned for y in years)
    scale_max = max(required, total, 1)
    plot_w = WIDTH - label_w - value_w
    k = plot_w / scale_max
    y0 = 26
    body = [_text(0, 14, title, "chart-title"), _rect(label_w, y0, plot_w, bar_h, "track")]
    x = label_w
    for item in years:
        for amount, cls, words in ((item.counted, "counted", legend.counted), (item.planned, "planned", legend.planned)):
            if amount:
                body.append(_rect(x, y0, amount * k, bar_h, cls, f"{item.year} {words} {show_short(amount)}"))
                if amount * k >= 34:
                    body.append(_text(x + amount * k / 2, y0 + 16, str(item.year), "in-bar", "middle"))
                x += amount * k
    missing = max(0, required - total)
    body.append(_rect(x, y0, missing * k, bar_h, "missing", f"{legend.missing} {show_short(missing)}"))
    tx = label_w + required * k
    body.append(f'<line x1="{_n(tx)}" y1="{_n(y0 - 3)}" x2="{_n(tx)}" y2="{_n(y0 + bar_h + 3)}" class="target"/>')
    span = years_text(years[0].year, years[-1].year) if years else ""
    body.append(_text(label_w - 8, y0 + 16, span, "label", "end"))
    cls = "value met" if total >= required else "value short"
    body.append(_text(WIDTH - value_w + 8, y0 + 16, f"{show_short(total)} / {show_short(required)}", cls))
    body.extend(_legend(y0 + bar_h + 22, legend, planned))
    return _svg(y0 + bar_h + 30, body, title)


@dataclass(frozen=True)
class Event:
    label: str
    start: dt.date
    end: dt.date
    route: str
    hours: int = 0    # tenths


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def timeline(title: str, events: Sequence[Event], year: int, month_names: Sequence[str]) -> str:
    """One year's months as columns and each dated activity as a bar from its
    first to its last day, labelled with route and title."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    label_w, row_h = 0, 20
    plot_w = WIDTH - label_w
    span = (last - first).days + 1
    k = plot_w / span
    rows = sorted((e for e in events if e.end >= first and e.start <= last),
                  key=lambda e: (e.start, e.end, e.route, e.label))
    height = 40 + row_h * max(1, len(rows)) + 6
    body = [_text(0, 14, title, "chart-title")]
    for i, month in enumerate(_months(first, last)):
        x = label_w + (month - first).days * k
        body.append(f'<line x1="{_n(x)}" y1="20" x2="{_n(x)}" y2="{_n(height)}" class="grid"/>')
        body.append(_text(x + 3, 32, month_names[month.month - 1], "month"))
    y = 40
    for event in rows:
        start, end = max(event.start, first), min(event.end, last)
        x = label_w + (start - first).days * k
        w = max(((end - start).days + 1) * k, 3)
        tip = f"{event.route} {event.label} {event.start.isoformat()}–{event.end.isoformat()}"
        body.append(_rect(x, y + 3, w, row_h - 6, f"event route-{event.route[:1]}", tip))
        text = f"{event.start.month}/{event.start.day} {event.route} {event.label}"
        if x > WIDTH * 0.6:
            body.append(_text(x - 4, y + 14, text, "event-label", "end"))
        else:
            body.append(_text(x + w + 4, y + 14, text, "event-label"))
        y += row_h
    return _svg(height, body, title)
