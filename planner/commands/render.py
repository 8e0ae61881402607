"""`planner render PLAN.json --out FILE`: any format of a saved plan, without solving."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import LANGS, messages, t
from .words import Command


@click.command(cls=Command)
@click.argument("plan_file", metavar="PLAN.json", type=click.Path(dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), multiple=True, metavar="FILE")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "md", "html", "ics", "xlsx")), default=None)
@click.option("--lang", type=click.Choice(LANGS), default=None)
@click.option("--per-person", is_flag=True)
@click.option("--quiet", "-q", is_flag=True)
def render(plan_file, out, fmt, lang, per_person, quiet):
    """Write a plan saved with `--save` in any format, without solving it
    again. When an input (workspace, catalogue, policy) changed since the
    plan was saved, a notice names it; the plan is shown as it was solved.

    \b
    Example:
        planner unit --unit U-HZ --year 2027 --save plan.json
        planner render plan.json --out plan.xlsx --out plan.html
    """
    from ..errors import PlannerError
    from .session import Session
    try:
        _render(Session, Path(plan_file), out, fmt, lang, per_person, quiet)
    except PlannerError as err:
        click.echo(t("errors.error", message=err.render(lang)).render(lang), err=True)
        sys.exit(2)


def _render(session_type, path: Path, out, fmt, lang, per_person, quiet) -> None:
    from ..errors import PlannerError
    from ..fingerprint import changed, fingerprint
    from ..policy import policy_path, resolve_policy
    from ..render.saved import load
    from ..yamlio import read_text
    text, _ = read_text(path, str(path))     # a regular file of at most 16 MB: a FIFO or device is not waited on
    kind, result, saved = load(text, str(path))
    formats = ("text", "json", "md", "html", "ics") + (("xlsx",) if kind == "unit" else ())
    session = session_type(saved["workspace"]["path"], saved["catalog"]["path"], None,
                           None, fmt, out, lang, quiet, formats)
    lang = session.lang                      # --lang, planner.toml or the locale
    name = saved["policy"].get("name")
    try:
        policy, policy_file = resolve_policy(name), policy_path(name)
    except PlannerError:
        policy, policy_file = result.policy, None           # gone: its print is empty, so it is said changed
    current = fingerprint(Path(saved["workspace"]["path"]), Path(saved["catalog"]["path"]), policy,
                          name, result.today, saved.get("flags", {}), policy_file)
    moved = changed(saved, current)
    if moved and not quiet:
        click.echo(messages(lang)["saved"]["changed"].format(files=", ".join(moved)), err=True)
    from ..render.formats import render
    session.emit(lambda f: render(result, f, lang, session.color, per_person=per_person))
