"""A new workspace (`planner init DIR`): people/, units/ with a commented
unit file, an empty roster to fill (instructions first), and planner.toml,
written all or nothing. An existing workspace is never overwritten."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import fileset
from .errors import PlannerError
from .messages import messages
from .models.policy import Policy

CONFIG = "planner.toml"


@dataclass(frozen=True)
class Scaffold:
    root: Path
    files: tuple[Path, ...]


def _words(lang: str):
    return messages(lang)["init"]


def init_workspace(root: Path, policy: Policy, unit_id: str = "U1", lang: str = "zh") -> Scaffold:
    """Lay out a workspace in `root` (created if missing; it must not
    already hold people/, units/ or planner.toml)."""
    from .roster import check_unit_id, template_bytes, unit_file_text
    from .workspace import parse_unit_text
    check_unit_id(unit_id, lang)
    root = Path(root)
    words = _words(lang)
    if root.exists() and not root.is_dir():
        raise PlannerError(words["not_a_folder"], file=str(root))
    taken = [name for name in ("people", "units", CONFIG) if (root / name).exists()]
    if taken:
        raise PlannerError(words["taken"].format(names=", ".join(taken)), file=str(root))
    try:
        (root / "people").mkdir(parents=True)
    except OSError as err:
        raise PlannerError(words["cannot_create"].format(why=err.strerror), file=str(root)) from None
    unit_text = unit_file_text(unit_id, None, (), lang)
    unit_path = root / "units" / f"{unit_id}.yaml"
    parse_unit_text(unit_text, str(unit_path), policy)
    writes = {unit_path: unit_text.encode("utf-8"),
              root / words["template_name"]: template_bytes(policy, lang),
              root / CONFIG: words["toml"].format(policy=policy.id, lang=lang).encode("utf-8")}
    fileset.write_all(root, writes)
    return Scaffold(root, (root / "people", *sorted(writes)))
