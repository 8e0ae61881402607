"""Help and click's own words in the user's language.

Help texts live in the catalogues (`help.commands`, `help.options`,
`help.command_options`), looked up when click formats them, so `planner
audit --help` speaks the language of `--lang` (or the locale). click's own
phrases (Usage:, Options, Missing option ...) go through gettext's `_`,
which is pointed at the catalogue's `click` section.
"""
from __future__ import annotations

import click

from ..i18n import LANGS, current_lang, messages, set_lang


def _help(lang: str) -> dict:
    return messages(lang)["help"]


def _block(text: str) -> str:
    """A catalogue help text as click wants it: `\\b` marks a block kept as written."""
    return text.replace("\\b\n", "\b\n").rstrip("\n")


def option_help(command_key: str, name: str, lang: str):
    h = _help(lang)
    own = (h.get("command_options") or {}).get(command_key) or {}
    return own.get(name) or (h.get("options") or {}).get(name)


class Localized:
    """Mixed into click's Command/Group: help from the catalogue when it has it."""

    help_key: str | None = None

    def _key(self) -> str:
        return self.help_key or self.name

    def _localize(self) -> None:
        lang = current_lang()
        text = (_help(lang).get("commands") or {}).get(self._key())
        if text:
            self.help = _block(text)
        for param in self.params:
            if isinstance(param, click.Option):
                words = option_help(self._key(), param.name, lang)
                if words:
                    param.help = words

    def format_help(self, ctx, formatter):
        self._localize()
        option = self.get_help_option(ctx)
        if option is not None:
            option.help = _translate("Show this message and exit.")
        return super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        self._localize()
        return super().get_short_help_str(limit)


class Command(Localized, click.Command):
    pass


def _lang_first(ctx, param, value):
    if value is not None:
        set_lang(value)
    return value


def lang_option() -> click.Option:
    """--lang on a group as well (it is read before anything else)."""
    return click.Option(["--lang"], type=click.Choice(LANGS), default=None, is_eager=True,
                        expose_value=False, callback=_lang_first)


class Group(Localized, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.params.append(lang_option())

    def add_command(self, cmd, name=None):
        if isinstance(cmd, Localized) and self.help_key and cmd.help_key is None:
            cmd.help_key = f"{self.help_key} {name or cmd.name}"
        super().add_command(cmd, name)


def adopt(cmd) -> None:
    """A plain click command (or group) takes its help from the catalogue too,
    where the catalogue has it (its own words otherwise)."""
    if isinstance(cmd, click.Group) and not isinstance(cmd, Localized):
        cmd.__class__ = Group
        if not any(p.name == "lang" for p in cmd.params):
            cmd.params.append(lang_option())
    elif isinstance(cmd, click.Command) and not isinstance(cmd, Localized):
        cmd.__class__ = Command
    for sub in getattr(cmd, "commands", {}).values():
        adopt(sub)


def prescan_lang(args) -> str | None:
    """--lang from the raw arguments, before click parses them (so --help
    and click's own errors speak it)."""
    args = list(args or ())
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return arg[7:]
    return None


class Main(Group):
    """The top group: chooses the language first, then lets click run."""

    help_key = "main"

    def _key(self) -> str:
        return "main"

    def _localize(self) -> None:
        self.help = _block(_help(current_lang())["main"])
        for param in self.params:
            if param.name == "version":
                param.help = _help(current_lang())["version"]

    def invoke(self, ctx):
        from ..pipes import quiet_when_closed
        with quiet_when_closed():
            return super().invoke(ctx)

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:
            set_lang(prescan_lang(args))
            install_click_words()
        return super().make_context(info_name, args, parent=parent, **extra)

    def add_command(self, cmd, name=None):
        adopt(cmd)
        if isinstance(cmd, Group) and cmd.help_key is None:
            cmd.help_key = name or cmd.name
            for sub_name, sub in cmd.commands.items():
                if isinstance(sub, Localized) and sub.help_key is None:
                    sub.help_key = f"{cmd.help_key} {sub_name}"
        click.Group.add_command(self, cmd, name)


def _translate(text: str) -> str:
    if current_lang() == "en":
        return text
    return messages("zh").get("click", {}).get(text, text)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


_installed = False


def install_click_words() -> None:
    """Point click's gettext calls at the catalogue (once per process)."""
    global _installed
    if _installed:
        return
    import importlib
    for name in ("core", "exceptions", "decorators", "formatting", "parser", "types", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _translate
        if hasattr(module, "ngettext"):
            module.ngettext = _ntranslate
    _installed = True
