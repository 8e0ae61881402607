"""Start-up imports only what the command uses (issue 11: instant): no command
module for --version, no pydantic, YAML, rich, jinja2 or OR-Tools for help,
no jinja2 or OR-Tools for an audit in JSON. Checked on whole processes: the
probe runs `planner ARGS` as `python -m planner` would and then writes the
names in sys.modules to stderr."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pydantic", "yaml", "rich", "jinja2", "ortools")


PROBE = """
import runpy, sys
sys.argv = ["planner", *sys.argv[1:]]
try:
    runpy.run_module("planner", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
print("MODULES", *sorted(sys.modules), file=sys.stderr)
sys.exit(code)
"""


def imported(*args: str, env: dict | None = None) -> set[str]:
    """The modules a `planner ARGS` process imports (the cache already warm)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", **(env or {})}
    command = [sys.executable, "-c", PROBE, *args]
    subprocess.run(command, capture_output=True, env=environ, cwd=ROOT, check=False)     # fills the cache
    done = subprocess.run(command, capture_output=True, text=True, env=environ, cwd=ROOT, check=False)
    found = re.search(r"^MODULES (.*)$", done.stderr, re.M)
    assert found and done.returncode == 0, done.stderr[-2000:]
    return set(found.group(1).split())


def heavy(names: set[str]) -> set[str]:
    return {n for n in names if n.split(".")[0] in HEAVY}


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("--help", "--lang", "en"),
                                  ("audit", "--help"), ("suggest", "--help"), ("record", "add", "--help"),
                                  ("batch", "--help"), ("serve", "--help"), ("unit", "--help")])
def test_version_and_help_import_nothing_heavy(args):
    names = imported(*args)
    assert heavy(names) == set()
    assert "planner.cli" in names


def test_version_loads_no_command():
    names = imported("--version")
    assert {n for n in names if n.startswith("planner.commands.")} == {"planner.commands.lazy",
                                                                       "planner.commands.words"}


def test_a_command_loads_only_its_own_module():
    names = {n for n in imported("audit", "--help") if n.startswith("planner.commands.")}
    assert names == {"planner.commands.lazy", "planner.commands.words", "planner.commands.audit",
                     "planner.commands.session", "planner.commands.complete"}


def test_audit_in_json_imports_nothing_heavy():
    """No YAML and no pydantic: the policy and the workspace come from the
    cache (test_cache.py) as the plain models they are (planner.models.base);
    pydantic is the parser's, and nothing is parsed."""
    names = imported("audit", "--person", "demo", "--format", "json", "--today", "2026-11-27")
    assert heavy(names) == set()
    assert not {"planner.render.jinja", "planner.render.svg", "planner.render.text"} & names


def test_audit_text_needs_rich_and_markdown_needs_jinja2():
    """The checks above can fail: the same probe sees what the formats do import."""
    text = {n.split(".")[0] for n in heavy(imported("audit", "--person", "demo", "--today", "2026-11-27"))}
    page = {n.split(".")[0] for n in heavy(imported("audit", "--person", "demo", "--format", "md",
                                                    "--today", "2026-11-27"))}
    assert text == {"rich"}
    assert page == {"jinja2"}


def test_without_the_cache_the_files_are_parsed():
    names = imported("audit", "--person", "demo", "--format", "json", "--today", "2026-11-27",
                     env={"PLANNER_CACHE": "off"})
    assert {n.split(".")[0] for n in heavy(names)} == {"pydantic", "yaml"}
