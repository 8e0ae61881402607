"""Writes that lose nothing (issue 10, "data loss"): atomic, through symbolic
links, never onto an input, never over a pipe or device, every failure in
the user's words naming the user's path; writers of one workspace exclude
each other, and a kill at any moment leaves no torn file."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from planner import files
from planner.errors import PlannerError
from planner.resources import demo_dir, offerings_dir, policies_dir

REPO = Path(__file__).resolve().parents[1]
PERSON = "id: p1\nname: 张三\nspecialty: surveying\nrecords:\n  - {route: G, year: 2026, hours: 1, title: 第一}\n"


def ws(tmp_path, text=PERSON) -> Path:
    root = tmp_path / "ws"
    (root / "people").mkdir(parents=True)
    (root / "units").mkdir()
    (root / "people" / "p1.yaml").write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------- write_atomic

def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    files.write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"


def test_the_mode_of_the_replaced_file_is_kept(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    files.write_atomic(path, "new")
    assert (path.stat().st_mode & 0o777, path.read_text(encoding="utf-8")) == (0o600, "new")


def test_a_fifo_is_refused_not_opened(tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    with pytest.raises(PlannerError) as info:
        files.write_atomic(fifo, "x")
    assert str(info.value) == f"{fifo}: not a regular file (a pipe, device or socket): give a file name"
    assert fifo.is_fifo()


@pytest.mark.parametrize("make,words", [
    (lambda t: t / "missing" / "out.json", "the folder {parent} does not exist"),
    (lambda t: t / ("x" * 300 + ".json"), "the file name is too long"),
    (lambda t: t, "this is a folder, not a file"),
])
def test_path_errors_name_the_users_path(tmp_path, make, words):
    path = make(tmp_path)
    with pytest.raises(PlannerError) as info:
        files.write_atomic(path, "x")
    assert str(info.value) == f"{path}: " + words.format(parent=path.parent)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]     # no temporary file left


@pytest.mark.parametrize("code,words", [
    (errno.EACCES, "no permission to write into the folder {parent}"),
    (errno.EROFS, "the folder {parent} is on a read-only disk"),
    (errno.ENOSPC, "the disk is full"),
])
def test_a_folder_that_cannot_be_written(tmp_path, monkeypatch, code, words):
    # as root a read-only folder is still writable: the refusal is simulated where it happens
    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    path = tmp_path / "out.json"
    with pytest.raises(PlannerError) as info:
        files.write_atomic(path, "x", shown="out.json")
    assert str(info.value) == "out.json: " + words.format(parent=".")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_for_real(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    with pytest.raises(PlannerError) as info:
        files.write_atomic(folder / "x.json", "x")
    assert str(info.value) == f"{folder}/x.json: no permission to write into the folder {folder}"


# ---------------------------------------------------------------- --out onto an input

def test_out_onto_any_input_is_refused_and_the_input_kept(cli, tmp_path):
    root = ws(tmp_path)
    (root / "units" / "U1.yaml").write_text("id: U1\nname: 单位\n", encoding="utf-8")
    catalog = tmp_path / "cat.yaml"
    catalog.write_text((offerings_dir() / "2027.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    policy = tmp_path / "policy.yaml"
    policy.write_text(next(policies_dir().glob("*.yaml")).read_text(encoding="utf-8"), encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(root / "people" / "p1.yaml")
    common = ("--data", root, "--catalog", catalog, "--policy", policy, "--today", "2026-11-27")
    for target in (root / "people" / "p1.yaml", root / "units" / "U1.yaml", catalog, policy, link):
        before = target.read_bytes()
        for command in (("audit", "--person", "p1"), ("suggest", "--person", "p1", "--year", "2027"),
                        ("catalog", "--year", "2027")):
            code, out, err = cli(*command, *common, "--out", target, "--lang", "en")
            assert code == 2, (command, target, err)
            assert err.startswith(f"error: {target}: --out would overwrite "), err
            assert target.read_bytes() == before


def test_out_onto_the_bundled_catalogue_is_refused(cli, tmp_path):
    target = sorted(offerings_dir().glob("*.yaml"))[0]
    before = target.read_bytes()
    code, out, err = cli("audit", "--person", "demo", "--today", "2026-11-27", "--out", target)
    assert code == 2 and target.read_bytes() == before
    assert demo_dir().is_dir()


def test_record_add_refuses_out(cli, tmp_path):
    root = ws(tmp_path)
    code, out, err = cli("record", "add", "--data", root, "--person", "p1", "--route", "G", "--title", "二",
                         "--year", "2026", "--hours", "1", "--out", tmp_path / "x.txt", "--lang", "en")
    assert code == 2 and "--out is not used here" in err
    assert not (tmp_path / "x.txt").exists()
    assert (root / "people" / "p1.yaml").read_text(encoding="utf-8") == PERSON


def test_record_add_writes_digit_only_text_quoted(cli, tmp_path):
    root = ws(tmp_path)
    code, out, err = cli("record", "add", "--data", root, "--person", "p1", "--route", "G", "--title", "2026",
                         "--year", "2026", "--hours", "1", "--evidence", "2026001", "--note", "007")
    assert code == 0, err
    last = (root / "people" / "p1.yaml").read_text(encoding="utf-8").splitlines()[-1]
    assert last == '  - {route: G, title: "2026", year: 2026, hours: 1, evidence: "2026001", note: "007"}'
    code, out, err = cli("audit", "--person", "p1", "--data", root, "--today", "2026-11-27")
    assert code == 0, err


def test_record_add_through_a_symlinked_person_file(cli, tmp_path):
    root = ws(tmp_path)
    real = tmp_path / "elsewhere.yaml"
    (root / "people" / "p1.yaml").rename(real)
    (root / "people" / "p1.yaml").symlink_to(real)
    code, out, err = cli("record", "add", "--data", root, "--person", "p1", "--route", "G", "--title", "二",
                         "--year", "2026", "--hours", "1")
    assert code == 0, err
    assert (root / "people" / "p1.yaml").is_symlink()
    assert real.read_text(encoding="utf-8").endswith("  - {route: G, title: 二, year: 2026, hours: 1}\n")


def test_record_add_in_a_folder_it_cannot_write(cli, tmp_path, monkeypatch):
    root = ws(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    code, out, err = cli("record", "add", "--data", root, "--person", "p1", "--route", "G", "--title", "二",
                         "--year", "2026", "--hours", "1", "--lang", "en")
    assert code == 2
    assert err == f"error: {root}/people/p1.yaml: no permission to write into the folder {root}/people\n"


# ---------------------------------------------------------------- writers exclude each other

def _record_add(root: Path, title: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "planner", "record", "add", "--data", str(root), "--person", "p1", "--route", "G",
         "--title", title, "--year", "2026", "--hours", "1", "--quiet"],
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _titles(root: Path) -> list[str]:
    data = yaml.safe_load((root / "people" / "p1.yaml").read_text(encoding="utf-8"))
    return [r["title"] for r in data["records"]]


def test_concurrent_record_adds_lose_nothing(tmp_path):
    """Eight `record add` processes at once on one file: every record is there
    (without the lock, two that read the same text lose one of the two)."""
    root = ws(tmp_path)
    procs = [_record_add(root, f"并发{k}") for k in range(8)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    assert sorted(_titles(root)) == sorted(["第一"] + [f"并发{k}" for k in range(8)])


def test_writers_that_read_slowly_still_lose_nothing(tmp_path, monkeypatch, policy):
    """The same in one process, with the race made certain: every writer
    dawdles 0.2 s after its read, so without the lock all four would start
    from the same text and three records would be lost."""
    import threading

    from planner import recordadd
    root = ws(tmp_path)
    path = root / "people" / "p1.yaml"
    real_read = recordadd.read_bytes

    def slow_read(*args, **kwargs):
        data = real_read(*args, **kwargs)
        time.sleep(0.2)
        return data
    monkeypatch.setattr(recordadd, "read_bytes", slow_read)
    errors = []

    def write(k):
        try:
            recordadd.add_record(root, path, str(path), {"route": "G", "title": f"线程{k}", "year": "2026",
                                                          "hours": "1"}, policy)
        except Exception as err:       # noqa: BLE001 - reported below
            errors.append(err)
    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors
    assert sorted(_titles(root)) == sorted(["第一"] + [f"线程{k}" for k in range(4)])


def test_a_writer_waits_for_the_lock_and_gives_up_in_words(tmp_path):
    import threading
    root = ws(tmp_path)
    taken, done = threading.Event(), threading.Event()

    def other_writer():                                 # another writer (the lock is re-entrant in one thread)
        with files.workspace_lock(root):
            taken.set()
            done.wait(10)
    thread = threading.Thread(target=other_writer)
    thread.start()
    taken.wait(10)
    try:
        with pytest.raises(PlannerError) as info:
            with files.workspace_lock(root, wait=0.1):
                pass
    finally:
        done.set()
        thread.join()
    assert str(info.value).startswith(f"{root}/.planner.lock: another planner has been writing this workspace")
    with files.workspace_lock(root, wait=0.1):         # released: free again
        pass


def test_a_kill_at_any_moment_leaves_no_torn_file(tmp_path):
    """`record add` killed (SIGKILL) at 8 moments spread over its run: the
    person file is always the old file or the new one, never a part."""
    root = ws(tmp_path)
    rng = random.Random(10)                      # fixed: the same moments every run
    start = time.perf_counter()
    proc = _record_add(root, "计时")
    proc.communicate(timeout=120)
    span = time.perf_counter() - start
    (root / "people" / "p1.yaml").write_text(PERSON, encoding="utf-8")
    expected = len(_titles(root))
    for k in range(8):
        proc = _record_add(root, f"杀{k}")
        time.sleep(rng.uniform(0, span))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        titles = _titles(root)                   # parses: never torn
        assert titles[:expected] == _titles(root)[:expected]
        assert len(titles) in (expected, expected + 1) and (len(titles) == expected or titles[-1] == f"杀{k}")
        expected = len(titles)
    assert (root / "people" / "p1.yaml").read_text(encoding="utf-8").startswith(PERSON)


def test_a_locked_writer_removes_what_killed_writes_of_its_file_left(tmp_path):
    """A write killed between its temporary file and the rename leaves
    `.p1.yaml.XXXX.tmp`; the next writer of that file, holding the workspace
    lock, removes it. Another file's temporary file is not its business, and
    a writer without the lock (a report) removes nothing."""
    root = ws(tmp_path)
    people = root / "people"
    litter = [people / ".p1.yaml.k1ll3d.tmp", people / ".p1.yaml.0ther.tmp"]
    for path in litter:
        path.write_text("records: [", encoding="utf-8")
    foreign = people / ".p2.yaml.abcd.tmp"
    foreign.write_text("x", encoding="utf-8")
    report = tmp_path / "report.txt"
    report_litter = tmp_path / ".report.txt.dead.tmp"
    report_litter.write_text("x", encoding="utf-8")
    files.write_atomic(report, "unlocked")
    assert report_litter.exists()                  # no lock held: nobody can tell it is litter
    proc = _record_add(root, "清扫")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "清扫" in _titles(root)
    assert [p.exists() for p in litter] == [False, False]
    assert foreign.exists()
    assert sorted(p.name for p in people.glob(".*.tmp")) == [".p2.yaml.abcd.tmp"]
