"""`json.dumps(data, ensure_ascii=False, indent=2)`, the same bytes, faster
for long lists of flat records (suggest's 10,000 `rejected` offerings).

With `indent` set, the standard library encodes in pure Python. A list of
two or more flat objects (every value a string, number, bool or null) is
encoded here by the C encoder in one call, with the item separator a NUL
character: an encoded string never holds a raw control character (JSON
escapes them), so every NUL is a separator, "}NUL{" is exactly a boundary
between two records, and the others separate a record's fields; each is
replaced by its indented form. Everything else is laid out as `indent=2`
lays it out. Anything that is not a dict with string keys, list, tuple,
string, number, bool or None goes to json.dumps whole (its error, its
`TypeError`)."""
from __future__ import annotations

import json
from json.encoder import encode_basestring

_C = json.JSONEncoder(ensure_ascii=False, separators=("\x00", ": "))
SCALARS = (str, int, float, bool, type(None))
CONTAINERS = (dict, list, tuple)


class _Other(Exception):
    """A value the fast path does not lay out: json.dumps decides."""


def _flat_rows(rows) -> bool:
    return len(rows) > 1 and all(type(r) is dict and r and all(type(k) is str for k in r)
                                 and all(type(v) in SCALARS for v in r.values()) for r in rows)


def _rows(rows, pad: str) -> str:
    inner, field = pad + "  ", pad + "    "
    body = _C.encode(rows)[2:-2]                  # the records' fields, NUL-separated
    body = body.replace("}\x00{", f"\n{inner}}},\n{inner}{{\n{field}").replace("\x00", ",\n" + field)
    return f"[\n{inner}{{\n{field}{body}\n{inner}}}\n{pad}]"


def _encode(value, pad: str, out: list) -> None:
    kind = type(value)
    if kind in SCALARS:
        out.append(encode_basestring(value) if kind is str else _C.encode(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = pad + "  "
        out.append("{")
        for n, (key, item) in enumerate(value.items()):
            if type(key) is not str:
                raise _Other
            out.append(("\n" if n == 0 else ",\n") + inner + encode_basestring(key) + ": ")
            _encode(item, inner, out)
        out.append("\n" + pad + "}")
    elif kind in (list, tuple):
        if not value:
            out.append("[]")
        elif _flat_rows(value):
            out.append(_rows(value, pad))
        else:
            inner = pad + "  "
            out.append("[")
            for n, item in enumerate(value):
                out.append(("\n" if n == 0 else ",\n") + inner)
                _encode(item, inner, out)
            out.append("\n" + pad + "]")
    else:
        raise _Other


def dumps(data) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2), byte for byte."""
    out: list = []
    try:
        _encode(data, "", out)
    except (_Other, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)
