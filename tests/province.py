"""A seeded synthetic province: cities (workspaces) of units of persons, each
person with a few years of records, and optionally a synthetic catalogue
(bench/bench_batch.py: 300 offerings a year). Same arguments, same files.

    write_province(root, persons=2000, units=20, cities=4, seed=1)
    write_catalog(folder, per_year=300, years=(2026, 2027, 2028), seed=1)
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

SPECIALTIES = ["geological_survey", "land_engineering", "surveying", "spatial_planning", "marine",
               "blasting_engineering", "mining"]
PLATFORM = {"blasting_engineering": "blasting"}
DEPARTMENTS = ["测绘科", "规划科", "地籍科", "矿管科", "综合科"]
SOCIETIES = ["geology", "land", "surveying", "spatial_planning", "marine"]


def _records(rng: random.Random, specialty: str, years, bad: bool) -> list[dict]:
    platform = PLATFORM.get(specialty, "zjce")
    out = []
    for year in years:
        share = rng.choice([0.3, 0.6, 0.8, 1.0, 1.0])        # how much of the year is done
        a = int(rng.choice([48, 56, 65, 72]) * share)
        while a > 0:
            h = min(a, rng.choice([4, 6, 8, 10, 12]))
            out.append({"route": "A", "year": year, "title": f"专业课 {year}-{len(out)}", "hours": h,
                        "platform": platform})
            a -= h
        g = int(rng.choice([12, 18, 20]) * share)
        if g:
            out.append({"route": "G", "year": year, "title": f"公需课 {year}", "hours": g})
        if rng.random() < 0.35:
            start = dt.date(year, rng.randrange(3, 11), rng.randrange(1, 25))
            out.append({"route": "B3", "title": f"学会培训 {year}", "kind": "training",
                        "society": rng.choice(SOCIETIES), "start": start.isoformat(),
                        "end": (start + dt.timedelta(days=rng.choice([1, 2]))).isoformat()})
    if bad:
        out.append({"route": "C5", "year": years[-1], "title": "论文", "venue": "journal-of-nowhere", "rank": 1})
    return out


def person(rng: random.Random, pid: str, unit: str, years, bad: bool = False) -> dict:
    specialty = rng.choice(SPECIALTIES)
    data = {"id": pid, "name": f"人员{pid}", "unit": unit, "department": rng.choice(DEPARTMENTS),
            "specialty": specialty, "records": _records(rng, specialty, years, bad)}
    if rng.random() < 0.1:
        data["budget_per_year"] = rng.choice([500, 1000, 3000])
    return data


def write_province(root: Path, persons: int, units: int, cities: int = 1, seed: int = 1,
                   years=(2025, 2026), bad_every: int = 0) -> list[Path]:
    """`persons` person files in `units` units spread over `cities` workspaces
    (a single workspace when cities == 1); every `bad_every`-th file is bad input."""
    rng = random.Random(seed)
    root = Path(root)
    files = []
    per_unit = -(-persons // units)
    for k in range(persons):
        u = k // per_unit
        city = u * cities // units
        folder = root if cities == 1 else root / f"city{city:02d}"
        people = folder / "people"
        people.mkdir(parents=True, exist_ok=True)
        pid = f"P{k:05d}"
        bad = bool(bad_every) and k % bad_every == bad_every - 1
        data = person(rng, pid, f"U{u:03d}", years, bad)
        path = people / f"{pid}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        files.append(path)
    return files


def write_catalog(folder: Path, per_year: int, years, seed: int = 1, seats: tuple = (30, 60, 120)) -> None:
    """A catalogue of `per_year` offerings a year: A and G online courses,
    B1/B3 trainings with seats, C1 lectures."""
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for year in years:
        offerings = []
        for k in range(per_year):
            roll = rng.random()
            o = {"id": f"X-{year}-{k:03d}", "title": f"课程 {year}-{k}", "fee": rng.choice([0, 20, 40, 60])}
            if roll < 0.55:
                o.update(route="A", hours=rng.choice([4, 6, 8, 10, 12]), year=year,
                         platform="blasting" if rng.random() < 0.15 else "zjce")
                if rng.random() < 0.5:
                    o["effort_hours"] = round(o["hours"] * rng.uniform(0.5, 0.9), 1)
                if rng.random() < 0.5:
                    o["specialties"] = rng.sample(SPECIALTIES, 2)
            elif roll < 0.8:
                o.update(route="G", hours=rng.choice([3, 4, 5, 6, 8]), year=year)
            else:
                start = dt.date(year, 1, 5) + dt.timedelta(days=rng.randrange(0, 340))
                days = rng.choice([1, 2, 3])
                o.update(route="B3", kind="training", society=rng.choice(SOCIETIES), start=start.isoformat(),
                         end=(start + dt.timedelta(days=days - 1)).isoformat(), fee=rng.choice([300, 600, 900]),
                         seats=rng.choice(seats))
            offerings.append(o)
        (folder / f"{year}.yaml").write_text(yaml.safe_dump({"offerings": offerings}, allow_unicode=True,
                                                             sort_keys=False), encoding="utf-8")
