"""An import is all or nothing across its files, even when killed (issue 10:
"a kill during its renames left 1 to 46 of 1,510 files updated and up to
1,509 temporary files behind"). The process is killed at every write step
in turn, and at random moments of a real import; after each kill, the next
reader sees all the old files or all the new ones, and nothing else is left."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from planner import fileset
from planner.files import WORKSPACE_LOCK

REPO = Path(__file__).resolve().parent.parent

STAFF = 40


def roster_csv(path: Path, hours: int) -> Path:
    lines = ["工号,姓名,部门,专业,A类,公需科目"]
    lines += [f"P{n:03d},员工{n},测绘科,marine,{hours},18" for n in range(STAFF)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under the workspace (hidden ones included, but for the
    workspace's lock file, which stays by design), by relative path."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != WORKSPACE_LOCK}


def import_cmd(roster: Path, root: Path) -> list[str]:
    return [sys.executable, "-m", "planner", "import", str(roster), "--unit", "U1", "--data", str(root),
            "--year", "2026", "-q"]


@pytest.fixture
def states(tmp_path):
    """A workspace holding the first import (old), and the bytes a second import gives (new)."""
    old_root = tmp_path / "old"
    (old_root / "people").mkdir(parents=True)
    subprocess.run(import_cmd(roster_csv(tmp_path / "r1.csv", 12), old_root), cwd=REPO, check=True,
                   capture_output=True)
    new_root = tmp_path / "new"
    shutil.copytree(old_root, new_root)
    second = roster_csv(tmp_path / "r2.csv", 20)
    subprocess.run(import_cmd(second, new_root), cwd=REPO, check=True, capture_output=True)
    old, new = snapshot(old_root), snapshot(new_root)
    assert old != new and old.keys() == new.keys()
    return old_root, second, old, new


def settle(root: Path, old: dict, new: dict) -> str:
    """Recover as the next reader does; the workspace is then exactly old or exactly new."""
    fileset.recover(root)
    now = snapshot(root)
    assert now in (old, new), sorted(k for k in now if now[k] != old.get(k) and now[k] != new.get(k))
    return "old" if now == old else "new"


KILLER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, os.getcwd())
    step, kind = int(sys.argv[1]), sys.argv[2]
    real = getattr(os, kind)
    calls = [0]
    def dying(*args, **kwargs):
        if calls[0] == step:
            os._exit(9)                       # a kill: no cleanup, no finally
        calls[0] += 1
        return real(*args, **kwargs)
    setattr(os, kind, dying)
    from planner.cli import main
    main(sys.argv[3:])
""")


def test_a_kill_at_every_write_step_leaves_all_old_or_all_new(tmp_path, states):
    old_root, roster, old, new = states
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    seen = []
    # fsync: one per staged file (40), the journal folder, the manifest, then the renames' folders;
    # replace: the manifest's own rename first, then one per file
    for kind, steps in (("fsync", (0, 20, STAFF - 1, STAFF, STAFF + 1, STAFF + 2)), ("replace", (0, 1, 20, STAFF))):
        for step in steps:
            root = tmp_path / f"run-{kind}-{step}"
            shutil.copytree(old_root, root)
            args = import_cmd(roster, root)[3:]
            done = subprocess.run([sys.executable, str(script), str(step), kind, *args], cwd=REPO,
                                  capture_output=True, timeout=120,
                                  env={**os.environ, "PLANNER_CACHE": "off"})    # count the workspace's writes only
            assert done.returncode in (0, 9), done.stderr.decode()
            seen.append((kind, step, done.returncode, settle(root, old, new)))
            shutil.rmtree(root)
    # killed before the manifest is in place: all old; after it: all new (finished by the reader)
    assert [(kind, step, state) for kind, step, _, state in seen] == [
        ("fsync", 0, "old"), ("fsync", 20, "old"), ("fsync", STAFF - 1, "old"), ("fsync", STAFF, "old"),
        ("fsync", STAFF + 1, "old"), ("fsync", STAFF + 2, "new"),
        ("replace", 0, "old"), ("replace", 1, "new"), ("replace", 20, "new"), ("replace", STAFF, "new")]
    assert all(code == 9 for _, _, code, _ in seen)


def test_random_kills_of_a_real_import(tmp_path, states):
    old_root, roster, old, new = states
    rng = random.Random(20261201)                 # fixed: the same moments every run
    outcomes = []
    for trial in range(4):
        root = tmp_path / f"kill-{trial}"
        shutil.copytree(old_root, root)
        proc = subprocess.Popen(import_cmd(roster, root), cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        outcomes.append(settle(root, old, new))
        shutil.rmtree(root)
    assert set(outcomes) <= {"old", "new"}


def test_write_all_replaces_every_file_or_none(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "people" / "a.yaml").write_bytes(b"old a")
    writes = {root / "people" / "a.yaml": b"new a", root / "units" / "u.yaml": b"new u"}
    fileset.write_all(root, writes)
    assert snapshot(root) == {"people/a.yaml": b"new a", "units/u.yaml": b"new u"}

    def refuse():
        raise RuntimeError("changed meanwhile")
    with pytest.raises(RuntimeError):
        fileset.write_all(root, {root / "people" / "a.yaml": b"newer"}, after_lock=refuse)
    assert snapshot(root) == {"people/a.yaml": b"new a", "units/u.yaml": b"new u"}


def test_a_symlinked_person_file_is_written_through(tmp_path):
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    real = root / "real.yaml"
    real.write_bytes(b"old")
    os.symlink(real, root / "people" / "p.yaml")
    fileset.write_all(root, {root / "people" / "p.yaml": b"new"})
    assert (root / "people" / "p.yaml").is_symlink() and real.read_bytes() == b"new"


def test_a_writer_holding_the_lock_finishes_an_interrupted_import_when_it_reads(tmp_path, policy):
    """A committed journal left by a kill is rolled forward by the next load,
    even one made by a writer that already holds the workspace lock."""
    import json
    from planner.files import workspace_lock
    from planner.workspace import load_workspace
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    journal = root / fileset.JOURNAL
    journal.mkdir()
    (journal / "0.new").write_text("id: p\nname: 甲\nspecialty: marine\n", encoding="utf-8")
    (journal / fileset.MANIFEST).write_text(json.dumps([["0.new", "people/p.yaml"]]), encoding="utf-8")
    with workspace_lock(root, wait=0.5):
        space = load_workspace(root, policy)
    assert list(space.people) == ["p"] and not journal.exists()
    # a journal without its manifest was cut short before the decision: undone
    journal.mkdir()
    (journal / "0.new").write_text("id: q\nname: 乙\nspecialty: marine\n", encoding="utf-8")
    assert list(load_workspace(root, policy).people) == ["p"] and not journal.exists()
