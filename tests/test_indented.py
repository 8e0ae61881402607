"""render/indented.py: the bytes of json.dumps(ensure_ascii=False, indent=2),
for any JSON value, and for the long lists of flat records it speeds up."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.render.indented import dumps

TEXT = st.text(alphabet=st.sampled_from(list('ab{}[]:,"\\\n\x00\x01 中文\u2028')), max_size=6)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 20, 10 ** 20),
                   st.floats(allow_nan=True, allow_infinity=True), TEXT)
FLAT = st.dictionaries(TEXT, SCALAR, min_size=1, max_size=5)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.lists(FLAT, min_size=2, max_size=5),
    st.dictionaries(TEXT, inner, max_size=4), st.lists(inner, max_size=3).map(tuple)), max_leaves=30)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(VALUE)
def test_the_same_bytes_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_records_fields_and_what_it_leaves_to_json(monkeypatch):
    from planner.render import indented
    fast = []
    real = indented._rows
    monkeypatch.setattr(indented, "_rows", lambda rows, pad: fast.append(len(rows)) or real(rows, pad))
    rows = [{"id": "A}\x00{", "n": 1, "x": 1.5, "ok": True, "none": None}, {"id": "中", "n": -2}]
    doc = {"rows": rows, "nested": [rows, []], "empty": {}, "keys": {"1": [{"a": 1}]}}
    assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
    assert fast == [2, 2]                            # the records went the C encoder's way
    assert dumps(rows).count("\n") == 12            # every field on its own line
    for other in ({1: "int key"}, {"set": {1}}, [{"a": 1}, {"b": object}]):
        try:
            expected = json.dumps(other, ensure_ascii=False, indent=2)
        except TypeError as err:
            expected = type(err)
        try:
            got = dumps(other)
        except TypeError as err:
            got = type(err)
        assert got == expected
