"""Any roster content ends as people or as bad input (PlannerError), never
a crash: random headers, cells and bytes through the roster's reading."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import PlannerError
from planner.roster.mapping import choose_sheet, load_mapping
from planner.roster.records import read_people
from planner.roster.sheets import Flaw, Sheet, read_sheets

WORDS = ["工号", "姓名", "部门", "专业", "A类", "B类1", "C类5", "公需科目", "序号", "合计", "备注", "工 号",
         "Ｃ类５", "B1", "x", "", "名册登记", "测绘科", "marine", "测绘地理信息", "合计"]
CELLS = st.one_of(st.none(), st.sampled_from(WORDS), st.text(max_size=8),
                  st.integers(-5, 2000), st.floats(allow_nan=True, allow_infinity=True),
                  st.sampled_from([Flaw("uncached", "=A1"), Flaw("error", "#N/A"), True, "12学时", "６.４", "-"]))
ROWS = st.lists(st.lists(CELLS, max_size=9), max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=st.lists(st.sampled_from(WORDS), min_size=1, max_size=9), rows=ROWS)
def test_any_cells_give_people_or_bad_input(policy, header, rows):
    mapping = load_mapping(policy)
    sheet = Sheet("s", [header, *rows])
    try:
        layout = choose_sheet(mapping, [sheet], None, "r.xlsx", "zh")
        roster = read_people(layout, mapping, policy, "r.xlsx", "en")
    except PlannerError as err:
        assert str(err).startswith("r.xlsx")
        return
    assert all(p.id and (p.specialty in policy.specialties or p.specialty == "") for p in roster.people)
    assert all(0 < t <= 10_000 for p in roster.people for t in p.hours.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".xls"]))
def test_any_bytes_give_sheets_or_bad_input(tmp_path, data, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_bytes(data)
    try:
        sheets = read_sheets(path, "en")
    except PlannerError as err:
        assert str(err).startswith(str(path))
        return
    assert all(isinstance(s, Sheet) for s in sheets)
