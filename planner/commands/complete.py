"""Shell completion (click's, for bash, zsh and fish) of the names in the
workspace: person ids, unit ids, route codes and offering ids.

A TAB must answer at once: the names are read from the files' text (the
`id:` lines) with no YAML parser, no validation and no solver. The
workspace is the one the command would use (--data on the line so far,
else PLANNER_DATA, planner.toml, the demo: config.py). A completion is a
convenience, never an input: a file that cannot be read offers nothing.

`planner completion bash|zsh|fish` prints the script to load (README).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import click

from .words import Command, lang_option

PERSON_ID = re.compile(r"^id:[ \t]*['\"]?([^'\"#\s]+)", re.M)
OFFERING_ID = re.compile(r"(?:^[ \t]*-[ \t]+|[{,][ \t]*)id:[ \t]*['\"]?([^'\",}#\s]+)", re.M)
ROUTES = re.compile(r"^routes:[ \t]*\n((?:(?:[ \t]+.*|[ \t]*#.*|)\n)*)", re.M)
ROUTE_CODE = re.compile(r"^  ([A-Za-z0-9_-]+):", re.M)
MAX_FILES = 5_000


def _settings(ctx) -> dict:
    from ..config import resolve
    flags = {key: (ctx.params.get(key) if ctx is not None else None) for key in ("data", "catalog", "policy")}
    try:
        return {key: s.value for key, s in resolve({**flags, "lang": None}).items()}
    except Exception:                       # a bad planner.toml: the flags alone
        return flags


def _yaml_files(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found += [Path(root) / name for name in sorted(files) if name.endswith((".yaml", ".yml"))]
        if len(found) > MAX_FILES:
            break
    return found[:MAX_FILES]


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return fh.read(16 * 1024 * 1024).decode("utf-8", "replace")
    except OSError:
        return ""


def _ids(paths, pattern) -> list[str]:
    seen: dict[str, None] = {}
    for path in paths:
        for found in pattern.findall(_read(path)):
            seen.setdefault(found, None)
    return list(seen)


def _offer(names, incomplete: str) -> list:
    from click.shell_completion import CompletionItem
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def _data(ctx) -> Path:
    from .. import resources
    data = _settings(ctx).get("data")
    return Path(data) if data else resources.demo_dir()


def people(ctx, param, incomplete: str) -> list:
    return _offer(_ids(_yaml_files(_data(ctx) / "people"), PERSON_ID), incomplete)


def units(ctx, param, incomplete: str) -> list:
    return _offer(_ids(_yaml_files(_data(ctx) / "units"), PERSON_ID), incomplete)


def offerings(ctx, param, incomplete: str) -> list:
    from .. import resources
    catalog = _settings(ctx).get("catalog")
    path = Path(catalog) if catalog else resources.offerings_dir()
    paths = _yaml_files(path) if path.is_dir() else [path]
    return _offer(_ids(paths, OFFERING_ID), incomplete)


def routes(ctx, param, incomplete: str) -> list:
    from .. import resources
    name = _settings(ctx).get("policy")
    if name is None:
        candidates = sorted(resources.policies_dir().glob("*.yaml"))
        path = candidates[0] if candidates else None
    else:
        path = Path(name) if Path(name).is_file() else resources.policies_dir() / f"{name}.yaml"
    block = ROUTES.search(_read(path)) if path is not None else None
    return _offer(ROUTE_CODE.findall(block.group(1)) if block else [], incomplete)


@click.command(cls=Command)
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str):
    """Print the completion script for bash, zsh or fish.

    \b
    Example:
        eval "$(planner completion bash)"
    """
    from click.shell_completion import get_completion_class
    main = click.get_current_context().find_root().command        # the `planner` group (cli.py)
    script = get_completion_class(shell)(main, {}, "planner", "_PLANNER_COMPLETE").source()
    click.echo(script)


completion.params.append(lang_option())
