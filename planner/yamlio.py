"""Reading the user's YAML: exact text, their encoding, errors with a line.

Every file is checked before parsing goes deep: only regular files are read
(a FIFO or a device is refused, never waited on), at most `MAX_BYTES` of
them, nested at most `MAX_DEPTH` deep, with no key repeated in a mapping and
no integer longer than `MAX_DIGITS` digits.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from functools import lru_cache
from pathlib import Path

from .errors import PlannerError
from .i18n import t

MAX_BYTES = 16 * 1024 * 1024     # a catalogue of ~100,000 offerings; a person file is a few kB
MAX_DEPTH = 24                   # the deepest real file (a policy) nests 6 levels
MAX_DIGITS = 40                  # an 18-digit ID number is text; no figure needs more


def _limit_error(message: str, node, shown: str | None = None) -> PlannerError:
    return PlannerError(message, file=shown, line=node.start_mark.line + 1 if node is not None else None)


class _Checks:
    """Construction that refuses what a user cannot have meant: a key given
    twice in one mapping (the last would silently win) and integers too long
    to be a figure."""

    def construct_mapping(self, node, deep=False):
        import yaml
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = key_node.value
                if key in seen:
                    raise _limit_error(t("errors.key_twice", key=key, first=seen[key],
                                         second=key_node.start_mark.line + 1), key_node)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node):
        text = str(node.value)
        digits = sum(ch.isdigit() for ch in text) if len(text) > MAX_DIGITS else 0
        if digits > MAX_DIGITS:
            raise _limit_error(t("errors.too_many_digits", number=str(node.value)[:20], digits=digits,
                                 most=MAX_DIGITS), node)
        return super().construct_yaml_int(node)


@lru_cache(maxsize=1)
def _loaders() -> dict:
    """The two loaders, made on first use (PyYAML is imported only when a
    file is parsed: a run served from the cache never imports it)."""
    import yaml

    from . import yamltree

    class _Loader(yamltree.CachedResolve, _Checks, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        """SafeLoader (libyaml's, when PyYAML has it: four times faster on a large
        catalogue) that leaves dates as text, so a bad date is a field error (with
        the record named) and not a crash inside the YAML parser."""

    class _PureLoader(_Checks, yaml.SafeLoader):
        """The pure-Python twin, used to word a syntax error the same way whether
        or not libyaml is installed."""

    for cls in (_Loader, _PureLoader):
        cls.yaml_implicit_resolvers = {
            key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }
        cls.yaml_constructors = dict(yaml.SafeLoader.yaml_constructors)
        cls.yaml_constructors["tag:yaml.org,2002:int"] = _Checks.construct_yaml_int
    return {"_Loader": _Loader, "_PureLoader": _PureLoader}


def __getattr__(name: str):
    """`_Loader` and `_PureLoader` as module attributes, made when first asked for."""
    if name in ("_Loader", "_PureLoader"):
        return _loaders()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ENCODINGS = ("utf-8-sig", "gb18030")


_READ_WORDS = {errno.ENAMETOOLONG: "name_too_long", errno.ELOOP: "loop", errno.EACCES: "denied",
               errno.EPERM: "denied", errno.ENOTDIR: "not_dir"}


def os_words(err: OSError):
    """Why a file could not be read, in the user's words (errors.os in the catalogues)."""
    key = _READ_WORDS.get(err.errno)
    return t(f"errors.os.{key}") if key else t("errors.cannot_read", problem=err.strerror)


def kind_of(path: Path, shown: str | None = None) -> str:
    """"folder", "file" (anything else that exists) or "missing"; a path that
    cannot even be looked at (a name too long, a loop) is bad input naming it."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as err:
        raise PlannerError(os_words(err), file=shown or str(path)) from None
    except ValueError:
        raise PlannerError(t("errors.not_a_file_name"), file=shown or str(path)) from None
    return "folder" if stat.S_ISDIR(info.st_mode) else "file"


def read_bytes(path: Path, shown: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else
    (missing, a folder, a FIFO, a device, too big) is bad input naming it."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PlannerError(t("errors.file_not_found"), file=shown) from None
    except IsADirectoryError:
        raise PlannerError(t("errors.is_folder"), file=shown) from None
    except OSError as err:
        raise PlannerError(os_words(err), file=shown) from None
    info = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = t("errors.is_folder")
    elif not stat.S_ISREG(info.st_mode):
        problem = t("errors.not_regular")
    elif info.st_size > limit:
        problem = t("errors.too_big", size=f"{info.st_size:,}", limit=f"{limit:,}")
    if problem:
        os.close(fd)
        raise PlannerError(problem, file=shown)
    with os.fdopen(fd, "rb") as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as err:
            raise PlannerError(os_words(err), file=shown) from None
    if len(data) > limit:
        raise PlannerError(t("errors.too_big_read", limit=f"{limit:,}"), file=shown)
    return data


def decode(data: bytes, shown: str) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlannerError(t("errors.utf16"), file=shown)
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise PlannerError(t("errors.not_text"), file=shown)


def read_text(path: Path, shown: str, limit: int = MAX_BYTES) -> tuple[str, str]:
    """The file's text and the encoding it was read in: UTF-8, else GBK/GB18030."""
    return decode(read_bytes(path, shown, limit), shown)


def load(path: Path, shown: str | None = None):
    """Parse one YAML file; a syntax error names the file and the line."""
    shown = shown or str(path)
    text, _ = read_text(path, shown)
    return loads(text, shown)


def check_depth(text: str, shown: str, loader=None) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything recursive runs
    (the events come from the parser without recursion). A text whose
    shape bounds its depth under the limit needs no count (yamltree)."""
    import yaml

    from . import yamltree
    if loader is None and yamltree.surely_shallow(text, MAX_DEPTH):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader or _loaders()["_Loader"]):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PlannerError(t("errors.too_deep", depth=MAX_DEPTH), file=shown,
                                       line=event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        if loader is None:        # libyaml stops at its own depth limit: count again in Python
            check_depth(text, shown, _loaders()["_PureLoader"])
        # otherwise the syntax error is worded by loads()


def loads(text: str, shown: str):
    import yaml

    from . import yamltree
    try:
        return yamltree.load(text, _loaders()["_Loader"], MAX_DEPTH)     # a plain text (no depth count needed)
    except (yamltree.Unusual, yaml.YAMLError):
        pass
    check_depth(text, shown)
    try:
        return yaml.load(text, Loader=_loaders()["_Loader"])
    except PlannerError as err:
        raise err.located(file=shown) from None
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_loaders()["_PureLoader"])
    except PlannerError as err:
        raise err.located(file=shown) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise PlannerError(t("errors.yaml_syntax", problem=problem), file=shown, line=line) from None
    except yaml.YAMLError as err:
        raise PlannerError(t("errors.yaml_syntax", problem=err), file=shown) from None
    except RecursionError:
        raise PlannerError(t("errors.too_deep", depth=MAX_DEPTH), file=shown) from None


def line_of_field(text: str, dotted: str) -> int | None:
    """The line of a field written as the messages write it: routes.A.cap, blackout[0].end."""
    path = [int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", dotted) if p]
    while path:
        line = line_of(text, path)
        if line is not None:
            return line
        path = path[:-1]
    return None


def compose(text: str, shown: str):
    """The YAML node tree of `text` (for editing a file line by line)."""
    import yaml
    try:
        return yaml.compose(text, Loader=_loaders()["_Loader"])
    except yaml.YAMLError as err:
        raise PlannerError(t("errors.yaml_syntax", problem=str(err)), file=shown) from None


def line_of(text: str, path: list) -> int | None:
    """1-based line where the node at `path` (keys and indexes) starts."""
    import yaml
    try:
        node = yaml.compose(text, Loader=_loaders()["_Loader"])
    except (yaml.YAMLError, RecursionError):
        return None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
        if node is None:
            return None
    return node.start_mark.line + 1
