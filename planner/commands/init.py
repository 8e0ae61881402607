"""`planner init DIR`: a new workspace to start from."""
from __future__ import annotations

import click

from .session import Session, common_options
from .words import Command


@click.command(name="init", cls=Command)
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--unit", "unit_id", default="U1", show_default=True)
@common_options(("text",))
def init(session: Session, folder: str, unit_id: str):
    """Lay out a new workspace in FOLDER: people/, units/<ID>.yaml (commented),
    an empty roster to fill (名册模板.xlsx, instructions first) and
    planner.toml, so that planner run inside FOLDER needs no --data.

    \b
    Example:
        planner init 测绘院 --unit U-CH
    """
    from ..messages import messages
    from ..scaffold import init_workspace

    made = init_workspace(folder, session.policy, unit_id, session.lang)
    words = messages(session.lang)["init"]
    lines = [words["created"].format(root=made.root)]
    lines += [f"  {path.relative_to(made.root)}{'/' if path.is_dir() else ''}" for path in made.files]
    lines.append(words["next"].format(unit=unit_id))
    session.emit("\n".join(lines) + "\n")
