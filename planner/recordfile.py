"""Appending one record to a person file as text: every other line, comment
and blank of the file stays exactly as the user wrote it, in the file's
encoding and line ends. The YAML is never re-dumped."""
from __future__ import annotations

import json
import re
import yaml

from .errors import PlannerError
from .i18n import kind_of, t
from .yamlio import _Loader

BOM = "\ufeff"
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:]*$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _text_fields() -> frozenset[str]:
    from typing import Optional, get_type_hints
    from .models.activity import Record
    return frozenset(name for name, kind in get_type_hints(Record).items() if kind in (str, Optional[str]))


TEXT_FIELDS = _text_fields()


def scalar(value: str, text_field: bool = False) -> str:
    """A value for a flow mapping: plain when YAML reads it back as the same
    text (or, in a field that is not text, as the number/date the user
    meant), else double-quoted: `evidence: 2026001` is written "2026001"."""
    text = str(value)
    if not text_field and (_NUMBER.match(text) or _DATE.match(text)):
        return text
    if _PLAIN.match(text) and text == text.strip():
        try:
            back = yaml.load(f"k: {text}", Loader=_Loader)
        except yaml.YAMLError:
            back = None
        if isinstance(back, dict) and back.get("k") == text:
            return text
    return json.dumps(text, ensure_ascii=False)


def flow_item(fields: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value, key in TEXT_FIELDS)}" for key, value in fields.items()) + "}"


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _records_node(text: str, shown: str):
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise PlannerError(t("errors.yaml_syntax", problem=err), file=shown) from None
    if not isinstance(root, yaml.MappingNode):
        raise PlannerError(t("errors.not_mapping_person", found=kind_of(type(root).__name__.replace("Node", "").lower())), file=shown)
    for key, value in root.value:
        if key.value == "records":
            return key, value
    return None, None


def append_record(text: str, fields: dict[str, str], shown: str) -> str:
    """`text` with one more item at the end of its `records:` list."""
    nl = _newline(text)
    body = text[1:] if text.startswith(BOM) else text
    bom = BOM if text.startswith(BOM) else ""
    lines = body.splitlines(keepends=True)
    item = flow_item(fields)
    key, node = _records_node(body, shown)
    if key is None:                                   # no records yet: add the list at the end
        if body and not body.endswith(("\n", "\r")):
            body += nl
        return bom + body + f"records:{nl}  - {item}{nl}"
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        first_line = lines[node.value[0].start_mark.line]
        indent = first_line[:len(first_line) - len(first_line.lstrip(" "))]
        end = last.end_mark
        at = end.line if end.column == 0 else end.line + 1
        new = f"{indent}- {item}{nl}"
        if at >= len(lines):
            if lines and not lines[-1].endswith(("\n", "\r")):
                lines[-1] += nl
            lines.append(new)
        else:
            lines.insert(at, new)
        return bom + "".join(lines)
    # `records:` empty, `records: []` or a flow list: put the new block list under the key
    line_no = key.start_mark.line
    line = lines[line_no]
    ending = line[len(line.rstrip("\r\n")):] or nl
    indent = line[:len(line) - len(line.lstrip(" "))] + "  "
    if isinstance(node, yaml.SequenceNode) and node.value:
        raise PlannerError(t("errors.records_flow"),
                           file=shown, field="records", line=line_no + 1)
    head = line[:key.end_mark.column] + ":"
    comment = ""
    rest = line[node.end_mark.column:].rstrip("\r\n") if node.end_mark.line == line_no else ""
    if "#" in rest:
        comment = " " + rest[rest.index("#"):]
    lines[line_no] = f"{head}{comment}{ending}{indent}- {item}{ending}"
    return bom + "".join(lines)


def encode(text: str, encoding: str, original: bytes) -> bytes:
    """Back to bytes in the encoding the file was read in; a UTF-8 BOM the
    file had stays."""
    if encoding == "utf-8-sig":
        bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
        return bom + text.encode("utf-8")
    return text.encode(encoding)
