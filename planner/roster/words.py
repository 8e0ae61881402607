"""The roster's words: every message of the import, from the catalogue
(templates/messages/<lang>.yaml, section `roster`)."""
from __future__ import annotations

from ..messages import messages


def say(lang: str, key: str, /, **params) -> str:
    """The message `key` (dotted for a nested one: "unit_status.created")."""
    entry = messages(lang)["roster"]
    for part in key.split("."):
        entry = entry[part]
    return entry.format(**params)
