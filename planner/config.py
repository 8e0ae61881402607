"""The settings in effect and where each came from.

The workspace is `--data`, else $PLANNER_DATA, else the `data` of a
`planner.toml` found in the current folder or a parent (written by `planner
init`; paths in it are relative to it), else the bundled demo. The catalogue,
the policy and the language follow the same order (flag, planner.toml,
default); the language's default is the locale's.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

CONFIG_NAME = "planner.toml"
KEYS = ("data", "catalog", "policy", "lang")


@dataclass(frozen=True)
class Setting:
    value: Optional[str]
    source: str            # flag | env | file | locale | default
    where: str = ""        # the flag, variable or file it came from


def find_config(start: Path) -> Optional[Path]:
    """planner.toml in `start` or the nearest parent that has one."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path) -> dict:
    """The settings of a planner.toml; a bad file is bad input naming it."""
    import tomllib
    from .errors import PlannerError
    from .i18n import t
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise PlannerError(t("errors.config_syntax", problem=str(err)), file=str(path)) from None
    except OSError as err:
        raise PlannerError(t("errors.cannot_read", problem=err.strerror), file=str(path)) from None
    table = data.get("workspace", data)
    settings = {}
    for key in KEYS:
        value = table.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise PlannerError(t("errors.config_text", key=key), file=str(path), field=key)
        if key != "lang" and not (key == "policy" and "/" not in value and not value.endswith(".yaml")):
            value = str((path.parent / value).resolve()) if not os.path.isabs(value) else value
        settings[key] = value
    return settings


def resolve(flags: Mapping[str, Optional[str]], environ: Mapping[str, str] = os.environ,
            cwd: Optional[Path] = None) -> dict[str, Setting]:
    """Each setting with its source, in the documented order."""
    from .i18n import LANGS, detect_lang, locale_variable
    config = find_config(cwd or Path.cwd())
    filed = read_config(config) if config else {}
    out: dict[str, Setting] = {}
    for key in KEYS:
        if flags.get(key) is not None:
            out[key] = Setting(str(flags[key]), "flag", f"--{key}")
        elif key == "data" and environ.get("PLANNER_DATA"):
            out[key] = Setting(environ["PLANNER_DATA"], "env", "PLANNER_DATA")
        elif key in filed:
            out[key] = Setting(filed[key], "file", str(config))
        elif key == "lang":
            named = locale_variable(environ)
            out[key] = Setting(detect_lang(environ), "locale", "=".join(named) if named else "")
        else:
            out[key] = Setting(None, "default")
    if out["lang"].value not in LANGS:
        from .errors import PlannerError
        from .i18n import t
        raise PlannerError(t("errors.config_lang", value=out["lang"].value, choices=" | ".join(LANGS)),
                           file=out["lang"].where if out["lang"].source == "file" else None, field="lang")
    return out


def config_text(path_data: str = ".") -> str:
    """A new planner.toml (for `planner init`), commented in the user's language."""
    from .i18n import say
    return say("init.toml", data=path_data)
