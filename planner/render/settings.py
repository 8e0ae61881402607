"""The settings in effect (`planner config`), in text and JSON.

Each setting has its effective value (paths made absolute; the bundled
defaults named by their files), its source (flag | env | file | locale |
default) and where it came from (the flag, the variable, the planner.toml,
the locale variable's value).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..i18n import messages
from .jsonout import dumps

PATHS = ("data", "catalog", "policy")


def _effective(key: str, value):
    """The value a command will use: a path made absolute, the bundled
    default's file, or a policy id's file."""
    from .. import resources
    from ..policy import policy_path
    if key == "lang":
        return value
    if key == "policy":
        return str(policy_path(value).resolve())
    if value is None:
        return str((resources.demo_dir() if key == "data" else resources.offerings_dir()).resolve())
    return os.path.abspath(value)


def in_effect(settings: dict) -> dict:
    shown = {}
    for key, setting in settings.items():
        value = _effective(key, setting.value)
        entry = {"value": value, "source": setting.source, "where": setting.where or None}
        if key in PATHS:
            entry["exists"] = Path(value).exists()
        shown[key] = entry
    return shown


def settings_json(shown: dict) -> str:
    return dumps(shown)


def settings_text(shown: dict, lang: str) -> str:
    m = messages(lang)["settings"]
    lines = [m["title"]]
    for key, entry in shown.items():
        value = entry["value"] + ("" if entry.get("exists", True) else m["missing"])
        lines.append(m["line"].format(name=m["names"][key], value=value))
        source = entry["source"] if entry["source"] != "default" else f"default_{key}"
        if source == "locale" and not entry["where"]:
            source = "no_locale"
        lines.append(m["from"].format(source=m["sources"][source].format(where=entry["where"])))
    return "\n".join(lines) + "\n"
