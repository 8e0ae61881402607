"""`--format ics`: a plan's dated activities as an iCalendar file.

Each dated activity is an all-day event (DTEND is the day after the last
day, as RFC 5545 asks) with its title, route and the hours it brings. UIDs
and DTSTAMP come from the input (offering id, person id, --today), so the same
input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from .messages import messages, route_name
from .tenths import show, show_yuan

PRODID = "-//planner//continuing-education hours//EN"
DOMAIN = "planner.invalid"


def _items(r):
    """(key, activity, earned tenths, counted tenths, fee fen or None) of the
    dated activities: a plan's selected offerings, else (audit) the records."""
    chosen = getattr(r, "selected", None)
    if chosen is not None:
        for c in chosen:
            if c.offering.dated:
                yield c.offering.id, c.offering, c.earned, c.counted, c.fee
        return
    for line in r.ledger.lines:
        if line.item.dated:
            key = line.item.offering or f"record-{line.index}"
            yield key, line.item, line.credit.tenths, line.counted, None


def calendar(r, lang: str = "zh") -> Calendar:
    m = messages(lang)
    person, policy = r.person, r.policy
    title = m.suggest_title if hasattr(r, "selected") else m.audit_title
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{title} · {person.name}")
    stamp = dt.datetime.combine(r.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    for key, item, earned, counted, fee in _items(r):
        event = Event()
        event.add("uid", f"{key}.{person.id}@{DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.title}（{item.route}）" if lang == "zh" else f"{item.title} ({item.route})")
        event.add("dtstart", item.first_day)
        event.add("dtend", item.last_day + dt.timedelta(days=1))
        event.add("transp", "OPAQUE")
        event.add("categories", [item.route])
        lines = [f"{m.route}: {item.route} {route_name(policy, item.route, lang)}",
                 f"{m.report.earned}: {show(earned)}",
                 f"{m.counted}: {show(counted)}"]
        if fee is not None:
            lines.append(f"{m.report.fee}: {show_yuan(fee)}")
        lines.append(f"ID: {key}")
        event.add("description", "\n".join(lines))
        event.add("x-planner-route", item.route)
        event.add("x-planner-hours", show(counted))
        cal.add_component(event)
    return cal


def render(r, lang: str = "zh") -> str:
    """The calendar as text (CRLF line ends, folded lines, as icalendar writes it)."""
    return calendar(r, lang).to_ical().decode("utf-8")
