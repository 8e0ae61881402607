"""`planner config`: the settings in effect and where each came from."""
from __future__ import annotations

from pathlib import Path

import click

from .session import Session, common_options
from .words import Command


@click.command(name="config", cls=Command)
@common_options(("text", "json"))
def config(session: Session):
    """Show the settings in effect (workspace, catalogue, policy, language)
    and where each came from; the help shown is the catalogue's.

    \b
    Example:
        planner config
    """
    from ..render.settings import in_effect, settings_json, settings_text
    shown = in_effect(session.settings)
    session.emit(lambda fmt: settings_json(shown) if fmt == "json" else settings_text(shown, session.lang))
