"""A seeded synthetic unit written as a workspace (people/, units/, a
catalogue file), shaped like bench/bench_unit.py's: dated B activities with
few seats, online A and G courses, unit trainings, three departments, a
year that ends a B cycle. For the reproducibility tests of `planner unit`."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

YEAR = 2029
TODAY = "2028-11-27"
DEPARTMENTS = ("测绘科", "规划科", "地籍科")


def _offerings(rng: random.Random, n_online: int = 24, n_g: int = 10, n_dated: int = 36) -> list[dict]:
    out = []
    for k in range(n_online):
        hours = rng.choice((4, 6, 8, 12, 16))
        out.append({"id": f"A-{k:03d}", "route": "A", "title": f"课件{k}", "hours": hours, "platform": "zjce",
                    "year": YEAR, "fee": rng.choice((0, 20, 40, 60)),
                    "effort_hours": max(1, hours * rng.choice((6, 7, 8, 9, 10)) // 10)})
    for k in range(n_g):
        hours = rng.choice((3, 4, 6, 8, 12))
        out.append({"id": f"G-{k:03d}", "route": "G", "title": f"公需{k}", "hours": hours, "year": YEAR,
                    "fee": rng.choice((0, 0, 10, 20))})
    for k in range(n_dated):
        route = rng.choice(("B2", "B3", "B3"))
        days = rng.choice((1, 2, 2, 3))
        first = dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(340))
        o = {"id": f"{route}-{k:03d}", "route": route, "title": f"{route}活动{k}",
             "start": first.isoformat(), "end": (first + dt.timedelta(days=days - 1)).isoformat(),
             "fee": rng.choice((300, 600, 900, 1200)), "seats": rng.randint(3, 12)}
        if route == "B2":
            o["organizer"] = rng.choice(("ministry", "province"))
        else:
            o["kind"] = rng.choice(("training", "conference"))
            o["society"] = "surveying"
        out.append(o)
    return out


def _people(rng: random.Random, staff: int) -> list[dict]:
    people = []
    for k in range(staff):
        records = []
        prior = rng.choice((24, 30, 36, 36, 36, 36, 36, 36))
        if prior:
            records.append({"route": "B3", "year": 2027, "days": prior / 8 if prior % 8 == 0 else 3,
                            "kind": "training", "society": "surveying", "title": "往年培训"})
        if rng.random() < 0.3:
            records.append({"route": "A", "year": YEAR, "title": "已学课件", "hours": rng.choice((6, 12, 20)),
                            "platform": "zjce"})
        people.append({"id": f"S{k:04d}", "name": f"员工{k}", "unit": "U-B", "department": DEPARTMENTS[k % 3],
                       "specialty": "surveying", "records": records})
    return people


def write_workspace(root: Path, staff: int = 300, seed: int = 7) -> tuple[Path, Path]:
    """(workspace folder, catalogue file) of a `staff`-person unit U-B."""
    rng = random.Random(seed)
    catalog = root / "catalog.yaml"
    catalog.write_text(yaml.safe_dump({"offerings": _offerings(rng)}, allow_unicode=True), encoding="utf-8")
    ws = root / "ws"
    (ws / "people").mkdir(parents=True)
    (ws / "units").mkdir()
    trainings = [{"id": f"U-T{k}", "title": f"单位培训{k}", "date": f"{YEAR}-0{k + 3}-1{k}", "days": 1,
                  "cost": 3000, "seats": (120, 60, 400)[k], "effort_hours": 4} for k in range(3)]
    unit = {"id": "U-B", "name": "基准单位", "max_away_share": 0.3, "budget": 2000 * staff, "unit_trainings": trainings}
    (ws / "units" / "U-B.yaml").write_text(yaml.safe_dump(unit, allow_unicode=True), encoding="utf-8")
    for person in _people(rng, staff):
        (ws / "people" / f"{person['id']}.yaml").write_text(yaml.safe_dump(person, allow_unicode=True),
                                                           encoding="utf-8")
    return ws, catalog
