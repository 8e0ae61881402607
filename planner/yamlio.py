"""Reading the user's YAML: exact text, their encoding, errors with a line."""
from __future__ import annotations

from pathlib import Path

import yaml

from .errors import PlannerError
from .i18n import t


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's, when PyYAML has it: four times faster on a large
    catalogue) that leaves dates as text, so a bad date is a field error (with
    the record named) and not a crash inside the YAML parser."""


class _PureLoader(yaml.SafeLoader):
    """The pure-Python twin, used to word a syntax error the same way whether
    or not libyaml is installed."""


_Loader.yaml_implicit_resolvers = _PureLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

ENCODINGS = ("utf-8-sig", "gb18030")


def read_text(path: Path, shown: str) -> tuple[str, str]:
    """The file's text and the encoding it was read in: UTF-8, else GBK/GB18030."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlannerError(t("errors.file_not_found"), file=shown) from None
    except OSError as err:
        raise PlannerError(t("errors.cannot_read", problem=err.strerror), file=shown) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlannerError(t("errors.utf16"), file=shown)
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise PlannerError(t("errors.not_text"), file=shown)


def load(path: Path, shown: str | None = None):
    """Parse one YAML file; a syntax error names the file and the line."""
    shown = shown or str(path)
    text, _ = read_text(path, shown)
    return loads(text, shown)


def loads(text: str, shown: str):
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_PureLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "invalid YAML"
        raise PlannerError(t("errors.yaml_syntax", problem=problem), file=shown, line=line) from None
    except yaml.YAMLError as err:
        raise PlannerError(t("errors.yaml_syntax", problem=err), file=shown) from None


def line_of(text: str, path: list) -> int | None:
    """1-based line where the node at `path` (keys and indexes) starts."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
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
