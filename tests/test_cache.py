"""The cache of validated catalogues and message catalogues (planner/cache.py,
planner/catalog_cache.py): read once, never stale, safe to damage or delete,
and the output is the same byte for byte with and without it."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from planner import cache, resources, yamlio
from planner.cli import main
from planner.workspace import load_catalog

from .conftest import TODAY

CATALOG = """offerings:
  - {id: G-1, route: G, title: 公需课, year: 2027, hours: 8, fee: 20}
  - {id: B3-1, route: B3, title: 年会, start: 2027-05-10, end: 2027-05-11, kind: 学术会议, society: 测绘学会}
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache folder of this test's own."""
    root = tmp_path / "cache"
    monkeypatch.setenv("PLANNER_CACHE", str(root))
    return root


@pytest.fixture
def catalog_file(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def entries(root):
    return sorted(p.name.split("-")[0] for p in root.glob("*.json"))


def no_yaml(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("YAML parsed")
    monkeypatch.setattr(yamlio, "loads", refuse)


def test_a_second_load_parses_no_yaml(folder, catalog_file, policy, monkeypatch):
    first = load_catalog(catalog_file, policy)
    assert entries(folder).count("catalog") == 1
    no_yaml(monkeypatch)
    second = load_catalog(catalog_file, policy)
    assert second == first and second is not first
    assert [o.id for o in second.offerings] == ["G-1", "B3-1"]
    assert second.offerings[0].hours == 80 and second.offerings[0].fee == 2000
    assert str(second.offerings[1].first_day) == "2027-05-10" and second.offerings[1].society == "surveying"
    assert second.sources == {"G-1": str(catalog_file), "B3-1": str(catalog_file)}
    assert [vars(o) for o in second.offerings] == [vars(o) for o in first.offerings]


def test_one_byte_changed_is_read_anew(folder, catalog_file, policy):
    load_catalog(catalog_file, policy)
    catalog_file.write_text(CATALOG.replace("hours: 8", "hours: 9"), encoding="utf-8")
    assert load_catalog(catalog_file, policy).offerings[0].hours == 90
    assert entries(folder) == ["catalog"]          # its own entry rewritten, the folder does not grow


def test_an_invalid_catalogue_is_never_cached(folder, catalog_file, policy):
    from planner.errors import PlannerError
    catalog_file.write_text(CATALOG.replace("hours: 8", "hours: -8"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PlannerError):
            load_catalog(catalog_file, policy)
    assert "catalog" not in entries(folder)


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"kind": "catalog", "digest": "0", "value": []}',
                                    b"\x00\xff" * 100])
def test_a_damaged_or_foreign_entry_is_ignored_and_replaced(folder, catalog_file, policy, monkeypatch, damage):
    first = load_catalog(catalog_file, policy)
    (entry,) = folder.glob("catalog-*.json")
    good = entry.read_bytes()
    entry.write_bytes(damage)
    assert load_catalog(catalog_file, policy) == first
    assert entry.read_bytes() == good               # replaced whole
    no_yaml(monkeypatch)
    assert load_catalog(catalog_file, policy) == first


def test_deleting_the_folder_is_fine(folder, catalog_file, policy):
    first = load_catalog(catalog_file, policy)
    shutil.rmtree(folder)
    assert load_catalog(catalog_file, policy) == first
    assert entries(folder).count("catalog") == 1


def test_turned_off_writes_nothing(tmp_path, catalog_file, policy, monkeypatch):
    monkeypatch.setenv("PLANNER_CACHE", "off")
    assert cache.folder() is None
    assert len(load_catalog(catalog_file, policy).offerings) == 2
    monkeypatch.delenv("PLANNER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "planner"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.folder() == tmp_path / "home" / ".cache" / "planner"


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path, catalog_file, policy, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PLANNER_CACHE", str(blocker / "cache"))
    assert len(load_catalog(catalog_file, policy).offerings) == 2


def test_the_key_holds_the_policy(folder, catalog_file, policy):
    """Another policy (here: other aliases) is another validation: never the stored one."""
    from planner.catalog_cache import made_from
    files = [(str(catalog_file), CATALOG)]
    other = policy.replace(name=policy.name + " (edited)")
    assert made_from(files, policy) != made_from(files, other)
    assert made_from(files, policy) != made_from([("other.yaml", CATALOG)], policy)


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                                env={"LANG": "C.UTF-8", "LC_ALL": None, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.parametrize("args", [("suggest", "--person", "demo", "--format", "json"),
                                  ("suggest", "--person", "demo"),
                                  ("catalog", "--format", "json"), ("suggest", "--person", "demo", "--format", "md")])
def test_same_bytes_with_and_without_the_cache(folder, args):
    demo = resources.demo_dir()
    before = sorted(p.relative_to(demo) for p in demo.rglob("*"))
    off = run(*args, "--today", TODAY, env={"PLANNER_CACHE": "off"})
    cold = run(*args, "--today", TODAY)
    assert "catalog" in entries(folder)
    warm = run(*args, "--today", TODAY)
    assert off == cold == warm
    assert sorted(p.relative_to(demo) for p in demo.rglob("*")) == before     # nothing written into the demo


def test_message_catalogue_from_the_cache(folder, monkeypatch):
    from planner import i18n
    i18n.messages.cache_clear()
    try:
        first = i18n.messages("en")
        (entry,) = folder.glob("messages-*.json")
        assert json.loads(entry.read_bytes())["value"] == dict(first)
        i18n.messages.cache_clear()
        import yaml
        monkeypatch.setattr(yaml, "load", lambda *a, **k: pytest.fail("YAML parsed"))
        assert i18n.messages("en") == first
    finally:
        i18n.messages.cache_clear()


PERSON = "id: p1\nname: 张三\nspecialty: 测绘\nspecialty_since: {2024-01-01: surveying}\nrecords:\n" \
         "  - {route: G, year: 2026, hours: 6, title: 公需课}\n"


def test_a_workspace_is_read_once(folder, workspace, policy, monkeypatch):
    from planner.workspace import load_workspace
    root = workspace({"p1": PERSON})
    first = load_workspace(root, policy)
    assert "workspace" in entries(folder)
    no_yaml(monkeypatch)
    second = load_workspace(root, policy)
    assert second == first and second.files["p1"].person is not first.files["p1"].person
    person = second.person("p1")
    assert person.records[0].hours == 60 and person.specialty == "surveying"
    assert second.files["p1"].encoding == first.files["p1"].encoding and second.units == first.units


def test_a_person_file_changed_is_read_anew(folder, workspace, policy):
    from planner.workspace import load_workspace
    root = workspace({"p1": PERSON})
    load_workspace(root, policy)
    (root / "people" / "p1.yaml").write_text(PERSON.replace("hours: 6", "hours: 7"), encoding="utf-8")
    assert load_workspace(root, policy).person("p1").records[0].hours == 70
    (root / "people" / "p2.yaml").write_text(PERSON.replace("p1", "p2"), encoding="utf-8")
    assert sorted(load_workspace(root, policy).files) == ["p1", "p2"]


def test_a_bad_workspace_is_never_cached(folder, workspace, policy):
    from planner.errors import PlannerError
    from planner.workspace import load_workspace
    root = workspace({"p1": PERSON.replace("hours: 6", "hours: abc")})
    for _ in range(2):
        with pytest.raises(PlannerError, match="hours"):
            load_workspace(root, policy)
    assert "workspace" not in entries(folder)


def test_a_policy_is_read_once(folder, monkeypatch):
    from planner.policy import default_policy_path, load_policy
    first = load_policy(default_policy_path())
    assert "policy" in entries(folder)
    no_yaml(monkeypatch)
    second = load_policy(default_policy_path())
    assert second == first and second is not first
    assert second.routes["C5"].credit == first.routes["C5"].credit and second.vocab_index == first.vocab_index


def test_only_the_models_are_rebuilt():
    """An entry naming anything but a planner model rebuilds nothing."""
    from planner import stored
    assert stored.rebuild({"$m": "Path", "s": [], "v": {}}) is None
    assert stored.rebuild({"$m": "os", "s": [], "v": {}}) is None
    assert stored.keep({"a": object()}) is None
