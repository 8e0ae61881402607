"""The user's language and the message catalogues (templates/messages/<lang>.yaml).

Every word the program prints comes from a catalogue: `say(key, **params)`
now, or `t(key, **params)`, a Phrase rendered later in whatever language is
asked (errors are raised deep down and printed by the command line, which
knows the language). The language is `--lang`, else an English locale
(LC_ALL, LC_MESSAGES, LANG: `en_*`) gives English, else Chinese.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Mapping

LANGS = ("zh", "en")

_chosen: str | None = None


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def locale_variable(environ: Mapping[str, str] = os.environ) -> tuple[str, str] | None:
    """The variable that names the locale, POSIX order: the first of LC_ALL,
    LC_MESSAGES, LANG that is set (None: none is)."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return name, value
    return None


def detect_lang(environ: Mapping[str, str] = os.environ) -> str:
    """The locale's language: English for `en*`, else (and with no locale) Chinese."""
    named = locale_variable(environ)
    return "en" if named and named[1].lower().startswith("en") else "zh"


def set_lang(lang: str | None) -> None:
    """Choose the language for this process (None: back to the locale's)."""
    global _chosen
    _chosen = lang if lang in LANGS else None


def current_lang() -> str:
    return _chosen or detect_lang()


class Messages(dict):
    """Labels for one language; `m.reasons[...]` etc. are nested dicts."""

    def __getattr__(self, key):
        try:
            value = self[key]
        except KeyError:
            raise AttributeError(key) from None
        return Messages(value) if isinstance(value, dict) else value

    @property
    def en(self) -> bool:
        return self["lang"] == "en"


@lru_cache(maxsize=4)
def messages(lang: str = "zh") -> Messages:
    """The catalogue of `lang`; parsed once, then read from the cache
    (cache.py: keyed by the file's bytes, so never stale)."""
    from . import cache, resources
    path = resources.templates_dir() / "messages" / f"{lang if lang in LANGS else 'zh'}.yaml"
    with open(path, "rb") as fh:
        data = fh.read()
    made_from = cache.digest(data)
    found = cache.load("messages", [str(path)], made_from)
    if not isinstance(found, dict):
        import yaml
        found = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        cache.store("messages", [str(path)], made_from, found)
    return Messages(found)


def lookup(key: str, lang: str) -> str:
    """The catalogue text at a dotted key (`errors.unknown_person`)."""
    node: Any = messages(lang)
    for part in key.split("."):
        node = node[part]
    return node


class Both:
    """A parameter whose words differ by language (a list of names, say)."""

    def __init__(self, zh: str, en: str):
        self.zh, self.en = zh, en

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Phrase:
    """A catalogue message with its parameters, put into words when shown."""

    def __init__(self, key: str, /, **params):
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        lang = lang or current_lang()
        params = {k: (v.render(lang) if isinstance(v, (Phrase, Both)) else v) for k, v in self.params.items()}
        return lookup(self.key, lang).format(**params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.params!r})"


def t(key: str, /, **params) -> Phrase:
    return Phrase(key, **params)


def say(key: str, /, lang: str | None = None, **params) -> str:
    """A catalogue message in words now."""
    return Phrase(key, **params).render(lang)


def words(text: "str | Phrase | Both", lang: str | None = None) -> str:
    """Text as it stands, or a phrase in the asked language."""
    if isinstance(text, (Phrase, Both)):
        return text.render(lang or current_lang())
    return str(text)


def kind_of(value) -> "Phrase | str":
    """What sort of thing a value is, in words (list, text, number ...)."""
    name = value if isinstance(value, str) else type(value).__name__
    return Phrase(f"errors.kinds.{name}") if name in messages("en")["errors"]["kinds"] else name
