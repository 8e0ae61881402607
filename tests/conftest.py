"""Shared fixtures: the bundled policy, inline people and workspaces."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest

# The tests' cache (planner/cache.py) is a folder of their own, never the user's; set
# before anything is loaded, inherited by every subprocess the tests start.
_CACHE = tempfile.mkdtemp(prefix="planner-test-cache-")
os.environ["PLANNER_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
from click.testing import CliRunner

from planner.cli import main
from planner.models.activity import Offering, Record
from planner.policy import resolve_policy
from planner.workspace import parse_person

TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _cache_not_held():
    """A test that calls commands.session.command_start itself (outside a
    command, whose wrapper ends it) leaves the cache writes held: not past it."""
    yield
    from planner import cache
    cache.drop_held()


@pytest.fixture(scope="session")
def policy():
    return resolve_policy()


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def person_of(policy):
    """A Person parsed from inline YAML exactly as a user would write it."""
    def make(text: str):
        return parse_person(dedent(text), "people/inline.yaml", policy)
    return make


def record(**fields) -> Record:
    fields.setdefault("title", "t")
    return Record.parse(fields)


def offering(**fields) -> Offering:
    fields.setdefault("title", "t")
    return Offering.parse(fields)


@pytest.fixture
def workspace(tmp_path):
    """Write people (and units) into a workspace folder; returns its path."""
    def make(people: dict[str, str], units: dict[str, str] | None = None) -> Path:
        root = tmp_path / "ws"
        (root / "people").mkdir(parents=True, exist_ok=True)
        (root / "units").mkdir(parents=True, exist_ok=True)
        for name, text in people.items():
            (root / "people" / f"{name}.yaml").write_text(dedent(text), encoding="utf-8")
        for name, text in (units or {}).items():
            (root / "units" / f"{name}.yaml").write_text(dedent(text), encoding="utf-8")
        return root
    return make


@pytest.fixture
def cli():
    """Run the planner CLI in-process; returns (exit code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr
    return run


def cli_json(cli, *args):
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)
