"""`planner serve`: the planner as web pages for an office (planner/web/)."""
from __future__ import annotations

import sys

import click

from ..errors import PlannerError
from ..messages import LANGS
from .session import Session, _parse_today


@click.command()
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="Workspace folder with people/ and units/ (default: the bundled demo, read-only).")
@click.option("--catalog", type=click.Path(), default=None, help="Catalogue YAML file or folder.")
@click.option("--policy", default=None, help="Policy file or bundled policy id.")
@click.option("--today", callback=_parse_today, default=None, metavar="YYYY-MM-DD",
              help="Date to plan from (default: the real date, each day).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than loopback needs --password-file.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--password-file", type=click.Path(dir_okay=False), default=None,
              help="File of argon2 password hashes (from --hash-password); every page then asks for a login.")
@click.option("--hash-password", is_flag=True, help="Ask for a password and print its hash for --password-file.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True, help="Language of messages.")
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
        password = click.prompt("password", hide_input=True, confirmation_prompt=True, err=True)
        click.echo(auth.hash_password(password))
        return
    session = Session(data, catalog, policy, today, "text", None, lang, False)
    try:
        config = server.make_config(session.data_path, session.catalog_path, policy, today, host, port,
                                    password_file, lang)
        click.echo(f"planner serve: http://{host}:{port}/ ({session.data_path})", err=True)
        server.run(config)
    except PlannerError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
