"""The top group, loading each command's module on first use (click's
documented "lazily loading subcommands" pattern): `planner --version` and
`planner --help` import no command at all, `planner audit` imports audit's.

The listing in `planner --help` comes from the catalogue's help texts
(help.commands), so it too loads no command.
"""
from __future__ import annotations

import importlib

import click

from .words import Main, _block, _help, current_lang


class LazyMain(Main):
    """Main (words.py) whose commands are "module:function" names until asked for."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx) -> list[str]:
        return sorted(set(self.commands) | set(self.lazy))

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in self.lazy:
            module, attr = self.lazy[name].split(":")
            command = getattr(importlib.import_module(f"{__package__}.{module}"), attr)
            self.add_command(command, name)
        return self.commands.get(name)

    def listed_help(self, name: str, limit: int) -> str:
        """A command's line in the listing: the catalogue's text, shortened
        as click shortens it (the command's own, if the catalogue has none)."""
        text = (_help(current_lang()).get("commands") or {}).get(name)
        if text and name not in self.commands:
            return click.utils._make_default_short_help(_block(text), limit).strip()
        command = self.get_command(None, name)
        return command.get_short_help_str(limit) if command is not None else ""

    def format_commands(self, ctx, formatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self.listed_help(name, limit)) for name in names]
        from .words import _translate
        with formatter.section(_translate("Commands")):
            formatter.write_dl(rows)
