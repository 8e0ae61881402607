"""Shell completion (click's, bash/zsh/fish) of person ids, unit ids, route
codes and offering ids from the workspace, read from the files' text: no
YAML, no models, no solver (planner/commands/complete.py)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .test_startup import ROOT, heavy, imported


def complete(words: str, env: dict | None = None, cwd=ROOT) -> list[str]:
    """What a TAB after `words` offers, as bash asks for it (COMP_WORDS/COMP_CWORD)."""
    parts = words.split(" ")
    environ = {k: v for k, v in os.environ.items() if k != "PLANNER_DATA"}
    environ.update({"PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "COMP_WORDS": words,
                    "COMP_CWORD": str(len(parts) - 1), "_PLANNER_COMPLETE": "bash_complete", **(env or {})})
    done = subprocess.run([sys.executable, "-m", "planner"], capture_output=True, text=True, env=environ, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_person_ids_of_the_demo():
    assert complete("planner audit --person HZ0") == [f"HZ0{i}" for i in range(1, 10)]
    assert complete("planner suggest --person de") == ["demo"]


def test_person_and_unit_ids_of_the_workspace_given(workspace):
    root = workspace({"a1": "id: a1\nname: 甲\nspecialty: 测绘\nunit: U9\n",
                      "b2": "# a comment\nid: 'b2'\nname: 乙\nspecialty: 测绘\n"})
    (root / "units").mkdir(exist_ok=True)
    (root / "units" / "U9.yaml").write_text("id: U9\nname: 九所\n", encoding="utf-8")
    assert complete(f"planner audit --data {root} --person ") == ["a1", "b2"]
    assert complete(f"planner unit --data {root} --unit ") == ["U9"]
    assert complete("planner people --unit ", env={"PLANNER_DATA": str(root)}) == ["U9"]


def test_route_codes_and_offering_ids():
    assert complete("planner record add --route B") == ["B1", "B2", "B3", "B4"]
    assert complete("planner credit C") == [f"C{i}" for i in range(1, 8)]
    assert complete("planner suggest --person demo --exclude B4-2027") == ["B4-2027-01", "B4-2027-02"]


def test_offering_ids_of_a_catalogue_file(tmp_path):
    cat = tmp_path / "cat.yaml"
    cat.write_text("offerings:\n  - {id: X-1, route: G, title: t, year: 2027, hours: 2}\n"
                   "  - id: \"X-2\"\n    route: G\n", encoding="utf-8")
    assert complete(f"planner suggest --catalog {cat} --require X") == ["X-1", "X-2"]


def test_a_tab_imports_nothing_heavy():
    env = {"COMP_WORDS": "planner suggest --person demo --require B4", "COMP_CWORD": "5",
           "_PLANNER_COMPLETE": "bash_complete"}
    names = imported(env=env)
    assert heavy(names) == set() and "planner.commands.suggest" in names


@pytest.mark.parametrize("shell,marker", [("bash", "complete -o nosort -F _planner_completion planner"),
                                          ("zsh", "#compdef planner"), ("fish", "complete --no-files --command planner")])
def test_completion_prints_the_script(cli, shell, marker):
    code, out, err = cli("completion", shell)
    assert code == 0, err
    assert marker in out and "_PLANNER_COMPLETE" in out
