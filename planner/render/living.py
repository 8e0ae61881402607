"""A plan's living parts, in JSON and in words (text, md, html share the words):
what changed since the previous plan (shown first), what the robust plan's
insurance costs, the fragile points, the last safe dates, the repairs."""
from __future__ import annotations

from ..messages import messages, target_name
from ..plan.repairs import not_offered
from ..tenths import effort_hours, hours, show, yuan


def target_text(label: str, lang: str) -> str:
    """"2027 total" -> "2027年 合计" / "2027 total"; "2027-2029 cycle" -> the B cycle."""
    period, key = label.rsplit(" ", 1)
    m = messages(lang)
    name = m.cycle if key == "cycle" else target_name(key, lang)
    period = period.replace("-", "–")
    return m.living.target_year.format(period=period, name=name) if key != "cycle" else f"{period} {name}"


def living_json(r, lang: str = "zh") -> dict:
    """The keys of issue 12 for `suggest --format json` (only those that apply)."""
    out = {}
    if r.changes is not None:
        c = r.changes
        out["changes"] = {"kept": list(c.kept), "added": list(c.added),
                          "dropped": [{"id": i, "why": why} for i, why in c.dropped],
                          "done": list(c.done), "count": c.count,
                          "effort_delta_hours": None if c.effort_delta is None else effort_hours(c.effort_delta),
                          "fee_delta": None if c.fee_delta is None else yuan(c.fee_delta)}
    if r.robust is not None:
        out["robust"] = {"possible": r.robust.possible,
                         "plain_effort_hours": effort_hours(r.robust.plain_effort),
                         "plain_fee": yuan(r.robust.plain_fee),
                         "insurance_effort_hours": effort_hours(r.effort - r.robust.plain_effort),
                         "insurance_fee": yuan(r.fee - r.robust.plain_fee)}
    out["fragile"] = [dict(({"record": f.record} if f.record is not None else {"id": f.id}),
                           title=f.title, breaks=list(f.breaks)) for f in r.fragile]
    out["latest_start"] = {label: day.isoformat() for label, day in r.latest_start}
    if r.latest_cut:                   # only when the time limit cut them: other plans keep their bytes
        out["latest_start_cut"] = list(r.latest_cut)
    if r.repairs:
        out["repairs"] = [repair_json(x) for x in r.repairs]
    if r.repairs_cut:
        out["repairs_cut"] = True
    if _short(r):
        out["repairs_not_offered"] = [{"kind": x.kind, "article": x.article,
                                       "rule": x.text_en if lang == "en" else x.text} for x in not_offered(r.policy)]
    return out


def _short(r) -> bool:
    """Targets cannot be met: the repairs' section applies."""
    return r.status == "infeasible" and bool(r.unmet)


def repair_json(x) -> dict:
    return {"kind": x.kind, "detail": x.detail, "cost": effort_hours(x.effort), "fee": yuan(x.fee),
            "extra_yuan": yuan(x.extra) if x.extra else 0.0, "makes_met": list(x.makes_met)}


def change_lines(r, lang: str) -> list[str]:
    """The change from the previous plan, first in every report."""
    c = r.changes
    if c is None:
        return []
    m = messages(lang).living
    lines = [m.changes.format(count=c.count, kept=len(c.kept), added=len(c.added), dropped=len(c.dropped))]
    lines += [m.added.format(id=i) for i in c.added]
    lines += [m.dropped.format(id=i, why=m.why[why]) for i, why in c.dropped]
    if c.done:
        lines.append(m.done.format(ids=", ".join(c.done)))
    if c.effort_delta is not None:
        lines.append(m.delta.format(effort=f"{effort_hours(c.effort_delta):+.1f}",
                                    fee=f"{yuan(c.fee_delta or 0):+.2f}".rstrip("0").rstrip(".")))
    return lines


def robust_lines(r, lang: str) -> list[str]:
    if r.robust is None:
        return []
    m = messages(lang).living
    if not r.robust.possible:
        return [m.robust_impossible]
    return [m.robust.format(effort=f"{effort_hours(r.effort - r.robust.plain_effort):.1f}",
                            fee=f"{yuan(r.fee - r.robust.plain_fee):g}",
                            plain=f"{effort_hours(r.robust.plain_effort):.1f}")]


def fragile_lines(r, lang: str) -> list[str]:
    m = messages(lang).living
    sep = "、" if lang == "zh" else ", "
    out = []
    for f in r.fragile:
        what = m.fragile_record.format(record=f.record, title=f.title) if f.record is not None \
            else m.fragile_item.format(id=f.id, title=f.title)
        out.append(m.fragile.format(what=what, breaks=sep.join(target_text(t, lang) for t in f.breaks)))
    return out


def latest_lines(r, lang: str) -> list[str]:
    m = messages(lang).living
    return ([m.latest.format(target=target_text(label, lang), date=day.isoformat()) for label, day in r.latest_start]
            + [m.latest_cut.format(target=target_text(label, lang)) for label in r.latest_cut])


def repair_lines(r, lang: str) -> list[str]:
    m = messages(lang).living
    sep = "、" if lang == "zh" else ", "
    return [m.repair.format(what=repair_text(x, lang), effort=f"{effort_hours(x.effort):.1f}",
                            fee=f"{yuan(x.fee):g}", targets=sep.join(target_text(t, lang) for t in x.makes_met))
            for x in r.repairs] + ([m.repairs_cut] if r.repairs_cut else [])


def not_offered_lines(r, lang: str) -> list[str]:
    """Why the other platform and one more year are never offered, in the rule's words."""
    if not _short(r):
        return []
    m = messages(lang).living.not_offered
    return [m[x.kind].format(article=x.article, rule=x.text_en if lang == "en" else x.text)
            for x in not_offered(r.policy)]


def repair_text(x, lang: str) -> str:
    m = messages(lang).living.repairs
    return m[x.kind].format(**dict(x.params))


def sections(r, lang: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) of every living part that has something to say, in report order."""
    m = messages(lang).living
    parts = [(m.h_changes, change_lines(r, lang)), (m.h_robust, robust_lines(r, lang)),
             (m.h_fragile, fragile_lines(r, lang)), (m.h_latest, latest_lines(r, lang)),
             (m.h_repairs, repair_lines(r, lang) + not_offered_lines(r, lang))]
    return [(h, lines) for h, lines in parts if lines]


def unit_changes_json(c) -> dict:
    """`planner unit --since`: suggest's `changes` keys, each entry naming its person."""
    if c is None:
        return {}
    rows = lambda part: [{"person": pid, "id": i} for pid, x in c.people for i in getattr(x, part)]
    return {"changes": {"kept": rows("kept"), "added": rows("added"),
                        "dropped": [{"person": pid, "id": i, "why": why} for pid, x in c.people for i, why in x.dropped],
                        "done": rows("done"), "count": c.count,
                        "effort_delta_hours": None if c.effort_delta is None else effort_hours(c.effort_delta),
                        "fee_delta": None if c.fee_delta is None else yuan(c.fee_delta)}}


def unit_robust_json(plan) -> dict:
    """`planner unit --robust`: what the insurance costs against the plain plan."""
    r = plan.robust
    if r is None:
        return {}
    return {"robust": {"plain_effort_hours": effort_hours(r.plain_effort), "plain_cost": yuan(r.plain_cost),
                       "insurance_effort_hours": effort_hours(plan.effort - r.plain_effort),
                       "insurance_cost": yuan(plan.cost - r.plain_cost), "not_insured": list(r.not_robust)}}


def unit_living_sections(plan, lang: str) -> list[tuple[str, list[str]]]:
    """What changed (first in every report), then what the insurance costs."""
    out = unit_change_sections(plan, lang)
    r = plan.robust
    if r is not None:
        m = messages(lang).living
        lines = [m.robust.format(effort=f"{effort_hours(plan.effort - r.plain_effort):.1f}",
                                 fee=f"{yuan(plan.cost - r.plain_cost):g}", plain=f"{effort_hours(r.plain_effort):.1f}")]
        if r.not_robust:
            lines.append(m.not_insured.format(who=", ".join(r.not_robust)))
        out.append((m.h_robust, lines))
    return out


def unit_change_sections(plan, lang: str) -> list[tuple[str, list[str]]]:
    """The change from the previous unit plan, person by person (first in every report)."""
    c = plan.changes
    if c is None:
        return []
    m = messages(lang).living
    names = {p.person.id: p.person.name for p in plan.people}
    kept = sum(len(x.kept) for _, x in c.people)
    added = sum(len(x.added) for _, x in c.people)
    dropped = sum(len(x.dropped) for _, x in c.people)
    lines = [m.changes.format(count=c.count, kept=kept, added=added, dropped=dropped)]
    for pid, x in c.people:
        who = f"{names[pid]} ({pid})" if pid in names else pid
        parts = [m.added.format(id=i) for i in x.added] + [m.dropped.format(id=i, why=m.why[why]) for i, why in x.dropped]
        parts += [m.done.format(ids=", ".join(x.done))] if x.done else []
        lines += [m.person_change.format(who=who, change=part) for part in parts]
    if c.effort_delta is not None:
        lines.append(m.delta.format(effort=f"{effort_hours(c.effort_delta):+.1f}",
                                    fee=f"{yuan(c.fee_delta or 0):+.2f}".rstrip("0").rstrip(".")))
    return [(m.h_changes, lines)]


def unit_values_json(values) -> dict:
    """`planner unit --limit-values`: limit_values and demand (none without the flag)."""
    if values is None:
        return {}
    return {"limit_values": [{"limit": v.limit, "what": v.what, "effort_saved_hours": effort_hours(v.effort_saved),
                              "shortfall_saved_hours": hours(v.shortfall_saved),
                              "method": "re-solved", "proven": v.proven} for v in values.limits],
            "demand": {oid: {"wanted": w, "seats": s} for oid, (w, s) in values.demand.items()},
            # only when --time-limit came first (other plans keep their bytes)
            **({"limit_values_cut": [{"limit": k, "what": w} for k, w in values.cut]} if values.cut else {}),
            **({"demand_cut": True} if values.demand_cut else {})}


def unit_value_sections(values, lang: str) -> list[tuple[str, list[str]]]:
    if values is None:
        return []
    m = messages(lang).living
    lines = [(m.limit_value_short if v.shortfall_saved else m.limit_value).format(
        what=m.limits[v.limit].format(what=v.what), saved=f"{effort_hours(v.effort_saved):.1f}",
        short=show(v.shortfall_saved), how=m.proven if v.proven else m.searched) for v in values.limits]
    lines += [m.limit_value_cut.format(what=m.limits[k].format(what=w)) for k, w in values.cut]
    wanted = [m.demand_line.format(id=oid, wanted=w, seats=s) for oid, (w, s) in values.demand.items()]
    wanted += [m.demand_cut] if values.demand_cut else []
    return [(h, x) for h, x in ((m.h_limits, lines or [m.no_limits]), (m.h_demand, wanted)) if x]
