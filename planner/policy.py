"""Load and validate a policy file (catalog/policies/*.yaml) into a Policy."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from . import resources, yamlio
from .errors import PlannerError
from .i18n import t
from .models import Policy
from .validation import describe


def load_policy(path: Path) -> Policy:
    shown = str(path)
    data = yamlio.load(path, shown)
    if not isinstance(data, dict):
        raise PlannerError(t("errors.policy_not_mapping"), file=shown)
    try:
        return Policy.model_validate(data)
    except ValidationError as err:
        raise describe(err, shown, data) from None


def default_policy_path() -> Path:
    paths = sorted(resources.policies_dir().glob("*.yaml"))
    if not paths:
        raise PlannerError(t("errors.no_policy"), file=str(resources.policies_dir()))
    return paths[0]


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Policy:
    return load_policy(Path(path))


def resolve_policy(name: str | None = None) -> Policy:
    """A policy by file path, or by id among the bundled ones (default: the first)."""
    if name is None:
        path = default_policy_path()
    else:
        path = Path(name)
        if not path.exists():
            candidate = resources.policies_dir() / f"{name}.yaml"
            if not candidate.exists():
                known = ", ".join(p.stem for p in sorted(resources.policies_dir().glob("*.yaml")))
                raise PlannerError(t("errors.unknown_policy", name=name, known=known))
            path = candidate
    return _cached(str(path), path.stat().st_mtime)
