"""Each shared rule of the unit model on its own (issue 8 point 8): the
people's variables, one add_<rule>(), and a check of which assignments the
rule admits, with every variable fixed (propagation only: no search, no
objective). In the spirit of Timefold's ConstraintVerifier.

Staff (tests/unitfixtures.py) need 4 more hours each; their targets are
soft, so only the rule under test can refuse an assignment.
"""
from __future__ import annotations

import pytest

from planner.plan.sat import load_cp_model
from planner.unit.model import add_away_limit, add_person, add_seats, add_training_held, add_unit_budget
from planner.unit.prepare import setup
from planner.unit.usage import Limits, Usage

from .unitfixtures import TODAY, YEAR, online, person, session, unit

cp_model = load_cp_model()
TRAINING = {"id": "T1", "title": "讲座", "date": "2027-03-16", "days": 1, "cost": 1200, "seats": 10,
            "effort_hours": 3}


def people_vars(policy, staff, offerings, trainings=(), **unit_fields):
    problem = setup(unit(list(trainings), **unit_fields), staff, policy, offerings, YEAR, TODAY)
    model = cp_model.CpModel()
    people = [add_person(model, policy, need, f"p{k}") for k, need in enumerate(problem.needs)]
    return problem, model, people


def admits(model, people, chosen: dict[str, set], fixed=()) -> bool:
    """Whether the model holds with exactly `chosen` (person id -> ids) taken
    (and the other literals in `fixed`, (literal, value) pairs, fixed)."""
    trial = model.clone()
    pairs = [(lit, int(oid in chosen.get(pv.need.pid, ()))) for pv in people for oid, lit in pv.x.items()]
    for lit, value in pairs + list(fixed):
        trial.add(trial.get_bool_var_from_proto_index(lit.index) == value)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 1.0
    return solver.solve(trial) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_add_seats_admits_as_many_as_the_seats(policy):
    staff = [person(f"P{k}") for k in range(3)]
    problem, model, people = people_vars(policy, staff, [online("A-2", 4, 2, seats=2)])
    add_seats(model, people, problem.limits, Usage())
    assert admits(model, people, {"P0": {"A-2"}, "P1": {"A-2"}})
    assert not admits(model, people, {"P0": {"A-2"}, "P1": {"A-2"}, "P2": {"A-2"}})


def test_add_seats_counts_those_outside_the_frame(policy):
    staff = [person(f"P{k}") for k in range(2)]
    problem, model, people = people_vars(policy, staff, [online("A-2", 4, 2, seats=2)])
    add_seats(model, people, problem.limits, Usage(seats={"A-2": 1}))
    assert admits(model, people, {"P1": {"A-2"}})
    assert not admits(model, people, {"P0": {"A-2"}, "P1": {"A-2"}})


@pytest.mark.parametrize("departments, admitted", [(("甲", "甲"), False), (("甲", "乙"), True)])
def test_add_away_limit_is_per_department_and_day(policy, departments, admitted):
    # departments of 2 at share 0.5: one away a day in each
    staff = [person("P0", departments[0]), person("P1", departments[1]),
             person("P2", "甲"), person("P3", "乙")]
    problem, model, people = people_vars(policy, staff, [session("S1", "2027-05-10", 2, seats=10)], share=0.5)
    assert dict(problem.limits.away) == {"乙": 1, "甲": 1}
    add_away_limit(model, people, problem.trainings, problem.limits, Usage())
    assert admits(model, people, {"P0": {"S1"}, "P1": {"S1"}}) is admitted
    assert admits(model, people, {"P0": {"S1"}})


def test_add_away_limit_leaves_unit_trainings_and_online_courses_out(policy):
    staff = [person("P0"), person("P1")]                      # one department of 2, share 0.3: limit 1
    problem, model, people = people_vars(policy, staff, [online("A-X", 4, 3)], trainings=[TRAINING], share=0.3)
    add_away_limit(model, people, problem.trainings, problem.limits, Usage())
    assert admits(model, people, {"P0": {"T1"}, "P1": {"T1"}})
    assert admits(model, people, {"P0": {"A-X"}, "P1": {"A-X"}})


def test_add_away_limit_counts_those_already_away(policy):
    staff = [person("P0"), person("P1")]
    problem, model, people = people_vars(policy, staff, [session("S1", "2027-05-10", 2)], share=0.3)
    day = next(i for i in problem.needs[0].items if i.id == "S1").days[0]
    add_away_limit(model, people, problem.trainings, problem.limits, Usage(away={("测绘科", day): 1}))
    assert not admits(model, people, {"P0": {"S1"}})


def test_add_training_held_only_with_attendees_and_its_cost_once(policy):
    staff = [person("P0"), person("P1")]
    problem, model, people = people_vars(policy, staff, [], trainings=[TRAINING])
    held, cost = add_training_held(model, people, problem.limits, Usage(), relaxed=False)
    h = held["T1"]
    model.add(cost == 120000).only_enforce_if(h)
    assert admits(model, people, {"P0": {"T1"}, "P1": {"T1"}}, [(h, 1)])
    assert not admits(model, people, {"P0": {"T1"}}, [(h, 0)])     # attended: held
    assert not admits(model, people, {}, [(h, 1)])                 # held: someone attends
    assert admits(model, people, {}, [(h, 0)])


def test_add_training_held_relaxed_or_already_held_costs_nothing(policy):
    staff = [person("P0")]
    problem, model, people = people_vars(policy, staff, [], trainings=[TRAINING])
    assert add_training_held(model, people, problem.limits, Usage(), relaxed=True) == ({"T1": 1}, 0)
    assert add_training_held(model, people, problem.limits, Usage(seats={"T1": 1}), relaxed=False) == ({"T1": 1}, 0)


def test_add_unit_budget_counts_fees_held_trainings_and_what_others_spent(policy):
    staff = [person("P0"), person("P1")]
    problem, model, people = people_vars(policy, staff, [online("A-X", 4, 3, fee=500)], trainings=[TRAINING],
                                         budget=2000)
    _, cost = add_training_held(model, people, problem.limits, Usage(), relaxed=False)
    add_unit_budget(model, people, cost, problem.limits, Usage(spent=50000))
    assert admits(model, people, {"P0": {"A-X"}, "P1": {"A-X"}})          # 1,000 + 500 spent <= 2,000
    assert admits(model, people, {"P0": {"T1"}, "P1": {"T1"}})            # 1,200 + 500
    assert not admits(model, people, {"P0": {"T1"}, "P1": {"A-X"}})       # 1,200 + 500 + 500


def test_add_unit_budget_without_a_budget_adds_nothing(policy):
    staff = [person("P0")]
    problem, model, people = people_vars(policy, staff, [online("A-X", 4, 3, fee=500)])
    before = len(model.proto.constraints)
    add_unit_budget(model, people, 0, Limits({}, {}, None, {}), Usage())
    assert len(model.proto.constraints) == before
