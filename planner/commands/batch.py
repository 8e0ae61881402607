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
from ..i18n import LANGS, current_lang, messages, say, set_lang, t
from .session import SECONDS, YEAR, Positive, _parse_today


def _fail_as_bad_input(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        set_lang(kwargs.get("lang"))       # --lang, else the locale's: errors and status lines speak it
        try:
            return func(*args, **kwargs)
        except PlannerError as err:
            click.echo(t("errors.error", message=err.render()).render(), err=True)
            sys.exit(2)
    return wrapper


def _run_options(func):
    options = [
        click.option("--data", type=click.Path(file_okay=False), required=True),
        click.option("--catalog", type=click.Path(), default=None),
        click.option("--policy", default=None),
        click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD"),
        click.option("--year", type=YEAR, default=None),
        click.option("--out", type=click.Path(dir_okay=False), required=True, metavar="RESULTS.sqlite"),
        click.option("--resume", is_flag=True),
        click.option("--workers", type=click.IntRange(min=1, max=256), default=None),
        click.option("--engine", type=click.Choice(("process", "dask")), default="process", show_default=True),
        click.option("--scheduler", default=None, metavar="ADDRESS"),
        click.option("--chunk", type=click.IntRange(min=1), default=None),
        click.option("--compare-policy", "draft", type=click.Path(dir_okay=False), default=None, metavar="DRAFT.yaml"),
        click.option("--lang", type=click.Choice(LANGS), default=None),
        click.option("--quiet", "-q", is_flag=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _options(kind: str, params: dict):
    import datetime as dt
    from ..batch.run import Options
    out = Path(params.pop("out"))
    if out.suffix.lower() not in (".sqlite", ".db", ".sqlite3"):
        raise PlannerError(t("errors.batch.out_sqlite"), file=str(out))
    if params.get("scheduler") and params["engine"] != "dask":
        raise PlannerError(t("errors.batch.scheduler_needs_dask"))
    params["lang"] = params.get("lang") or current_lang()
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
@click.option("--through", type=YEAR, default=None)
@click.option("--work", type=Positive(10 ** 6), default=60.0, show_default=True,
              metavar="SECONDS")
@click.option("--time-limit", type=SECONDS, default=600.0, show_default=True,
              metavar="SECONDS")
@click.option("--share-seats", is_flag=True)
@click.option("--rounds", type=click.IntRange(min=1, max=10_000), default=8, show_default=True)
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
              metavar="FILE")
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--quiet", "-q", is_flag=True)
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
    lang = lang or current_lang()
    for out in outs:
        write_report(Path(results), Path(out), lang)
        if not quiet:
            click.echo(say("info.written", lang, path=out), err=True)
