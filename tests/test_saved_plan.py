"""Solve once, write many; `--save PLAN.json` and `planner render` (issue 9 point 1)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from planner.cli import main

from .test_unit_cli import TODAY, workspace


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def unit_args(root, cat):
    return ("unit", "--unit", "U-T", "--year", "2027", "--today", TODAY, "--data", root, "--catalog", cat)


def test_one_solve_many_files_and_render_gives_the_same_bytes(tmp_path):
    root, cat = workspace(tmp_path)
    made = [tmp_path / f"a.{ext}" for ext in ("json", "xlsx", "html", "md", "txt", "ics")]
    outs = [x for path in made for x in ("--out", path)]
    res = invoke(*unit_args(root, cat), *outs, "--save", tmp_path / "plan.json", "-q")
    assert res.exit_code == 0, res.output
    assert json.loads(made[0].read_text(encoding="utf-8"))["status"] == "optimal"
    assert made[1].read_bytes()[:2] == b"PK" and made[5].read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    again = [tmp_path / f"b.{ext}" for ext in ("json", "xlsx", "html", "md", "txt", "ics")]
    res = invoke("render", tmp_path / "plan.json", *[x for path in again for x in ("--out", path)])
    assert res.exit_code == 0, res.output
    assert "changed" not in res.stderr and "变更" not in res.stderr
    for first, second in zip(made, again):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_render_reports_a_changed_input_and_shows_the_plan_as_solved(tmp_path):
    root, cat = workspace(tmp_path)
    invoke(*unit_args(root, cat), "--out", tmp_path / "a.json", "--save", tmp_path / "plan.json", "-q", "--lang", "en")
    person = root / "people" / "P1.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("hours: 65", "hours: 60"), encoding="utf-8")
    res = invoke("render", tmp_path / "plan.json", "--out", tmp_path / "b.json", "--lang", "en")
    assert res.exit_code == 0
    assert "workspace/people/P1.yaml" in res.stderr and "changed since the plan was saved" in res.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_the_policy_is_fingerprinted_by_its_files_bytes_and_an_edit_is_reported(tmp_path):
    """The saved print of the policy is the SHA-256 of its file, as for the
    catalogue and the workspace (a print of the parsed model changed with the
    models' form, so every saved plan said its policy had changed)."""
    import hashlib

    from planner.policy import default_policy_path
    root, cat = workspace(tmp_path)
    own = tmp_path / "policy.yaml"
    own.write_bytes(default_policy_path().read_bytes())
    res = invoke(*unit_args(root, cat), "--policy", own, "--out", tmp_path / "a.json", "--save",
                 tmp_path / "plan.json", "-q")
    assert res.exit_code == 0, res.output
    saved = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["fingerprint"]["policy"]
    assert saved["sha256"] == hashlib.sha256(own.read_bytes()).hexdigest() and saved["name"] == str(own)
    res = invoke("render", tmp_path / "plan.json", "--out", tmp_path / "b.json", "--lang", "en")
    assert res.exit_code == 0 and "changed" not in res.stderr
    own.write_text(own.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    res = invoke("render", tmp_path / "plan.json", "--out", tmp_path / "c.json", "--lang", "en")
    assert res.exit_code == 0 and "policy" in res.stderr and "changed since the plan was saved" in res.stderr


def test_suggest_saves_and_renders_the_same_bytes(tmp_path):
    base = ("suggest", "--person", "demo", "--today", TODAY, "-q")
    res = invoke(*base, "--out", tmp_path / "a.html", "--out", tmp_path / "a.json", "--save", tmp_path / "s.json")
    assert res.exit_code == 0, res.output
    invoke("render", tmp_path / "s.json", "--out", tmp_path / "b.html", "--out", tmp_path / "b.json", "-q")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_plan_saved_before_the_models_split_still_renders(tmp_path):
    """Plans saved when the domain models were one module (planner.models.Policy,
    ...) and a target's standing a TargetResult name their types by the old
    path; they render the same bytes."""
    base = ("suggest", "--person", "demo", "--today", TODAY, "-q")
    assert invoke(*base, "--out", tmp_path / "a.json", "--save", tmp_path / "s.json").exit_code == 0
    saved = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))

    def as_before(node):        # the models as one module, a target's standing as TargetResult
        if isinstance(node, list):
            return [as_before(v) for v in node]
        if not isinstance(node, dict):
            return node
        node = {k: as_before(v) for k, v in node.items()}
        if node.get("c") == "planner.shortfall.Shortfall" and node["v"].get("why") is None:
            node = {"c": "planner.ledger.TargetResult", "v": {k: node["v"][k] for k in ("key", "value", "required")}}
        for key in ("c", "p"):
            if isinstance(node.get(key), str):
                for module in ("policy", "activity", "person"):
                    node[key] = node[key].replace(f"planner.models.{module}.", "planner.models.")
        return node
    old = json.dumps(as_before(saved), ensure_ascii=False)
    assert old.count('"planner.models.Policy"') >= 1 and old.count('"planner.models.Person"') >= 1
    assert old.count('"planner.ledger.TargetResult"') >= 3
    (tmp_path / "old.json").write_text(old, encoding="utf-8")
    res = invoke("render", tmp_path / "old.json", "--out", tmp_path / "b.json", "-q")
    assert res.exit_code == 0, res.output
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_render_of_something_else_is_bad_input(tmp_path):
    other = tmp_path / "x.json"
    other.write_text('{"unit": "U-T"}', encoding="utf-8")
    res = invoke("render", other, "--out", tmp_path / "b.html")
    assert res.exit_code == 2
    assert res.stderr == f"错误：{other}：不是保存的计划（请用 planner unit|suggest ... --save 文件 保存）\n"
    res = invoke("render", other, "--out", tmp_path / "b.html", "--lang", "en")
    assert res.stderr == (f"error: {other}: not a saved plan "
                          "(write one with `planner unit|suggest ... --save FILE`)\n")
    other.write_text('{"format": "planner-plan", "version": 1, "kind": "unit", '
                     '"result": {"c": "os.system", "v": {}}}', encoding="utf-8")
    res = invoke("render", other, "--out", tmp_path / "b.html", "--lang", "en")
    assert res.exit_code == 2 and "unknown type" in res.stderr


def test_an_extension_that_contradicts_the_format_is_bad_input(tmp_path):
    root, cat = workspace(tmp_path)
    res = invoke(*unit_args(root, cat), "--format", "json", "--out", tmp_path / "a.html")
    assert res.exit_code == 2 and ".html" in res.stderr


def test_a_saved_suggest_plan_serves_since(tmp_path):
    base = ("suggest", "--person", "demo", "--today", TODAY, "-q")
    invoke(*base, "--save", tmp_path / "s.json", "--out", tmp_path / "a.json")
    res = invoke(*base, "--since", tmp_path / "s.json", "--format", "json")
    assert res.exit_code == 0, res.output
    kept = json.loads(res.stdout)["changes"]["kept"]
    assert kept == [s["id"] for s in json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["selected"]]


def test_the_old_types_of_a_short_target_read_back_as_one():
    from planner.render.saved import decode
    from planner.shortfall import Shortfall, Why
    unmet = {"target": "general", "period": "2027", "required": 180, "value": 120, "capacity": 120,
             "article": "第五条", "text": "公需", "text_en": "general", "reason": "理由", "reason_en": "why",
             "core": {"t": []}}
    assert decode({"c": "planner.plan.result.Unmet", "v": unmet}) == Shortfall(
        "general", 120, 180, "2027", "第五条", "公需", "general", Why("capacity", 120, 0, "理由", "why"))
    short = {"target": "cycle", "required": 360, "value": 300, "why": "shared", "text": "周期", "text_en": "cycle"}
    assert decode({"c": "planner.unit.result.Short", "v": short}) == Shortfall(
        "cycle", 300, 360, text="周期", text_en="cycle", why=Why("shared"))
    why = {"target": "total", "article": "第五条", "required": 900, "value": 860, "kind": "own", "capacity": 880,
           "existing": 860, "limits": {"t": []}, "text": "说明", "text_en": "told"}
    assert decode({"c": "planner.unit.explain.ShortWhy", "v": why}) == Shortfall(
        "total", 860, 900, article="第五条", why=Why("own", 880, 860, "说明", "told"))


def test_each_kind_of_value_has_its_one_saved_form_and_reads_back():
    """The encoder is chosen once per type (render/saved.py `_encoder_of`):
    the forms are those plans were first saved in, but that a field holding
    its plain default (None, 0, "", (), False) is left out and filled back."""
    import datetime as dt
    from fractions import Fraction

    import pytest

    from planner.errors import PlannerError
    from planner.models.person import DateRange
    from planner.render.saved import decode, encode
    from planner.shortfall import Shortfall, Why
    value = Shortfall("total", 860, 900, article="第五条", why=Why("own", 880, 860, "说明", "told", ("B1",)))
    form = encode(value)
    assert form["c"] == "planner.shortfall.Shortfall"
    assert form["v"]["why"] == {"c": "planner.shortfall.Why", "v": {
        "kind": "own", "capacity": 880, "existing": 860, "text": "说明", "text_en": "told", "core": {"t": ["B1"]}}}
    assert form["v"] == {"key": "total", "value": 860, "required": 900, "article": "第五条", "why": form["v"]["why"]}
    assert decode(form) == value
    zero = encode(Why("own", 0, False))              # False is not the default 0: kept, and read back as False
    assert zero["v"] == {"kind": "own", "existing": False} and decode(zero).existing is False
    mixed = (None, True, 3, 2.5, "字", [1, (2,)], {"b", "a"}, frozenset({1}), dt.date(2027, 3, 1),
             Fraction(1, 3), {("k", 1): [dt.date(2027, 1, 2)]},
             DateRange(start=dt.date(2027, 1, 1), end=dt.date(2027, 1, 3)))
    assert encode(mixed) == {"t": [None, True, 3, 2.5, "字", [1, {"t": [2]}], {"s": ["a", "b"], "f": False},
                                   {"s": [1], "f": True}, {"d": "2027-03-01"}, {"q": [1, 3]},
                                   {"m": [[{"t": ["k", 1]}, [{"d": "2027-01-02"}]]]},
                                   {"p": "planner.models.person.DateRange",
                                    "v": {"start": {"d": "2027-01-01"}, "end": {"d": "2027-01-03"}}}]}
    assert decode(encode(mixed)) == mixed

    class Table(dict):
        pass
    with pytest.raises(PlannerError):          # only plain dicts are held: a subclass is not read back as itself
        encode([Table(a=1)])
