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


def test_suggest_saves_and_renders_the_same_bytes(tmp_path):
    base = ("suggest", "--person", "demo", "--today", TODAY, "-q")
    res = invoke(*base, "--out", tmp_path / "a.html", "--out", tmp_path / "a.json", "--save", tmp_path / "s.json")
    assert res.exit_code == 0, res.output
    invoke("render", tmp_path / "s.json", "--out", tmp_path / "b.html", "--out", tmp_path / "b.json", "-q")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
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
