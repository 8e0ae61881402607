"""The `planner` command: parse, call, print. Bad input exits 2 with one line."""
from __future__ import annotations

import os
import sys

import click

from . import commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="planner")
def main():
    """Plan and check continuing-education hours (继续教育学时) under the
    Zhejiang natural-resources rules.

    \b
    Example:
        planner audit --person demo
        planner suggest --person demo --format html --out plan.html
    """


# Each command lives in planner/commands/<name>.py; the package lists them.
for _command in commands.ALL:
    main.add_command(_command)


def run():
    """Entry point: bad input exits 2; anything unexpected exits 1 without a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # pragma: no cover - last resort
        if os.environ.get("PLANNER_DEBUG"):
            raise
        click.echo(f"internal error: {type(err).__name__}: {err} (set PLANNER_DEBUG=1 for details)", err=True)
        sys.exit(1)
