"""`planner unit --since PLAN.json` (issue 12 point 2, the unit side):
re-planning a tiny unit after one chosen dated offering is cancelled keeps
the booked items, names the cancelled one, and makes the fewest changes
among the plans of least shortfall and effort (brute force), then the least
cost."""
from __future__ import annotations

import json

from planner.messages import messages

from .bruteforce import catalog_yaml
from .unitbrute import joint_plans
from .unitfixtures import YEAR, online, person, session, unit

BASE = [{"route": "A", "year": YEAR, "title": "已学课件", "hours": 65, "platform": "zjce"},
        {"route": "G", "year": YEAR, "title": "已学公需", "hours": 21}]
S3_BOOKED = {"route": "B2", "date": "2027-05-10", "organizer": "province", "title": "培训S3",
             "status": "booked", "offering": "S3"}
# four staff, each 4 hours short of 90; the first plan: S1 for two (seats 2), S3 (seats 1) and X (50 yuan)
FIRST = [session("S1", "2027-03-01", 1, seats=2), session("S3", "2027-05-10", 1, seats=1),
         online("X", 4, 1, fee=50, seats=1), online("Y", 4, 2)]
# then S1 is cancelled and held again as S2 (free, 2 seats), a free course Z (1 seat) appears,
# and whoever had S3 books it
AFTER = [o for o in FIRST if o.id != "S1"] + [session("S2", "2027-04-01", 1, seats=2), online("Z", 4, 1, seats=1)]


def person_yaml(pid: str, records) -> str:
    lines = [f"id: {pid}", f"name: 员工{pid}", "unit: U-T", "department: 测绘科", "specialty: surveying", "records:"]
    return "\n".join(lines + [f"  - {json.dumps(r, ensure_ascii=False)}" for r in records]) + "\n"


def run(cli, root, cat, *extra):
    code, out, err = cli("unit", "--unit", "U-T", "--year", str(YEAR), "--today", "2026-11-27", "--data", root,
                         "--catalog", cat, "--work", "5", "-q", *extra)
    assert code == 0, err
    return out


def changes_of(plans, previous, booked) -> int:
    """Independently: items added, plus previous items neither kept nor booked."""
    return sum(len(ids - previous[k]) + len(previous[k] - ids - booked[k]) for k, ids in enumerate(plans))


def test_replanning_after_a_cancellation_changes_least(cli, workspace, tmp_path, policy):
    pids = [f"P{k}" for k in range(4)]
    root = workspace({pid: person_yaml(pid, BASE) for pid in pids}, {"U-T": "id: U-T\nname: 测试单位\n"})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml(FIRST), encoding="utf-8")
    first = tmp_path / "first.json"
    run(cli, root, cat, "--format", "json", "--out", first)
    before = json.loads(first.read_text(encoding="utf-8"))
    chosen = {pid: {s["id"] for s in before["people"][pid]["selected"]} for pid in pids}
    assert sorted(tuple(sorted(v)) for v in chosen.values()) == [("S1",), ("S1",), ("S3",), ("X",)]
    booker = next(pid for pid in pids if chosen[pid] == {"S3"})
    (root / "people" / f"{booker}.yaml").write_text(person_yaml(booker, BASE + [S3_BOOKED]), encoding="utf-8")
    cat.write_text(catalog_yaml(AFTER), encoding="utf-8")
    data = json.loads(run(cli, root, cat, "--format", "json", "--since", first))
    c = data["changes"]
    s1 = sorted(pid for pid in pids if chosen[pid] == {"S1"})
    assert sorted((d["person"], d["id"], d["why"]) for d in c["dropped"]) == [(p, "S1", "cancelled") for p in s1]
    holder = next(pid for pid in pids if chosen[pid] == {"X"})
    assert sorted((k["person"], k["id"]) for k in c["kept"]) == sorted([(booker, "S3"), (holder, "X")])
    assert sorted((a["person"], a["id"]) for a in c["added"]) == [(p, "S2") for p in s1]
    assert c["count"] == 4 and c["done"] == []
    assert (holder, booker, s1) == ("P1", "P0", ["P2", "P3"])           # the README example
    assert (c["effort_delta_hours"], c["fee_delta"]) == (-1.0, 0.0)      # 3 h against 4 h; 50 yuan both
    assert data["status"] == "optimal" and data["effort_hours"] == 3.0 and data["cost"] == 50.0
    # the brute force: the fewest changes among the least-effort plans, then the least cost
    staff = [person(pid, records=BASE + ([S3_BOOKED] if pid == booker else [])) for pid in pids]
    joints = joint_plans(unit(), staff, AFTER, policy)
    least = min(j.value for j in joints)
    optimal = [j for j in joints if j.value == least]
    previous = [chosen[pid] for pid in pids]
    booked = [{"S3"} if pid == booker else set() for pid in pids]
    fewest = min(changes_of(j.plans, previous, booked) for j in optimal)
    assert least == (0, 3 * 60) and fewest == c["count"]
    assert min(j.cost for j in optimal if changes_of(j.plans, previous, booked) == fewest) == 5000
    # the cheapest least-effort plans (cost 0: S2, S2, Z) need 6 changes: the order matters
    assert min(changes_of(j.plans, previous, booked) for j in optimal if j.cost == 0) == 6
    # the change comes first in the text
    text = run(cli, root, cat, "--since", first, "--lang", "en")
    assert text.index("Since the previous plan") < text.index(messages("en").unit_plan.trainings)
    assert f"员工{s1[0]} ({s1[0]}): dropped S1: cancelled (no longer in the catalogue)" in " ".join(text.split())
    html = run(cli, root, cat, "--since", first, "--format", "html")
    assert html.index(messages("zh").living.h_changes) < html.index(messages("zh").unit_plan.people)
    assert f"员工{s1[0]} ({s1[0]})：放弃 S1：已取消（目录中不再有）" in html


def test_since_reads_a_saved_unit_plan_and_refuses_a_person_plan(cli, workspace, tmp_path):
    pids = [f"P{k}" for k in range(2)]
    root = workspace({pid: person_yaml(pid, BASE) for pid in pids}, {"U-T": "id: U-T\nname: 测试单位\n"})
    cat = tmp_path / "cat.yaml"
    cat.write_text(catalog_yaml([online("X", 4, 1), online("Y", 4, 2)]), encoding="utf-8")
    saved = tmp_path / "plan.json"
    run(cli, root, cat, "--format", "json", "--save", saved)
    again = tmp_path / "again.json"
    out = run(cli, root, cat, "--format", "json", "--since", saved, "--robust", "--save", again)
    data = json.loads(out)
    assert data["changes"]["count"] == 0 and data["robust"]["not_insured"] == []
    code, rendered, err = cli("render", again, "--format", "json", "-q")      # a saved plan keeps both
    assert code == 0 and rendered == out, err
    assert sorted((k["person"], k["id"]) for k in data["changes"]["kept"]) == [("P0", "X"), ("P1", "X")]
    person_plan = tmp_path / "person.json"
    # a --save file gives the previous figures exactly; the JSON rounds hours to a tenth
    from planner.previous import read_previous_unit
    cat.write_text(catalog_yaml([online("X", 4, 1.35, seats=1), online("Y", 4, 2)]), encoding="utf-8")
    exact, rounded = tmp_path / "exact.json", tmp_path / "rounded.json"     # 81 + 120 minutes: 3.35 h
    run(cli, root, cat, "--format", "json", "--save", exact, "--out", rounded)
    assert read_previous_unit(exact).effort == 201 and read_previous_unit(rounded).effort != 201
    person_plan.write_text('{"selected": [{"id": "X"}]}', encoding="utf-8")
    code, out, err = cli("unit", "--unit", "U-T", "--year", str(YEAR), "--today", "2026-11-27", "--data", root,
                         "--catalog", cat, "--since", person_plan, "--lang", "en", "-q")
    assert code == 2 and "not a unit plan" in err and "person.json" in err
