"""Two shortcuts for reading the plain YAML people write, each giving exactly
what the long way gives (yamlio falls back to it for anything else):

- `surely_shallow(text)`: a bound on the nesting depth read off the text
  itself, so the event-by-event depth count is needed only for a text that
  could be deep;
- `build(loader, node)`: the Python objects of a composed tree of plain
  maps, lists, strings, numbers, booleans and nulls, without the general
  constructor's machinery; anything else (an alias, a merge key, another tag,
  a repeated key, a value the checks refuse) raises `Unusual` and the
  general constructor does the work, with its own errors.

A person's file is read about twice as fast this way (bench/bench_batch.py).
"""
from __future__ import annotations

import re

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# A line's structure before its first node: indentation and the block
# indicators "- ", "? ", ": " (an indicator is followed by a blank or the
# line's end), at the start of every line. YAML's line breaks (1.1, which
# PyYAML and libyaml read) are not str.splitlines()', which also splits at
# characters YAML keeps inside a line.
_BREAK = "\r\n\x85\u2028\u2029"
_LEADS = re.compile(f"(?:^|(?<=[{_BREAK}]))(?:[ \t]|[-?:](?=[ \t{_BREAK}]|\\Z))*")
_LINES = re.compile(f"[^{_BREAK}]+")      # linear: a bracket-less line of 4,000 blanks is read once
_BRACKETS = re.compile(r"[][{}]")


def surely_shallow(text: str, limit: int) -> bool:
    """True when no parse of `text` can nest more than `limit` collections.

    A block collection starts at the first node of a line, after the
    line's indentation and indicators (a key later in the line is a syntax
    error: "a: b: c"); open block collections have strictly increasing
    columns (the scanner's indent stack), so at most `lead + 1` of them are
    open, `lead` the longest such start of a line; each block mapping may
    hold one indentless sequence besides. Flow collections nest at most
    `flow_depth` deep, and a flow sequence may hold one implicit
    single-pair mapping. So depth <= 2 * (lead + 1) + 2 * flow_depth."""
    flow = flow_depth(text)
    if flow is None or 2 * flow > limit:
        return False
    lead = max(map(len, _LEADS.findall(text)))
    return 2 * (lead + 1) + 2 * flow <= limit


def flow_depth(text: str) -> int | None:
    """An upper bound on how deep flow collections nest, or None (a
    byte-order mark, which the scanners do not count as a column: left to
    the long way). The count never falls below the true depth: every `[`
    `{` counts; a `]` `}` closes only where it can be nothing else. Outside
    a quoted scalar, a tag (whose name may hold brackets) and a comment, a
    closing bracket in a flow collection is its end (a plain scalar there
    stops at it), and one in block context finds the count at zero already
    (it stays at zero). So in a text with quotes or tags (a quoted scalar
    may span lines) no closing bracket counts, nor on a line with `#`."""
    if "\ufeff" in text:
        return None
    plain = not any(ch in text for ch in "'\"!")
    depth = deepest = 0
    for line in _LINES.findall(text):
        if not _BRACKETS.search(line):
            continue
        closes = plain and "#" not in line
        for ch in _BRACKETS.findall(line):
            if ch in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif closes and depth:
                depth -= 1
    return deepest


class Unusual(Exception):
    """The tree holds something `build` leaves to the general constructor."""


_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + "str": None, _TAG + "null": None, _TAG + "int": "construct_yaml_int",
            _TAG + "bool": "construct_yaml_bool", _TAG + "float": "construct_yaml_float"}
_HASHABLE = (str, int, float, bool, type(None))


def build(loader, node):
    """The objects the loader's own constructor would give for `node`, a
    tree without aliases (the constructor keeps an alias's shared object)."""
    return _build(loader, node)


def _build(loader, node):
    kind, tag = type(node), node.tag
    if kind is ScalarNode and tag in _SCALARS:
        method = _SCALARS[tag]
        if method is None:
            return node.value if tag == _TAG + "str" else None
        try:
            return getattr(loader, method)(node)
        except Exception:
            raise Unusual from None
    if kind is SequenceNode and tag == _TAG + "seq":
        return [_build(loader, child) for child in node.value]
    if kind is MappingNode and tag == _TAG + "map":
        return _mapping(loader, node)
    raise Unusual


def _mapping(loader, node) -> dict:
    out: dict = {}
    keys: set = set()
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode or key_node.value in keys:
            raise Unusual                # a complex or repeated key: the checks word it
        keys.add(key_node.value)
        key = _build(loader, key_node)
        if not isinstance(key, _HASHABLE):
            raise Unusual
        out[key] = _build(loader, value_node)
    return out


def load(text: str, loader_class):
    """yaml.load(text, Loader=loader_class), a plain tree built directly
    (a text without `*` has no alias)."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if "*" not in text:
            try:
                return build(loader, node)
            except Unusual:
                pass
        return loader.construct_document(node)
    finally:
        loader.dispose()


class CachedResolve:
    """A plain scalar's tag depends on its text alone (no path resolvers
    here): the first few thousand texts seen keep their tag."""

    _tags: dict = {}

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0] and not self.yaml_path_resolvers:
            tag = self._tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._tags) < 4096:
                    self._tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


