"""`planner config` and the remembered workspace: each setting comes from
the flag, PLANNER_DATA, a planner.toml (here or in a parent folder), the
locale, or the bundled default, and says which."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner import resources
from planner.cli import main

from .conftest import TODAY, dedent

NO_SETTINGS = {"LANG": "zh_CN.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "PLANNER_DATA": None}


def run(*args, env=None):
    merged = dict(NO_SETTINGS, **(env or {}))
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=merged)
    return result.exit_code, result.stdout, result.stderr


def settings(*args, env=None) -> dict:
    code, out, err = run("config", "--format", "json", *args, env=env)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty folder with no planner.toml above it, as the current folder."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def made_by_init(tmp_path) -> Path:
    root = tmp_path / "测绘院"
    code, out, err = run("init", root, "--unit", "U-CH")
    assert code == 0, err
    (root / "people" / "P1.yaml").write_text(dedent("""
        id: P1
        name: 林晓
        specialty: 测绘地理信息
        unit: U-CH
        records: []
        """), encoding="utf-8")
    return root


def test_bundled_defaults_when_nothing_is_set(elsewhere):
    got = settings()
    assert got["data"] == {"value": str(resources.demo_dir().resolve()), "source": "default",
                           "where": None, "exists": True}
    assert got["catalog"] == {"value": str(resources.offerings_dir().resolve()), "source": "default",
                              "where": None, "exists": True}
    assert got["policy"]["source"] == "default"
    assert got["policy"]["value"].endswith("zhejiang-natural-resources-2021.yaml")
    assert got["lang"] == {"value": "zh", "source": "locale", "where": "LANG=zh_CN.UTF-8"}


def test_flag(elsewhere, tmp_path):
    (tmp_path / "ws").mkdir()
    got = settings("--data", tmp_path / "ws", "--lang", "en", env={"PLANNER_DATA": str(tmp_path)})
    assert got["data"] == {"value": str(tmp_path / "ws"), "source": "flag", "where": "--data", "exists": True}
    assert got["lang"] == {"value": "en", "source": "flag", "where": "--lang"}


def test_planner_data_variable(elsewhere, tmp_path):
    got = settings(env={"PLANNER_DATA": str(tmp_path / "nowhere")})
    assert got["data"] == {"value": str(tmp_path / "nowhere"), "source": "env", "where": "PLANNER_DATA",
                           "exists": False}


def test_planner_toml_here_and_in_a_parent(tmp_path, monkeypatch):
    root = made_by_init(tmp_path)
    toml = str((root / "planner.toml").resolve())
    for folder in (root, root / "people"):
        monkeypatch.chdir(folder)
        got = settings()
        assert got["data"] == {"value": str(root.resolve()), "source": "file", "where": toml, "exists": True}
        assert got["policy"]["source"] == "file" and got["policy"]["where"] == toml
        assert got["lang"] == {"value": "zh", "source": "file", "where": toml}
    # the variable comes before the file
    assert settings(env={"PLANNER_DATA": str(tmp_path)})["data"]["source"] == "env"


def test_locale_order_and_no_locale(elsewhere):
    got = settings(env={"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"})
    assert got["lang"] == {"value": "en", "source": "locale", "where": "LC_ALL=en_GB.UTF-8"}
    got = settings(env={"LANG": None})
    assert got["lang"] == {"value": "zh", "source": "locale", "where": None}


def test_text_in_both_languages(tmp_path, monkeypatch):
    root = made_by_init(tmp_path)
    monkeypatch.chdir(root / "units")
    toml = (root / "planner.toml").resolve()
    code, out, _ = run("config")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "生效的设置"
    assert lines[1] == f"工作区：{root.resolve()}"
    assert lines[2] == f"  来源：planner.toml（{toml}）"
    assert lines[3] == f"课程目录：{resources.offerings_dir().resolve()}"
    assert lines[4] == "  来源：内置示例课程目录"
    assert lines[7:] == ["语言：zh", f"  来源：planner.toml（{toml}）"]
    code, out, _ = run("config", "--lang", "en", "--data", "nowhere", env={"LANG": None})
    lines = out.splitlines()
    assert lines[0] == "Settings in effect"
    assert lines[1] == f"workspace: {(root / 'units' / 'nowhere').resolve()} (does not exist)"
    assert lines[2] == "  from: the flag --data"
    assert lines[7:] == ["language: en", "  from: the flag --lang"]


def test_demo_source_is_worded(elsewhere):
    _, out, _ = run("config", env={"LANG": None})
    assert out.splitlines()[2] == "  来源：内置示例工作区（可用 --data、PLANNER_DATA 或 planner init 指定自己的工作区）"
    assert out.splitlines()[-1] == "  来源：未设区域设置，默认中文"


def test_people_reads_the_init_workspace_with_no_flag(tmp_path, monkeypatch):
    root = made_by_init(tmp_path)
    for folder in (root, root / "units"):
        monkeypatch.chdir(folder)
        code, out, err = run("people", "--format", "json", "--today", TODAY)
        assert code == 0, err
        assert [p["id"] for p in json.loads(out)["people"]] == ["P1"]
        assert "内置示例" not in err               # no demo notice: the workspace is the user's
    monkeypatch.chdir(tmp_path)                      # outside it: the demo, with its notice
    code, out, err = run("people", "--format", "json", "--today", TODAY)
    assert [p["id"] for p in json.loads(out)["people"]][:2] == ["HZ01", "HZ02"]
    assert "使用内置示例工作区" in err
