"""What every command shares: the Session (workspace, catalogue, policy,
output, loaded on first use) and the options every command takes."""
from __future__ import annotations

import datetime as dt
import functools
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import click

from .. import limits, resources
from ..errors import PlannerError
from ..files import write_atomic
from ..yamlio import kind_of
from ..messages import LANGS, messages
from ..progress import working
from ..render.formats import FORMATS


EXTENSIONS = {".txt": "text", ".json": "json", ".md": "md", ".html": "html", ".htm": "html",
              ".ics": "ics", ".xlsx": "xlsx", ".csv": "csv"}


@dataclass(frozen=True)
class Target:
    """One output: a file (None: standard output) and its format."""
    path: Optional[Path]
    fmt: str


def resolve_targets(outs, fmt: Optional[str], allowed: tuple[str, ...]) -> list[Target]:
    """Each --out with its format, from the extension (else --format, else
    text); an extension that contradicts --format, or a format the command
    does not write, is bad input. No --out: standard output."""
    if not outs:
        return [Target(None, fmt or "text")]
    targets = []
    for out in outs:
        path = Path(out)
        by_name = EXTENSIONS.get(path.suffix.lower())
        if by_name and fmt and by_name != fmt:
            raise PlannerError(f"--out {out}: the extension {path.suffix} means {by_name}, not --format {fmt}")
        chosen = by_name or fmt or "text"
        if chosen not in allowed:
            raise PlannerError(f"--out {out}: this command does not write {chosen} "
                               f"(it writes {' | '.join(allowed)})")
        targets.append(Target(path, chosen))
    return targets


class Session:
    """What every command needs, loaded on first use."""

    def __init__(self, data, catalog, policy, today, fmt, out, lang, quiet,
                 formats: tuple[str, ...] = FORMATS + ("ics",)):
        self.data_path = Path(data) if data else resources.demo_dir()
        self.catalog_path = Path(catalog) if catalog else resources.offerings_dir()
        self.policy_name = policy
        self.today = today or dt.date.today()
        outs = (out,) if isinstance(out, (str, Path)) else tuple(out or ())
        self.targets = resolve_targets(outs, fmt, formats)
        self.fmt = self.targets[0].fmt          # the first output's: for commands that write one thing
        self.lang = lang
        self.quiet = quiet
        self._policy = self._workspace = self._catalog = None
        self.extra_inputs: list[Path] = []

    @property
    def out(self) -> Optional[Path]:
        """The first output's file (None: standard output)."""
        return self.targets[0].path

    @out.setter
    def out(self, path: Optional[Path]) -> None:
        self.targets = [Target(path, self.fmt)]

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
        """The workspace a command may write into: never the bundled demo."""
        root = self.data_path
        if root.resolve() == resources.demo_dir().resolve():
            raise PlannerError(f"give --data DIR: the workspace {what} (the bundled demo is not written to)")
        if kind_of(root) != "folder":
            raise PlannerError(f"workspace folder not found: {root} (create it, or give --data)")
        return root

    def save(self, path, kind: str, result, flags: dict, summary: dict) -> None:
        """--save PLAN.json: the solved result with the fingerprint of its inputs."""
        from ..fingerprint import fingerprint
        from ..render.saved import dump
        self.check_out(Path(path))
        print_ = fingerprint(self.data_path, self.catalog_path, self.policy, self.policy_name, self.today, flags)
        write_atomic(Path(path), dump(kind, result, print_, summary))
        if not self.quiet:
            click.echo(messages(self.lang)["saved"]["written"].format(path=path), err=True)

    @property
    def color(self) -> bool:
        return self.out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def inputs(self) -> list[Path]:
        """Every file this command may read: person and unit files, the
        catalogue, the policy, and what the command added (a roster, a plan)."""
        from ..policy import policy_path
        from ..workspace import yaml_files
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
            raise PlannerError(f"--out would overwrite {hit}, one of this command's inputs; "
                               "give another file name", file=str(out))

    def emit(self, render) -> None:
        """Write the result to every target: `render(fmt)` gives it in a
        format (solve once, write many); a plain text serves targets of the
        command's one format."""
        for target in self.targets:
            if callable(render):
                data = render(target.fmt)
            elif target.fmt != self.fmt:
                raise PlannerError(f"--out {target.path}: this command writes one format at a time ({self.fmt})")
            else:
                data = render
            if target.path is not None:
                self.check_out(target.path)
                write_atomic(target.path, data)
                if not self.quiet:
                    click.echo(f"written: {target.path}", err=True)
            elif isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                click.echo(data, nl=False)


def _parse_today(ctx, param, value):
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (write YYYY-MM-DD)") from None
    if not limits.FIRST_DAY <= day <= limits.LAST_DAY:
        raise click.BadParameter(f"{day} is outside the years {limits.FIRST_DAY.year}-{limits.LAST_DAY.year}")
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
            self.fail(f"'{value}' is not a number", param, ctx)
        if not math.isfinite(number) or not 0 < number <= self.high:
            self.fail(f"{value} is not a number above 0 and at most {self.high:g}", param, ctx)
        return number


SECONDS = Positive(7 * 24 * 3600)         # a time limit: a week at most
YEAR = click.IntRange(limits.FIRST_DAY.year, limits.LAST_DAY.year)
SEED = click.IntRange(0, 2 ** 31 - 1)


def common_options(formats=FORMATS + ("ics",)):
    """The options every command takes (docs/contract.md)."""
    def decorate(func):
        options = [
            click.option("--data", type=click.Path(file_okay=False), default=None,
                         help="Workspace folder with people/ and units/ (default: the bundled demo)."),
            click.option("--catalog", type=click.Path(), default=None,
                         help="Catalogue YAML file or folder (default: the bundled sample catalogue)."),
            click.option("--policy", default=None,
                         help="Policy file or bundled policy id (default: the bundled Zhejiang policy)."),
            click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD",
                         help="Date to plan from (default: the real date)."),
            click.option("--format", "fmt", type=click.Choice(formats), default=None,
                         help="Output format (default: from the --out extension, else text)."),
            click.option("--out", type=click.Path(dir_okay=False), multiple=True, metavar="FILE",
                         help="Write to this file (atomically) instead of standard output; repeatable, "
                              "the format from each extension (.txt .json .md .html .ics .xlsx .csv)."),
            click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                         help="Language of labels and explanations."),
            click.option("--quiet", "-q", is_flag=True, help="No progress or status lines on stderr."),
        ]
        @functools.wraps(func)
        def wrapper(data, catalog, policy, today, fmt, out, lang, quiet, **kwargs):
            try:
                session = Session(data, catalog, policy, today, fmt, out, lang, quiet, formats)
                for target in session.targets:
                    if target.path is not None:
                        session.check_out(target.path)      # before any work: never onto an input
                with working(lambda: messages(lang)["report"]["working"], quiet=quiet):
                    return func(session, **kwargs)
            except PlannerError as err:
                click.echo(f"error: {err}", err=True)
                sys.exit(2)
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper
    return decorate
