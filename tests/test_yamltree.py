"""yamltree's shortcuts give exactly what the long way gives: the depth bound
never passes a text that nests deeper than it says, and the direct tree
builder returns the same objects (or raises the same error) as PyYAML's
constructor with the house checks, on every YAML file of the repository and
on random texts made of YAML's structure characters."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from planner import yamlio, yamltree
from planner.errors import PlannerError

ROOT = Path(__file__).resolve().parent.parent
STRUCTURE = st.text(alphabet="[]{}-?:,&*!<#'\"|> \t\n\rab1", max_size=60)


def _depth(text: str) -> int:
    """The deepest nesting the pure parser reaches before the end or an error."""
    depth = deepest = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return deepest


def _long_way(text: str):
    try:
        return ("ok", yaml.load(text, Loader=yamlio._Loader))
    except (yaml.YAMLError, PlannerError) as err:
        return ("error", type(err).__name__, str(err))


def _short_way(text: str):
    """The shortcut's answer; where it gives up (`Unusual`), the long way's,
    as yamlio.loads then takes it; a syntax error must be one for both."""
    try:
        return ("ok", yamltree.load(text, yamlio._Loader, yamlio.MAX_DEPTH))
    except yamltree.Unusual:
        return _long_way(text)
    except yaml.YAMLError as err:
        long = _long_way(text)
        return long if long[0] == "error" and long[1] != "PlannerError" else ("error", "shortcut", str(err))


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(STRUCTURE, st.integers(min_value=1, max_value=6))
def test_the_bound_never_passes_a_deeper_text(text, limit):
    if yamltree.surely_shallow(text, limit):
        assert _depth(text) <= limit


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(STRUCTURE)
def test_random_texts_load_the_same_both_ways(text):
    assert _short_way(text) == _long_way(text)


@pytest.mark.parametrize("text, deep", [
    ("- - - - a", 4), ("a:\n  b:\n    c:\n    - d", 4), ("[[[[a]]]]", 4), ("[a: [b: c]]", 4),
    ("? a: b\n: c", 2), ("a:\n- b\n- c: d", 3), ("[ #]\n" * 10 + "a" + "]" * 10, 10)])
def test_the_bound_covers_the_shapes_that_nest(text, deep):
    assert _depth(text) == deep
    assert not yamltree.surely_shallow(text, deep - 1)


def test_a_person_file_is_surely_shallow_and_a_deep_one_is_counted():
    text = (ROOT / "catalog/demo/people").glob("*.yaml")
    for path in text:
        assert yamltree.surely_shallow(path.read_text(encoding="utf-8"), yamlio.MAX_DEPTH)
    with pytest.raises(PlannerError, match="24"):
        yamlio.loads("a: " + "[" * 30 + "]" * 30, "deep.yaml")
    with pytest.raises(PlannerError, match="24"):
        yamlio.loads("".join("  " * k + f"k{k}:\n" for k in range(30)) + "  " * 30 + "v", "deep.yaml")


def test_every_yaml_file_of_the_repository_loads_the_same_both_ways():
    paths = [p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and p.suffix in (".yaml", ".yml")]
    assert len(paths) > 20
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        assert _short_way(text) == _long_way(text), path


def test_the_files_people_write_take_the_shortcut():
    """The demo's person, unit and catalogue files and the bundled policies
    are plain: the shortcut reads every one of them itself."""
    paths = sorted((ROOT / "catalog").rglob("*.yaml"))
    assert len(paths) > 10
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        assert yamltree.load(text, yamlio._Loader, yamlio.MAX_DEPTH) == yaml.load(text, Loader=yamlio._Loader), path


@pytest.mark.parametrize("text", [
    "a: &x 1\n", "a: !!str 1\n", "a: 1\na: 2\n", "? [a]\n: b\n", "a: 1\n---\nb: 2\n", "<<: {a: 1}\n",
    "n: " + "9" * 41 + "\n", "a: " + "[" * 25 + "]" * 25 + "\n", "a: =\n"])
def test_the_shortcut_gives_up_on_what_it_does_not_read(text):
    """An anchor, a tag, a repeated or complex key, a second document, a
    merge key, an integer the checks refuse, nesting past the limit, the
    `=` value: each is left to the long way, which words its errors."""
    with pytest.raises(yamltree.Unusual):
        yamltree.load(text, yamlio._Loader, 24)


def test_the_shortcut_reads_null_keys_nested_lists_and_an_empty_text():
    assert yamltree.load("~: [1, [2, {b: null}]]\n'': x\n", yamlio._Loader, 24) == {
        None: [1, [2, {"b": None}]], "": "x"}
    assert yamltree.load("", yamlio._Loader, 24) is None
    assert yamltree.load("a: [[[1]]]", yamlio._Loader, 4) == {"a": [[[1]]]}
    with pytest.raises(yamltree.Unusual):
        yamltree.load("a: [[[1]]]", yamlio._Loader, 3)


def test_an_alias_keeps_its_shared_object_and_the_checks_keep_their_words():
    data = yamlio.loads("a: &x [1, 2]\nb: *x\n", "x.yaml")
    assert data == {"a": [1, 2], "b": [1, 2]} and data["a"] is data["b"]
    assert yamlio.loads("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", "x.yaml")["other"] == {"x": 1, "y": 2}
    with pytest.raises(PlannerError, match=r"the key `t` is given twice \(lines 1 and 2\)"):
        yamlio.loads("t: 1\nt: 2\n", "x.yaml")
    with pytest.raises(PlannerError, match="has 41 digits"):
        yamlio.loads("n: " + "9" * 41 + "\n", "x.yaml")
    assert yamlio.loads("n: " + "9" * 40 + "\nf: 1.5\nb: yes\nz: ~\ns: '1'\n", "x.yaml") == {
        "n": int("9" * 40), "f": 1.5, "b": True, "z": None, "s": "1"}
