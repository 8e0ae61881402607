"""Two shortcuts for reading the plain YAML people write, each giving exactly
what the long way gives (yamlio falls back to it for anything else):

- `surely_shallow(text)`: a bound on the nesting depth read off the text
  itself, so the event-by-event depth count is needed only for a text that
  could be deep;
- `load(text, loader, depth)`: the Python objects of a text of plain maps,
  lists, strings, numbers, booleans and nulls, built from the parser's
  events without a node tree or the general constructor's machinery;
  anything else (an alias, a merge key, another tag, a repeated key, a value
  the checks refuse, deeper nesting) raises `Unusual` and the long way
  (the depth count, then the general constructor) does the work, with its
  own errors.

A person's file is read about twice as fast this way (bench/bench_batch.py),
10,000 unit trainings about twice as fast again as from the node tree
(docs/benchmarks.md).
"""
from __future__ import annotations

import re

from yaml.events import (DocumentEndEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import ScalarNode

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
    """The text holds something `load` leaves to the general constructor."""


_TAG = "tag:yaml.org,2002:"
_STR, _NULL = _TAG + "str", _TAG + "null"
_BUILT = {_TAG + "int": "construct_yaml_int", _TAG + "bool": "construct_yaml_bool",
          _TAG + "float": "construct_yaml_float"}
_HASHABLE = (str, int, float, bool, type(None))
_KEY = object()          # a mapping waiting for its next key
_SEQ = object()          # a sequence (a mapping's key may be None)


def load(text: str, loader_class, depth: int):
    """What yaml.load(text, Loader=loader_class) gives for a text of plain
    maps, lists, strings, numbers, booleans and nulls nested at most `depth`
    deep, built from the parser's events (no node tree, no recursion).
    Anything else (an anchor or alias, a merge key, another tag, a repeated
    or complex key, a value the checks refuse, a second document, deeper
    nesting) raises `Unusual`; a syntax error raises the parser's error."""
    loader = loader_class(text)
    try:
        return _from_events(loader, depth)
    finally:
        loader.dispose()


def _from_events(loader, depth: int):
    get = loader.get_event
    get()                                       # the stream's start
    event = get()
    if type(event) is StreamEndEvent:
        return None
    open_: list = []                            # [container, key or _KEY or _SEQ, the keys' texts] per level
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise Unusual
            top = open_[-1] if open_ else None
            if top is not None and top[1] is _KEY:          # a key: its text once, then its value
                if event.value in top[2]:
                    raise Unusual                           # the checks word a repeated key
                top[2].add(event.value)
                key = _scalar(loader, event)
                if not isinstance(key, _HASHABLE):
                    raise Unusual
                top[1] = key
                continue
            value = _scalar(loader, event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(open_) >= depth \
                    or (open_ and open_[-1][1] is _KEY):
                raise Unusual
            open_.append([{}, _KEY, set()] if kind is MappingStartEvent else [[], _SEQ, None])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = open_.pop()[0]
        elif kind is DocumentEndEvent and not open_:
            break
        else:
            raise Unusual
        if not open_:
            root = value
            continue
        top = open_[-1]
        if top[1] is _SEQ:
            top[0].append(value)
        else:
            top[0][top[1]] = value
            top[1] = _KEY
    if type(get()) is not StreamEndEvent:
        raise Unusual                               # a second document: the composer words it
    return root


def _scalar(loader, event):
    """A plain scalar's value, as the loader's resolver and constructor give it."""
    text = event.value
    tag = loader.resolve(ScalarNode, text, event.implicit) if event.implicit[0] else _STR
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    method = _BUILT.get(tag)
    if method is None:
        raise Unusual
    try:
        return getattr(loader, method)(ScalarNode(tag, text, event.start_mark, event.end_mark))
    except Exception:
        raise Unusual from None


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


