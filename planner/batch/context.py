"""What every batch task shares: the policy (and a draft policy), the
catalogue and the run's settings, shipped to workers as plain text and
loaded there once per process (CP-SAT models and the pydantic objects are
built in the worker, never pickled).

A `Context` is a plain dict, so it travels through a process pool's
initializer or a Dask `scatter` alike:

    {"key": fingerprint of everything below,
     "policy": [shown, text], "draft": [shown, text] | None,
     "catalog": [[shown, text], ...],
     "settings": {"kind", "today", "year", "years", "lang", "time_limit"}}
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .. import resources, yamlio
from ..errors import PlannerError
from ..i18n import t
from ..models.activity import Offering
from ..models.policy import Policy


def fingerprint(*parts) -> str:
    """sha256 of the JSON text of `parts` (stable: sorted keys, no spaces)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def texts(files):
    """The texts of [shown, text] pairs (or of one pair): fingerprints never hold paths."""
    if not files:
        return None
    if isinstance(files[0], str):
        return files[1]
    return [text for _, text in files]


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def catalog_texts(path: Optional[str]) -> list[list[str]]:
    """[shown, text] of every catalogue file, in the order load_catalog reads them."""
    root = Path(path) if path else resources.offerings_dir()
    if root.is_dir():
        paths = _yaml_files(root)
    elif root.exists():
        paths = [root]
    else:
        raise PlannerError(t("errors.catalog_missing", path=root))
    return [[str(p), yamlio.read_text(p, str(p))[0]] for p in paths]


def policy_text(name: Optional[str]) -> list[str]:
    from ..policy import policy_path
    path = policy_path(name)
    return [str(path), yamlio.read_text(path, str(path))[0]]


def make_context(kind: str, policy: Optional[str], catalog: Optional[str], settings: dict,
                 draft: Optional[str] = None) -> dict:
    """The shipped context; loading it here first turns bad input into exit 2 before any work."""
    ctx = {"policy": policy_text(policy), "draft": policy_text(draft) if draft else None,
           "catalog": catalog_texts(catalog), "settings": dict(settings, kind=kind)}
    ctx["key"] = fingerprint(texts(ctx["policy"]), texts(ctx["draft"]), texts(ctx["catalog"]), ctx["settings"])
    load(ctx)
    return ctx


@dataclass(frozen=True)
class Loaded:
    """A context as objects, once per worker process."""
    key: str
    policy: Policy
    draft: Optional[Policy]
    offerings: tuple[Offering, ...]
    settings: dict

    @property
    def today(self) -> dt.date:
        return dt.date.fromisoformat(self.settings["today"])

    def policies(self) -> list[tuple[str, Policy]]:
        """(variant, policy): the current policy, and the draft when comparing."""
        out = [("current", self.policy)]
        if self.draft is not None:
            out.append(("draft", self.draft))
        return out


_LOADED: dict[str, Loaded] = {}


def load(ctx) -> Loaded:
    """The context's objects, built on first use in this process and kept."""
    if isinstance(ctx, str):
        return _LOADED[ctx]
    found = _LOADED.get(ctx["key"])
    if found is not None:
        return found
    from ..policy import parse_policy
    from ..workspace import parse_catalog
    policy = parse_policy(ctx["policy"][1], ctx["policy"][0])
    draft = parse_policy(ctx["draft"][1], ctx["draft"][0]) if ctx.get("draft") else None
    catalog = parse_catalog([tuple(f) for f in ctx["catalog"]], policy)
    if draft is not None:
        parse_catalog([tuple(f) for f in ctx["catalog"]], draft)
    loaded = Loaded(ctx["key"], policy, draft, catalog.offerings, ctx["settings"])
    _LOADED[ctx["key"]] = loaded
    return loaded


def init_worker(ctx: dict) -> None:
    """Process-pool initializer: load the context once per worker."""
    load(ctx)
