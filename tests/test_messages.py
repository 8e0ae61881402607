"""The message catalogues: no key written twice, and English has every key
Chinese has (and no other)."""
from __future__ import annotations

import yaml

from planner import resources


class _StrictLoader(yaml.SafeLoader):
    pass


def _mapping(loader, node, deep=False):
    keys = [loader.construct_object(k) for k, _ in node.value]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"keys written twice (the first is silently lost): {repeated}"
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load(lang):
    path = resources.templates_dir() / "messages" / f"{lang}.yaml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)


def _keys(data, prefix=""):
    out = set()
    for key, value in data.items():
        out.add(prefix + str(key))
        if isinstance(value, dict):
            out |= _keys(value, f"{prefix}{key}.")
    return out


def test_no_key_is_written_twice():
    for lang in ("zh", "en"):
        assert _load(lang)


def test_both_languages_have_the_same_keys():
    assert _keys(_load("zh")) == _keys(_load("en"))
