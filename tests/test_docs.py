"""Every command documents itself: help text with an Example block, a
section in README.md, and the README's test line is what CI runs (in the
spirit of sqlite-utils' tests/test_docs.py)."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from planner.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group = main, prefix: str = ""):
    """Every command, loading each (the top group loads them lazily: commands/lazy.py)."""
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")


ALL = list(commands())
TOP = main.list_commands(None)


@pytest.mark.parametrize("name,command", ALL, ids=[n for n, _ in ALL])
def test_command_help_has_an_example(name, command):
    """The help is the catalogue's, in both languages (planner/commands/words.py)."""
    from planner.i18n import messages
    for lang, heading in (("en", r"Example:?"), ("zh", r"示例：?")):
        help_text = messages(lang)["help"]["commands"].get(name, "")
        assert help_text.strip(), f"planner {name} has no {lang} help text"
        found = re.search(rf"^\s*{heading}\s*$", help_text, re.M)
        assert found, f"planner {name}: {lang} help lacks an example block"
        assert f"planner {name}" in help_text[found.end():], f"planner {name}: the example does not show the command"


@pytest.mark.parametrize("name", TOP)
def test_command_is_in_the_readme(name):
    assert re.search(rf"^#+ .*`?planner {re.escape(name)}`?", README, re.M), \
        f"README.md has no section headed 'planner {name}'"


@pytest.mark.parametrize("name,command", ALL, ids=[n for n, _ in ALL])
def test_help_runs(name, command):
    result = CliRunner().invoke(main, name.split() + ["--help"])
    assert result.exit_code == 0, result.output
    assert "示例" in result.output
    result = CliRunner().invoke(main, name.split() + ["--help", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_readme_test_line_is_what_ci_runs():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).splitlines()
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.startswith("#")]
    assert block[1] == ci[-1], "the README's test command and .ci/run's last line differ"
    assert "pytest" in block[1]


def test_ci_installs_the_browser_before_the_tests():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.index("apt-get install") < run.index("python -m pytest")
    assert "chromium" in run
