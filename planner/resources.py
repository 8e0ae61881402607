"""Where the bundled catalogue and templates live: inside the wheel when
installed, beside the package in a source checkout."""
from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_HERE / "_data" / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder '{name}' is missing from the installation")


def catalog_dir() -> Path:
    return _find("catalog")


def templates_dir() -> Path:
    return _find("templates")


def policies_dir() -> Path:
    return catalog_dir() / "policies"


def offerings_dir() -> Path:
    return catalog_dir() / "offerings"


def demo_dir() -> Path:
    return catalog_dir() / "demo"
