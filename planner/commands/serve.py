"""`planner serve`: the planner as web pages for an office (planner/web/)."""
from __future__ import annotations

import sys

import click

from ..errors import PlannerError
from ..i18n import say, t
from ..i18n import LANGS
from .session import Session, _parse_today
from .words import Command


@click.command(cls=Command)
@click.option("--data", type=click.Path(file_okay=False), default=None)
@click.option("--catalog", type=click.Path(), default=None)
@click.option("--policy", default=None)
@click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--password-file", type=click.Path(dir_okay=False), default=None)
@click.option("--hash-password", is_flag=True)
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True)
def serve(data, catalog, policy, today, host, port, password_file, hash_password, lang):
    """Serve the workspace as web pages: people and units with their
    verdicts, each person's audit and plan (what-if, add a record,
    downloads), unit plans as background jobs, roster import, the catalogue.
    Pages work without JavaScript; Chinese first, ?lang=en.

    \b
    Example:
        planner serve                                   # the demo at http://127.0.0.1:8000/
        planner serve --data ~/ce-hours
        planner serve --hash-password > office.pw
        planner serve --data ~/ce-hours --host 0.0.0.0 --password-file office.pw
    """
    from ..web import auth, server
    if hash_password:
        password = click.prompt(say("info.password"), hide_input=True, confirmation_prompt=True, err=True)
        click.echo(auth.hash_password(password))
        return
    session = Session(data, catalog, policy, today, "text", None, lang, False)
    try:
        config = server.make_config(session.data_path, session.catalog_path, policy, today, host, port,
                                    password_file, lang)
        session.status("info.serving", host=host, port=port, root=session.data_path)
        server.run(config)
    except PlannerError as err:
        click.echo(t("errors.error", message=err.render(session.lang)).render(session.lang), err=True)
        sys.exit(2)
