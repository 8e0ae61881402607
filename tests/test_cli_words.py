"""Every word in the user's language: Chinese by default, English with --lang
en or an English locale; errors keep their place (file, line, record, field)
in both. And --out: the format from the file's extension, repeatable."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planner.cli import main

from .conftest import TODAY

EN_LOCALE = {"LANG": "en_US.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
ZH_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}


def run(*args, env=None):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env=env or ZH_LOCALE)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", [("--help",), ("audit", "--help")])
def test_help_chinese_by_default_english_by_flag_or_locale(args):
    code, zh, _ = run(*args)
    assert code == 0 and "用法:" in zh and "显示本帮助并退出。" in zh and "Usage:" not in zh
    for en in (run(*args, "--lang", "en")[1], run(*args, env=EN_LOCALE)[1]):
        assert "Usage:" in en and "Show this message and exit." in en and "用法" not in en


def test_audit_help_lists_its_options_in_chinese():
    _, out, _ = run("audit", "--help")
    assert "人员编号（工作区中的 people/<ID>.yaml）。" in out and "输出语言" in out


def test_unknown_person_in_both_languages(workspace):
    root = workspace({"p1": "id: p1\nname: 张三\nspecialty: 测绘\n"})
    code, _, err = run("audit", "--person", "p9", "--data", root)
    assert (code, err) == (2, f"错误：工作区 {root} 中没有人员“p9”（已有：p1）\n")
    code, _, err = run("audit", "--person", "p9", "--data", root, "--lang", "en")
    assert (code, err) == (2, f"error: unknown person 'p9' in {root} (known: p1)\n")
    code, _, err = run("audit", "--person", "p9", "--data", root, env=EN_LOCALE)
    assert err.startswith("error: unknown person 'p9'")


def test_yaml_error_keeps_its_place_in_both_languages(workspace):
    root = workspace({"p1": "id: p1\nname: 张三\nspecialty: surveying\nrecords:\n"
                            "  - {route: G, year: 2026, hours: abc, title: 公需课}\n"})
    _, _, zh = run("audit", "--person", "p1", "--data", root)
    _, _, en = run("audit", "--person", "p1", "--data", root, "--lang", "en")
    path = f"{root}/people/p1.yaml"
    assert zh == f"错误：{path} 第5行，第1条记录（公需课），字段 hours：应为数字，实际为 'abc'\n"
    assert en == f"error: {path}, line 5: record 1 (公需课): field 'hours': expected a number, got 'abc'\n"
    root2 = workspace({"p1": "id: p1\nrecords: [\n"})
    _, _, zh = run("audit", "--person", "p1", "--data", root2)
    assert zh.startswith(f"错误：{root2}/people/p1.yaml 第3行：YAML 语法错误（")


def test_record_add_speaks_both_languages_and_counts_from_1(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    path = root / "people" / "P1.yaml"
    path.write_text("id: P1\nname: 张三\nspecialty: 测绘地理信息\nrecords:\n", encoding="utf-8")
    code, out, err = run("record", "add", "--data", root, "--person", "P1", "--route", "C5", "--title", "论文",
                         "--year", 2026, "--venue", "核心期刊", "--rank", 2)
    assert code == 0, err
    assert out == f"已在 {path} 追加第1条记录：论文（C5，6.4学时）\n"
    code, out, err = run("record", "add", "--data", root, "--person", "P1", "--route", "G", "--title", "公需课",
                         "--year", 2026, "--hours", 6, "--lang", "en")
    assert out == f"added record 2 to {path}: 公需课 (G, 6 h)\n"
    code, out, _ = run("record", "add", "--data", root, "--person", "P1", "--route", "G", "--title", "公需课二",
                       "--year", 2026, "--hours", 6, "--format", "json")
    assert json.loads(out)["index"] == 2          # the JSON index stays 0-based (contract)


def test_click_usage_errors_are_chinese_too():
    code, _, err = run("audit", "--nope")
    assert code == 2 and "错误：没有选项 '--nope'。" in err
    code, _, err = run("audit", "--nope", "--lang", "en")
    assert "No such option: --nope" in err or "No such option '--nope'" in err


def test_activity_fields_are_the_models(policy):
    from planner.commands._activity import FIELDS
    from planner.models.activity import Activity
    from planner.models.base import field_names
    assert FIELDS == tuple(n for n in field_names(Activity) if n not in ("route", "title"))


# commands whose help is still their own English text (click shows it as given):
# reviewed, to be moved into the catalogues by their owners
NOT_YET: set[str] = set()


def test_every_option_has_help_in_both_languages():
    import click
    from planner.commands.words import option_help
    from planner.i18n import messages

    def walk(cmd, key):
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                for lang in ("zh", "en"):
                    assert option_help(key, param.name, lang), (key, param.name, lang)
        for name, sub in getattr(cmd, "commands", {}).items():
            if name in NOT_YET:
                continue
            sub_key = f"{key} {name}".strip() if key != "main" else name
            for lang in ("zh", "en"):
                assert sub_key in messages(lang)["help"]["commands"], (sub_key, lang)
            walk(sub, sub_key)
    walk(main, "main")


# ---------------------------------------------------------------- --out

def test_out_repeated_writes_each_format_from_its_extension(tmp_path):
    outs = [tmp_path / n for n in ("a.json", "a.md", "a.html", "a.txt")]
    code, out, err = run("audit", "--person", "demo", "--today", TODAY, *sum((["--out", p] for p in outs), []))
    assert code == 0, err
    assert out == ""
    assert json.loads(outs[0].read_text(encoding="utf-8"))["person"] == "demo"
    assert outs[1].read_text(encoding="utf-8").startswith("#")
    assert outs[2].read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "继续教育学时核查" in outs[3].read_text(encoding="utf-8")
    assert err.count("已写入：") == 4
    single = tmp_path / "b.json"
    run("audit", "--person", "demo", "--today", TODAY, "--format", "json", "--out", single)
    assert single.read_bytes() == outs[0].read_bytes()


def test_out_contradicting_format_is_bad_input(tmp_path):
    code, _, err = run("audit", "--person", "demo", "--format", "json", "--out", tmp_path / "x.html", "--lang", "en")
    assert code == 2
    assert "--out" in err and "contradicts --format json" in err
    assert not (tmp_path / "x.html").exists()


def test_out_of_a_format_the_command_does_not_write(tmp_path):
    code, _, err = run("people", "--out", tmp_path / "x.ics", "--lang", "en")
    assert code == 2 and "this command does not write ics" in err


def test_out_with_an_unknown_extension_uses_format(tmp_path):
    path = tmp_path / "report.out"
    code, _, err = run("audit", "--person", "demo", "--today", TODAY, "--format", "json", "--out", path)
    assert code == 0, err
    assert json.loads(path.read_text(encoding="utf-8"))["person"] == "demo"


def test_resolve_targets_unit():
    from planner.commands.session import resolve_targets, Target
    from planner.errors import PlannerError
    from pathlib import Path
    allowed = ("text", "json", "md", "html", "ics", "xlsx")
    assert resolve_targets((), None, allowed) == [Target(None, "text")]
    assert resolve_targets(("P.XLSX", "p.csv.txt"), None, allowed) == [Target(Path("P.XLSX"), "xlsx"),
                                                                        Target(Path("p.csv.txt"), "text")]
    with pytest.raises(PlannerError):
        resolve_targets((), "xlsx", allowed)          # a workbook is not for the terminal


def test_batch_speaks_the_locale_or_lang(tmp_path):
    missing = tmp_path / "none.sqlite"
    code, _, err = run("batch", "report", missing, "--out", tmp_path / "p.html")
    assert code == 2 and err == f"错误：{missing}：找不到结果数据库\n"
    code, _, err = run("batch", "report", missing, "--out", tmp_path / "p.html", env=EN_LOCALE)
    assert code == 2 and err == f"error: {missing}: results database not found\n"
    code, _, err = run("batch", "audit", "--data", tmp_path, "--out", tmp_path / "r.txt", "--lang", "en")
    assert code == 2 and err == f"error: {tmp_path / 'r.txt'}: --out must name a sqlite database (.sqlite)\n"
