"""Load and validate a policy file (catalog/policies/*.yaml) into a Policy."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import resources, yamlio
from .errors import PlannerError
from .i18n import t
from .models.parse import Invalid
from .models.policy import Policy
from .validation import describe

POLICY_BYTES = 1024 * 1024        # the bundled policy is 15 kB


def load_policy(path: Path, shown: str | None = None) -> Policy:
    """A policy file, checked for sense; an error names its line and field.
    Validated once, then rebuilt from the cache (cache.py, stored.py)."""
    shown = shown or str(path)
    text, _ = yamlio.read_text(path, shown, POLICY_BYTES)
    from . import cache, stored
    made_from = cache.digest(shown, text)
    found = stored.rebuild(cache.load("policy", [shown], made_from))
    if isinstance(found, Policy):
        return found
    policy = parse_policy(text, shown)
    kept = stored.keep(policy)
    if kept is not None:
        cache.store("policy", [shown], made_from, kept, exact=True)
    return policy


def parse_policy(text: str, shown: str) -> Policy:
    """A policy from the text of its file (a batch worker gets the text, not the file)."""
    data = yamlio.loads(text, shown)
    if not isinstance(data, dict):
        raise PlannerError(t("errors.policy_not_mapping"), file=shown)
    try:
        return Policy.parse(data)
    except Invalid as err:
        error = describe(err, shown, data)
        line = yamlio.line_of_field(text, error.field) if error.field else None
        raise error.located(line=line) from None


def default_policy_path() -> Path:
    paths = sorted(resources.policies_dir().glob("*.yaml"))
    if not paths:
        raise PlannerError(t("errors.no_policy"), file=str(resources.policies_dir()))
    return paths[0]


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Policy:
    return load_policy(Path(path))


def policy_path(name: str | None = None) -> Path:
    """The file of a policy given by path, or by id among the bundled ones (default: the first)."""
    if name is None:
        return default_policy_path()
    path = Path(name)
    if _exists(path, name):
        return path
    candidate = resources.policies_dir() / f"{name}.yaml"
    if not _exists(candidate, name):
        known = ", ".join(p.stem for p in sorted(resources.policies_dir().glob("*.yaml")))
        raise PlannerError(t("errors.unknown_policy", name=name, known=known))
    return candidate


def resolve_policy(name: str | None = None) -> Policy:
    """A policy by file path, or by id among the bundled ones (default: the first)."""
    path = policy_path(name)
    return _cached(str(path), path.stat().st_mtime)


def _exists(path: Path, shown: str) -> bool:
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError) as err:
        raise PlannerError(yamlio.os_words(err) if isinstance(err, OSError) else t("errors.not_a_file_name"),
                           file=shown) from None
    return True
