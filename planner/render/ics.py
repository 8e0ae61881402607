"""`--format ics`, the medium: a plan's dated activities as an iCalendar file
(also an audit's dated records, and a unit plan's trainings and dated
offerings), one function per result.

Each dated activity is an all-day event (DTEND is the day after the last
day, as RFC 5545 asks) with its title, route and the hours it brings. UIDs
and DTSTAMP come from the input (offering id, person id, --today), so the same
input gives the same bytes.
"""
from __future__ import annotations

import datetime as dt

from ..messages import messages, route_name
from ..tenths import show, show_yuan

PRODID = "-//planner//continuing-education hours//EN"
DOMAIN = "planner.invalid"


def _event(uid: str, stamp: dt.datetime, summary: str, first: dt.date, last: dt.date, route: str,
           counted: int, lines: list[str]):
    from icalendar import Event
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


def _calendar(name: str):
    from icalendar import Calendar
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.timezone.utc)


def _person_calendar(title: str, person, policy, today: dt.date, items, lang: str):
    """(key, activity, earned, counted, fee or None) of dated activities, as a calendar."""
    m = messages(lang)
    stamp = _stamp(today)
    cal = _calendar(f"{title} · {person.name}")
    for key, item, earned, counted, fee in items:
        lines = [f"{m.route}: {item.route} {route_name(policy, item.route, lang)}",
                 f"{m.report.earned}: {show(earned)}",
                 f"{m.counted}: {show(counted)}"]
        if fee is not None:
            lines.append(f"{m.report.fee}: {show_yuan(fee)}")
        lines.append(f"ID: {key}")
        cal.add_component(_event(f"{key}.{person.id}", stamp, _summary(item.title, item.route, lang),
                                 item.first_day, item.last_day, item.route, counted, lines))
    return cal


def _text(cal) -> str:
    """The calendar as text (CRLF line ends, folded lines, as icalendar writes it)."""
    return cal.to_ical().decode("utf-8")


def audit_calendar(r, lang: str = "zh") -> str:
    """An audit's dated records."""
    items = ((line.item.offering or f"record-{line.index}", line.item, line.credit.tenths, line.counted, None)
             for line in r.ledger.lines if line.item.dated)
    return _text(_person_calendar(messages(lang).audit_title, r.person, r.policy, r.today, items, lang))


def plan_calendar(r, lang: str = "zh") -> str:
    """A plan's dated offerings, and a reminder before each last safe date."""
    items = ((c.offering.id, c.offering, c.earned, c.counted, c.fee) for c in r.selected if c.offering.dated)
    cal = _person_calendar(messages(lang).suggest_title, r.person, r.policy, r.today, items, lang)
    for event in _reminders(r, lang, _stamp(r.today)):
        cal.add_component(event)
    return _text(cal)


def unit_calendar(r, lang: str = "zh") -> str:
    """A unit plan's held trainings and each person's dated offerings."""
    m = messages(lang)
    cal = _calendar(f"{m.unit_title} · {r.unit.name} · {r.year}")
    for event in _unit_events(r, lang, _stamp(r.today)):
        cal.add_component(event)
    return _text(cal)


REMIND_DAYS = 7      # a last-safe-date reminder comes this many days before it


def _reminders(r, lang: str, stamp: dt.datetime):
    """A plan's last safe dates (latest_start), each as an all-day reminder a week before."""
    from icalendar import Event

    from .living import target_text
    m = messages(lang).living
    for target, day in r.latest_start:
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
