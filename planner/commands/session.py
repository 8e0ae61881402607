"""What every command shares: the Session (workspace, catalogue, policy,
outputs, loaded on first use) and the options every command takes."""
from __future__ import annotations

import datetime as dt
import functools
import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

import click

from .. import bounds
from .. import resources
from ..errors import PlannerError
from ..i18n import LANGS, messages, set_lang, t

FORMATS = ("text", "json", "md", "html")
# --out chooses the format from the file's extension (README, Commands)
EXTENSIONS = {".txt": "text", ".text": "text", ".json": "json", ".md": "md", ".markdown": "md",
              ".html": "html", ".htm": "html", ".ics": "ics", ".xlsx": "xlsx", ".csv": "csv"}
BINARY = ("xlsx",)

Rendered = Union[str, bytes]


@dataclass(frozen=True)
class Target:
    """One output: a file (None: standard output) and its format."""
    path: Optional[Path]
    fmt: str


def resolve_targets(outs, fmt: Optional[str], allowed: tuple[str, ...]) -> list[Target]:
    """--out files with their formats, from the extension; --format for the
    rest (default text). An extension that contradicts --format, or a format
    the command does not write, is bad input."""
    if not outs:
        chosen = fmt or "text"
        if chosen in BINARY:
            raise PlannerError(t("errors.binary_to_terminal", fmt=chosen))
        return [Target(None, chosen)]
    targets = []
    for out in outs:
        path = Path(out)
        by_name = EXTENSIONS.get(path.suffix.lower())
        if by_name and fmt and by_name != fmt:
            raise PlannerError(t("errors.out_contradicts", out=out, ext=path.suffix, named=by_name, fmt=fmt),
                               field="--out")
        chosen = by_name or fmt or "text"
        if chosen not in allowed:
            raise PlannerError(t("errors.format_not_written", out=out, fmt=chosen, allowed=" | ".join(allowed)),
                               field="--out")
        targets.append(Target(path, chosen))
    return targets


class Session:
    """What every command needs, loaded on first use."""

    def __init__(self, data, catalog, policy, today, fmt, out, lang, quiet,
                 formats: tuple[str, ...] = FORMATS + ("ics",)):
        from ..config import resolve
        self.settings = resolve({"data": data, "catalog": catalog, "policy": policy, "lang": lang})
        self.lang = self.settings["lang"].value
        set_lang(self.lang)
        data = self.settings["data"].value
        self.data_path = Path(data) if data else resources.demo_dir()
        self.on_demo = data is None
        catalog = self.settings["catalog"].value
        self.catalog_path = Path(catalog) if catalog else resources.offerings_dir()
        self.policy_name = self.settings["policy"].value
        self.today = today or dt.date.today()
        outs = (out,) if isinstance(out, (str, Path)) else tuple(out or ())
        self.targets = resolve_targets(outs, fmt, formats)
        self.quiet = quiet
        self._policy = self._workspace = self._catalog = None
        self.extra_inputs: list[Path] = []

    # the first output's format and file: for commands that write one thing
    @property
    def fmt(self) -> str:
        return self.targets[0].fmt

    @property
    def out(self) -> Optional[Path]:
        return self.targets[0].path

    @out.setter
    def out(self, value) -> None:
        self.targets = [Target(Path(value) if value else None, self.fmt)]

    @property
    def formats(self) -> set[str]:
        return {target.fmt for target in self.targets}

    @property
    def policy(self):
        if self._policy is None:
            from ..policy import resolve_policy
            self._policy = resolve_policy(self.policy_name)
        return self._policy

    @property
    def workspace(self):
        if self._workspace is None:
            from ..workspace import load_workspace
            self._workspace = load_workspace(self.data_path, self.policy, self.lang)
        return self._workspace

    @property
    def catalog(self):
        if self._catalog is None:
            from ..workspace import load_catalog
            self._catalog = load_catalog(self.catalog_path, self.policy)
        return self._catalog

    def writable_root(self, what: str) -> Path:
        """The workspace a command may write into: never the bundled demo
        (`what`: the catalogue key saying what would be written)."""
        from ..yamlio import kind_of
        root = self.data_path
        if root.resolve() == resources.demo_dir().resolve():
            raise PlannerError(t("errors.demo_not_written", what=t(what)))
        if kind_of(root) != "folder":
            raise PlannerError(t("errors.workspace_missing_create", root=root))
        return root

    def save(self, path, kind: str, result, flags: dict, summary: dict) -> None:
        """--save PLAN.json: the solved result with the fingerprint of its inputs."""
        from ..files import write_atomic
        from ..fingerprint import fingerprint
        from ..policy import policy_path
        from ..render.saved import dump
        self.check_out(Path(path))
        print_ = fingerprint(self.data_path, self.catalog_path, self.policy, self.policy_name, self.today, flags,
                             policy_path(self.policy_name))
        write_atomic(Path(path), dump(kind, result, print_, summary))
        if not self.quiet:
            click.echo(messages(self.lang)["saved"]["written"].format(path=path), err=True)

    @property
    def color(self) -> bool:
        return self.out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def status(self, key: str, **params) -> None:
        """One status line on stderr, in the user's language (not when --quiet)."""
        if not self.quiet:
            click.echo(t(key, **params).render(self.lang), err=True)

    def emit(self, render: Union[Rendered, Callable[[str], Rendered]]) -> None:
        """Write the result to every target: `render(fmt)` gives it in a
        format (a plain text or bytes serves a single target)."""
        for target in self.targets:
            if callable(render):
                data = render(target.fmt)
            elif target.fmt != self.fmt:
                raise PlannerError(t("errors.one_format", out=target.path, fmt=self.fmt))
            else:
                data = render
            if target.path is not None:
                from ..files import write_atomic          # a file to write: standard output needs none of it
                self.check_out(target.path)
                write_atomic(target.path, data)
                self.status("info.written", path=target.path)
            elif isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                click.echo(data, nl=False)

    def inputs(self) -> list[Path]:
        """Every file this command may read: person and unit files, the
        catalogue, the policy, and what the command added (a roster, a plan)."""
        from ..policy import policy_path
        from ..workspace import yaml_files
        from ..yamlio import kind_of
        paths = list(self.extra_inputs)
        if kind_of(self.data_path) == "folder":
            paths += yaml_files(self.data_path / "people") + yaml_files(self.data_path / "units")
        paths += yaml_files(self.catalog_path) if kind_of(self.catalog_path) == "folder" else [self.catalog_path]
        paths.append(policy_path(self.policy_name))
        return paths

    def check_out(self, out: Path) -> None:
        """An output that would overwrite one of the command's inputs is bad input."""
        from ..files import same_file
        hit = same_file(out, self.inputs)
        if hit is not None:
            raise PlannerError(t("errors.out_is_input", path=hit), file=str(out))



def command_start() -> float:
    """When a --time-limit began (a time.perf_counter() reading): the
    process's start when run as `planner` (cli.run passes the import of the
    command line in the context; planner/started.py goes back to the
    interpreter's start), else now. The command's cache entries are
    held until `finish`; run as `planner`, the process then ends as soon as
    the output is out (cli.exit_now)."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    launched = obj.get("launched") if isinstance(obj, dict) else None
    from .. import cache
    cache.hold()                # the cache entries are written after the output, if the limit leaves the time
    if launched is None:
        return time.perf_counter()
    obj["exit_now"] = True          # cli.exit_now: no teardown after the output, it is under the limit too
    few_full_collections()
    from ..started import process_start
    return process_start(launched)  # and the interpreter's own start before the import


FULL_EVERY = 1000       # the collector's third threshold (Python's default is 10)


def few_full_collections() -> None:
    """A time-limited command's process reads its inputs, plans and exits
    (cli.exit_now): what it reads stays alive to the end, and what it drops
    is freed as it goes (reference counts), so the collector's full passes
    over every live object (ten of them on 10,000 unit trainings, about
    0.9 s of a 5 s limit: docs/benchmarks.md) find next to nothing. A full
    pass then comes after FULL_EVERY passes over the middle generation, not
    10; the young generations are collected as usual. Long-running processes
    (serve, batch workers) keep Python's default."""
    import gc
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_EVERY)


def finish(started: float, time_limit: float) -> None:
    """After a time-limited command's output: the cache entries held since
    `command_start`, those the limit leaves the time for."""
    from .. import cache
    cache.write_held(started + time_limit)


def _parse_today(ctx, param, value):
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(t("errors.not_a_date", value=value).render()) from None
    if not bounds.FIRST_DAY <= day <= bounds.LAST_DAY:
        raise click.BadParameter(t("errors.day_outside", day=day, first=bounds.FIRST_DAY.year,
                                   last=bounds.LAST_DAY.year).render())
    return day


class Positive(click.ParamType):
    """A finite number above 0 and at most `high` (seconds, work units): nan, inf and 0 are refused."""
    name = "number"

    def __init__(self, high: float):
        self.high = high

    def convert(self, value, param, ctx):
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(t("errors.not_a_number", value=value).render(), param, ctx)
        if not math.isfinite(number) or not 0 < number <= self.high:
            self.fail(t("errors.not_positive", value=value, high=f"{self.high:g}").render(), param, ctx)
        return number


SECONDS = Positive(7 * 24 * 3600)         # a time limit: a week at most
YEAR = click.IntRange(bounds.FIRST_DAY.year, bounds.LAST_DAY.year)
SEED = click.IntRange(0, 2 ** 31 - 1)


def _lang_first(ctx, param, value):
    """--lang is read before the other options, so their errors speak it too."""
    if value is not None:
        set_lang(value)
    return value


def common_options(formats=FORMATS + ("ics",)):
    """The options every command takes (README, Commands); their help is in
    the catalogues (help.options.common)."""
    def decorate(func):
        options = [
            click.option("--data", type=click.Path(file_okay=False), default=None, metavar="DIR"),
            click.option("--catalog", type=click.Path(), default=None, metavar="PATH"),
            click.option("--policy", default=None, metavar="FILE|ID"),
            click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD"),
            click.option("--format", "fmt", type=click.Choice(formats), default=None),
            click.option("--out", type=click.Path(dir_okay=False), multiple=True, metavar="FILE"),
            click.option("--lang", type=click.Choice(LANGS), default=None, is_eager=True, callback=_lang_first),
            click.option("--quiet", "-q", is_flag=True),
        ]

        @functools.wraps(func)
        def wrapper(data, catalog, policy, today, fmt, out, lang, quiet, **kwargs):
            session = None
            try:
                session = Session(data, catalog, policy, today, fmt, out, lang, quiet, formats)
                for target in session.targets:
                    if target.path is not None:
                        session.check_out(target.path)      # before any work: never onto an input
                from ..progress import working
                with working(lambda: messages(session.lang)["report"]["working"], quiet=quiet):
                    result = func(session, **kwargs)
                if session.on_demo and session._workspace is not None:
                    session.status("info.demo")      # after the result: an error stays one line
                return result
            except PlannerError as err:
                lang_now = session.lang if session else None
                click.echo(t("errors.error", message=err.render(lang_now)).render(lang_now), err=True)
                sys.exit(2)
            finally:
                from .. import cache
                cache.drop_held()           # what a failed time-limited command held (commands/session.finish)
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper
    return decorate
