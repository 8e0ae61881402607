"""A unit training may not take the id of a catalogue offering: the unit
plan keys both by id, and one would be taken for the other. Bad input (exit
2) naming the unit's file and line, the training, the field and the
catalogue file that holds the id."""
from __future__ import annotations

from .conftest import TODAY

PERSON = "id: p1\nname: 张三\nunit: U1\nspecialty: surveying\n"
UNIT = ("id: U1\nname: 测试单位\nunit_trainings:\n"
        "  - {id: T-OWN, title: 内训, date: 2027-03-10, cost: 100}\n"
        "  - {id: B2-X, title: 专项培训（自办）, date: 2027-05-10, cost: 500}\n")
CATALOG = ("offerings:\n"
           "  - {id: B2-X, route: B2, title: 专项培训, organizer: province, date: 2027-05-10, fee: 800}\n")


def _inputs(workspace, tmp_path, unit=UNIT):
    root = workspace({"p1": PERSON}, {"u1": unit})
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(CATALOG, encoding="utf-8")
    return root, catalog


def test_a_training_with_a_catalogue_offerings_id_is_refused(cli, workspace, tmp_path):
    root, catalog = _inputs(workspace, tmp_path)
    args = ("unit", "--unit", "U1", "--year", "2027", "--today", TODAY, "--data", root, "--catalog", catalog, "-q")
    code, out, err = cli(*args, "--lang", "en")
    assert code == 2 and out == ""
    assert err == (f"error: {root}/units/u1.yaml, line 5: unit training 2 (专项培训（自办）): field 'id': training id "
                   f"'B2-X' is already the id of an offering in the catalogue ({catalog}): give the unit training "
                   "an id of its own\n")
    code, _, err = cli(*args)
    assert code == 2 and "培训编号“B2-X”已是课程目录" in err and "units/u1.yaml" in err


def test_a_training_with_its_own_id_is_planned(cli, workspace, tmp_path):
    root, catalog = _inputs(workspace, tmp_path, UNIT.replace("id: B2-X, title: 专项", "id: T-B2, title: 专项"))
    code, out, err = cli("unit", "--unit", "U1", "--year", "2027", "--today", TODAY, "--data", root,
                         "--catalog", catalog, "-q", "--format", "json")
    assert code == 0, err
