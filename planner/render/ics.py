"""`--format ics`: a plan's dated activities as an iCalendar file (also an
audit's dated records, and a unit plan's trainings and dated offerings).

Each dated activity is an all-day event (DTEND is the day after the last
day, as RFC 5545 asks) with its title, route and the hours it brings. UIDs
and DTSTAMP come from the input (offering id, person id, --today), so the same
input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from ..messages import messages, route_name
from ..tenths import show, show_yuan

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


def _event(uid: str, stamp: dt.datetime, summary: str, first: dt.date, last: dt.date, route: str,
           counted: int, lines: list[str]) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + dt.timedelta(days=1))      # all-day: DTEND is exclusive
    event.add("transp", "OPAQUE")
    event.add("categories", [route])
    event.add("description", "\n".join(lines))
    event.add("x-planner-route", route)
    event.add("x-planner-hours", show(counted))
    return event


def _summary(title: str, route: str, lang: str) -> str:
    return f"{title}（{route}）" if lang == "zh" else f"{title} ({route})"


def _unit_events(r, lang: str, stamp: dt.datetime):
    """A unit plan: each held unit training once, each person's dated offerings."""
    m = messages(lang)
    route = r.policy.unit_training_route
    names = {p.person.id: p.person.name for p in r.people}
    sep = "、" if lang == "zh" else ", "
    for tp in r.held:
        t = tp.training
        first, last = t.start or t.date, t.end or t.date
        if first is None:
            continue
        lines = [f"{m.route}: {route} {route_name(r.policy, route, lang)}", f"{m.hours}: {show(tp.hours)}",
                 f"{m.person}: " + sep.join(names.get(pid, pid) for pid in tp.attendees), f"ID: {t.id}"]
        yield _event(f"{t.id}.{r.unit.id}", stamp, _summary(t.title, route, lang), first, last, route,
                     tp.hours, lines)
    for p in r.people:
        for item in p.items:
            o = item.offering
            if not o.dated:
                continue
            lines = [f"{m.person}: {p.person.name} ({p.person.id})",
                     f"{m.route}: {o.route} {route_name(r.policy, o.route, lang)}",
                     f"{m.hours}: {show(item.credit.tenths)}", f"{m.report.fee}: {show_yuan(item.fee)}", f"ID: {o.id}"]
            yield _event(f"{o.id}.{p.person.id}", stamp, _summary(f"{p.person.name} · {o.title}", o.route, lang),
                         o.first_day, o.last_day, o.route, item.credit.tenths, lines)


def calendar(r, lang: str = "zh") -> Calendar:
    """An audit's dated records, a plan's dated offerings, or a unit plan's
    held trainings and each person's dated offerings."""
    m = messages(lang)
    stamp = dt.datetime.combine(r.today, dt.time(0, 0), tzinfo=dt.timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if hasattr(r, "unit") and hasattr(r, "people"):
        cal.add("x-wr-calname", f"{m.unit_title} · {r.unit.name} · {r.year}")
        for event in _unit_events(r, lang, stamp):
            cal.add_component(event)
        return cal
    person, policy = r.person, r.policy
    title = m.suggest_title if hasattr(r, "selected") else m.audit_title
    cal.add("x-wr-calname", f"{title} · {person.name}")
    for key, item, earned, counted, fee in _items(r):
        lines = [f"{m.route}: {item.route} {route_name(policy, item.route, lang)}",
                 f"{m.report.earned}: {show(earned)}",
                 f"{m.counted}: {show(counted)}"]
        if fee is not None:
            lines.append(f"{m.report.fee}: {show_yuan(fee)}")
        lines.append(f"ID: {key}")
        cal.add_component(_event(f"{key}.{person.id}", stamp, _summary(item.title, item.route, lang),
                                 item.first_day, item.last_day, item.route, counted, lines))
    for event in _reminders(r, lang, stamp):
        cal.add_component(event)
    return cal


REMIND_DAYS = 7      # a last-safe-date reminder comes this many days before it


def _reminders(r, lang: str, stamp: dt.datetime):
    """A plan's last safe dates (latest_start), each as an all-day reminder a week before."""
    from .living import target_text
    m = messages(lang).living
    for target, day in getattr(r, "latest_start", ()):
        when = max(r.today, day - dt.timedelta(days=REMIND_DAYS))
        event = Event()
        event.add("uid", f"latest-start.{target.replace(' ', '.')}.{r.person.id}@{DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("summary", m.reminder.format(target=target_text(target, lang)))
        event.add("dtstart", when)
        event.add("dtend", when + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("description", m.reminder_text.format(date=day.isoformat()))
        event.add("x-planner-latest-start", day.isoformat())
        yield event


def render(r, lang: str = "zh") -> str:
    """The calendar as text (CRLF line ends, folded lines, as icalendar writes it)."""
    return calendar(r, lang).to_ical().decode("utf-8")
