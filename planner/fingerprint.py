"""The fingerprint of a plan's inputs: a SHA-256 of the policy's file, of every
catalogue file and of every workspace file, with --today and the flags,
so that `planner render` can say which input changed since `--save`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(root: Path) -> dict[str, str]:
    """relative path -> SHA-256 of every YAML file under root (or of root itself)."""
    if root.is_file():
        return {root.name: _sha(root.read_bytes())}
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): _sha(p.read_bytes())
            for p in sorted(root.rglob("*")) if p.suffix in (".yaml", ".yml") and p.is_file()}


def policy_print(policy, name, path: Path) -> dict:
    """The policy by id, the name it was asked for and the SHA-256 of its
    file's bytes, as the catalogue's and the workspace's files are: the
    same file gives the same print in every version of the tool (a print of
    the parsed model changed whenever the models' form did)."""
    return {"id": policy.id, "name": name, "sha256": _sha(Path(path).read_bytes())}


def fingerprint(data_path: Path, catalog_path: Path, policy, policy_name, today, flags: dict,
                policy_file: Optional[Path]) -> dict:
    """`policy_file` None: the policy cannot be found any more (its print is empty)."""
    return {"workspace": {"path": str(data_path), "files": _files(data_path)},
            "catalog": {"path": str(catalog_path), "files": _files(catalog_path)},
            "policy": {} if policy_file is None else policy_print(policy, policy_name, policy_file),
            "today": today.isoformat(), "flags": flags}


def changed(saved: dict, current: dict) -> list[str]:
    """The inputs that differ between two fingerprints, by name."""
    out = []
    for part in ("workspace", "catalog"):
        old, new = saved.get(part, {}).get("files", {}), current.get(part, {}).get("files", {})
        out += [f"{part}/{name}" for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]
    if saved.get("policy") != current.get("policy"):
        out.append(f"policy {saved.get('policy', {}).get('id')}")
    return out
