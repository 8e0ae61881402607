"""`planner batch audit|suggest|report`: the province, on a process pool or
a Dask cluster, into a results database; the report read from it.
Thin: the work is planner/batch/."""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from ..errors import PlannerError
from ..i18n import LANGS, messages
from .session import SECONDS, YEAR, Positive, _parse_today


def _fail_as_bad_input(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except PlannerError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
    return wrapper


def _run_options(func):
    options = [
        click.option("--data", type=click.Path(file_okay=False), required=True,
                     help="A workspace (with people/) or a folder of workspaces, one per unit or city."),
        click.option("--catalog", type=click.Path(), default=None,
                     help="Catalogue YAML file or folder (default: the bundled sample catalogue)."),
        click.option("--policy", default=None, help="Policy file or bundled policy id."),
        click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD",
                     help="Date to plan from (default: the real date)."),
        click.option("--year", type=YEAR, default=None, help="Year (default: the year of --today)."),
        click.option("--out", type=click.Path(dir_okay=False), required=True, metavar="RESULTS.sqlite",
                     help="The results database (sqlite), written as tasks finish."),
        click.option("--resume", is_flag=True, help="Continue an interrupted run: compute only what is missing."),
        click.option("--workers", type=click.IntRange(min=1, max=256), default=None,
                     help="Worker processes (default: the machine's cores)."),
        click.option("--engine", type=click.Choice(("process", "dask")), default="process", show_default=True,
                     help="A local process pool, or Dask distributed."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="--engine dask: an existing scheduler (tcp://HOST:8786); default a local cluster."),
        click.option("--chunk", type=click.IntRange(min=1), default=None, help="Persons per task."),
        click.option("--compare-policy", "draft", type=click.Path(dir_okay=False), default=None, metavar="DRAFT.yaml",
                     help="Also run a draft policy on the same persons (the report shows the impact)."),
        click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
                     help="Language of errors and messages."),
        click.option("--quiet", "-q", is_flag=True, help="No progress on stderr."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _options(kind: str, params: dict):
    import datetime as dt
    from ..batch.run import Options
    out = Path(params.pop("out"))
    if out.suffix.lower() not in (".sqlite", ".db", ".sqlite3"):
        raise PlannerError("--out must name a sqlite database (.sqlite)", file=str(out))
    if params.get("scheduler") and params["engine"] != "dask":
        raise PlannerError("--scheduler needs --engine dask")
    workers = params.pop("workers") or os.cpu_count() or 1
    today = params.pop("today") or dt.date.today()
    return Options(kind=kind, data=Path(params.pop("data")), out=out, today=today, workers=workers, **params)


def _run(kind: str, params: dict) -> None:
    from ..batch.run import run_batch
    opts = _options(kind, params)
    summary = run_batch(opts)
    if not opts.quiet:
        m = messages(opts.lang)["batch"]
        click.echo(m["done"].format(out=opts.out, persons=summary.persons, computed=summary.computed,
                                    errors=summary.errors), err=True)
        if summary.seats:
            click.echo(m["seats_done"].format(**summary.seats), err=True)


@click.group()
def batch():
    """A whole province: every person of a folder of workspaces, on a process
    pool (or Dask), into a results database; then its report.

    \b
    Example:
        planner batch audit --data province/ --out results.sqlite
        planner batch suggest --data province/ --out plans.sqlite --workers 8
        planner batch suggest --data province/ --out plans.sqlite --engine dask --scheduler tcp://10.0.0.5:8786
        planner batch report plans.sqlite --out province.html
    """


@batch.command()
@_run_options
@_fail_as_bad_input
def audit(**params):
    """Where every person stands in the year (the asked year's targets and its B cycle).

    \b
    Example:
        planner batch audit --data province/ --year 2026 --out audit.sqlite
        planner batch audit --data province/ --out audit.sqlite --engine dask
    """
    _run("audit", params)


@batch.command()
@click.option("--through", type=YEAR, default=None, help="Last planned year (default: the end of the B cycle).")
@click.option("--work", type=Positive(10 ** 6), default=60.0, show_default=True,
              metavar="SECONDS", help="CP-SAT deterministic seconds per solve stage and person (a plan cut "
              "short is `feasible`); the same on any machine and load.")
@click.option("--time-limit", type=SECONDS, default=600.0, show_default=True,
              metavar="SECONDS", help="A wall-clock safety cap per person (results never depend on it unless hit).")
@click.option("--share-seats", is_flag=True,
              help="Plans that respect every offering's seats across all persons (price coordination).")
@click.option("--rounds", type=click.IntRange(min=1, max=10_000), default=8, show_default=True,
              help="--share-seats: price rounds (each one map over the persons who want seats).")
@_run_options
@_fail_as_bad_input
def suggest(**params):
    """Every person's least-effort plan, as `planner suggest` makes it.

    \b
    Example:
        planner batch suggest --data province/ --out plans.sqlite --workers 8
        planner batch suggest --data province/ --out plans.sqlite --resume
        planner batch suggest --data province/ --out plans.sqlite --share-seats
        planner batch suggest --data province/ --out impact.sqlite --compare-policy draft.yaml
    """
    _run("suggest", params)


@batch.command()
@click.argument("results", type=click.Path(dir_okay=False))
@click.option("--out", "outs", multiple=True, required=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="province.html or province.xlsx (repeatable).")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="Language of the report.")
@click.option("--quiet", "-q", is_flag=True, help="No status line on stderr.")
@_fail_as_bad_input
def report(results, outs, lang, quiet):
    """The province's report from a results database: compliance by city,
    unit and department, shortfalls by target, demand against seats, effort
    and fees, and the draft policy's impact.

    \b
    Example:
        planner batch report plans.sqlite --out province.html
        planner batch report plans.sqlite --out province.xlsx --lang en
    """
    from ..batch.report import write_report
    for out in outs:
        write_report(Path(results), Path(out), lang)
        if not quiet:
            click.echo(f"written: {out}", err=True)
