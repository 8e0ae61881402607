"""The persons of a province, streamed: `--data DIR` is one workspace (it has
people/) or a folder of workspaces (one per unit or city, each with
people/). Files are visited in sorted order and read one at a time, so
memory holds one chunk, never the province.

A person entry is plain data: [file, workspace, text, sha, error] where
`file` is the path relative to DIR (unique, the row's key), `workspace` the
folder's name (the city or unit column of the report), `sha` the text's
fingerprint (resume recomputes a changed file), and `text` None with the
`error` when the file cannot be read.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import yamlio
from ..errors import PlannerError
from ..i18n import t
from .context import text_sha


def workspaces(root: Path) -> list[tuple[str, Path]]:
    """(name, folder) of every workspace under `root`, sorted by name."""
    root = Path(root)
    if not root.is_dir():
        raise PlannerError(t("errors.workspace_missing", root=root))
    if (root / "people").is_dir():
        return [(root.resolve().name, root)]
    found = [(p.name, p) for p in sorted(root.iterdir()) if (p / "people").is_dir()]
    if not found:
        raise PlannerError(t("errors.batch.no_people", root=root))
    return found


def person_paths(root: Path) -> Iterator[tuple[str, str, Path]]:
    """(file, workspace, path) of every person file, in a fixed order."""
    root = Path(root)
    for name, folder in workspaces(root):
        people = folder / "people"
        for path in sorted(p for p in people.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()):
            yield path.relative_to(root).as_posix(), name, path


def read_entry(file: str, workspace: str, path: Path) -> list:
    try:
        text, _ = yamlio.read_text(path, file)
    except PlannerError as err:
        return [file, workspace, None, text_sha("unreadable: " + str(err)), str(err)]
    return [file, workspace, text, text_sha(text), None]


def entries(root: Path, skip=None) -> Iterator[list]:
    """Every person entry; `skip(file, sha)` true leaves it out (already done)."""
    for file, workspace, path in person_paths(root):
        entry = read_entry(file, workspace, path)
        if skip is not None and skip(file, entry[3]):
            continue
        yield entry


def chunks(items, size: int) -> Iterator[list]:
    """Lists of `size` items (the last shorter), lazily."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
