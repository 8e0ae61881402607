"""The house rules of planner/, measured from the source itself (README,
"Layout"): no source file over 400 lines, no function over 60 lines, no
import circle, and every import runs downward through the layers

    cli -> commands/ (web/ and batch/ beside it) -> render/ -> unit/ -> plan/
        -> input -> rules -> ground

Imports inside functions count as much as those at the top: a lazy import
still ties the two files together.
"""
from __future__ import annotations

import ast
from pathlib import Path

import planner

ROOT = Path(planner.__file__).parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60

# The layer of every module, lowest first. A folder is one entry (every file
# in it shares the layer); a file at the root is named on its own, so that a
# new module has to be given its place here.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("ground", ("__init__", "tenths", "errors", "i18n", "resources", "progress", "pipes", "files", "fileset",
                "bounds", "cache", "started",
                "limits", "config", "fingerprint", "vocab", "yamltree", "yamlio", "validation")),
    ("rules", ("models/", "stored", "shortfall", "policy", "credits", "effort", "ledger", "registration", "verdicts", "audit",
               "checks", "messages")),
    ("input", ("workspace", "workspace_cache", "catalog_cache", "recordfile", "recordadd", "previous", "roster/", "scaffold")),
    ("plan", ("plan/",)),
    ("unit", ("unit/",)),
    ("render", ("render/",)),
    ("commands", ("commands/", "web/", "batch/")),
    ("cli", ("cli", "__main__")),
]


def _sources() -> list[Path]:
    return sorted(ROOT.rglob("*.py"))


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return "/".join(parts)


def _layer(name: str) -> int:
    for rank, (_, members) in enumerate(LAYERS):
        for member in members:
            if name == member.rstrip("/") or (member.endswith("/") and name.startswith(member)):
                return rank
    raise AssertionError(f"planner/{name}.py has no layer: give it one in LAYERS")


def _imports(path: Path, names: set[str]) -> set[str]:
    """The planner modules `path` imports, anywhere in the file."""
    name = _name(path)
    package = name if path.name == "__init__.py" else name.rpartition("/")[0]
    if name == "__init__":
        package = ""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split("/") if package else []
                base = base[:len(base) - node.level + 1]
            elif (node.module or "").split(".")[0] == "planner":
                base, node.module = [], ".".join(node.module.split(".")[1:]) or None
            else:
                continue
            target = "/".join([*base, *(node.module.split(".") if node.module else [])])
            subs = {f"{target}/{a.name}".lstrip("/") for a in node.names} & names
            if subs:
                found |= subs
            elif target in names:
                found.add(target)
            elif not target:
                found.add("__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "planner":
                    found.add("/".join(parts[1:]) or "__init__")
    return (found & names) - {name}


def _graph() -> dict[str, set[str]]:
    paths = {_name(p): p for p in _sources()}
    names = set(paths)
    return {name: _imports(path, names) for name, path in paths.items()}


def test_no_source_file_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in _sources()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES}
    assert long == {}


def test_no_function_over_60_lines():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_the_graph_is_read():
    """The import reader sees the arrows it should (else the tests below pass on nothing)."""
    graph = _graph()
    assert len(graph) >= 100
    assert {"models/policy", "models/activity"} <= graph["ledger"]
    assert "unit/usage" in graph["unit/search"]
    assert "render/formats" in graph["commands/unit"]
    assert "vocab" in graph["models/policy"]              # a lazy import inside a method
    assert sum(len(v) for v in graph.values()) >= 300


def test_every_import_runs_downward():
    graph = _graph()
    upward = sorted(f"{a} ({LAYERS[_layer(a)][0]}) -> {b} ({LAYERS[_layer(b)][0]})"
                    for a, targets in graph.items() for b in targets if _layer(b) > _layer(a))
    assert upward == []


def test_no_import_circle():
    graph = _graph()
    circles = [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]
    assert circles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's components, iteratively."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                out.append(component)
    return out


# ---------------------------------------------------------------- ortools, lazily

def _python(*args: str) -> "subprocess.CompletedProcess":
    import subprocess
    import sys
    return subprocess.run([sys.executable, *args], cwd=ROOT.parent, capture_output=True, text=True,
                          timeout=300)


def test_no_planner_module_imports_ortools_when_imported():
    """Every module of planner/ (plan/ and unit/ too) loads CP-SAT only when
    a solve asks for it (plan/sat.py), so an audit or a listing never pays for it."""
    run = _python("-c", "import importlib, pkgutil, sys, planner\n"
                        "names = [m.name for m in pkgutil.walk_packages(planner.__path__, 'planner.')]\n"
                        "for name in names:\n"
                        "    if name != 'planner.__main__':\n"
                        "        importlib.import_module(name)\n"
                        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] == 'ortools'))")
    assert run.returncode == 0, run.stderr
    count, loaded = run.stdout.split(" ", 1)
    assert int(count) >= 100
    assert loaded.strip() == "[]"


def test_an_audit_does_not_import_ortools():
    run = _python("-X", "importtime", "-m", "planner", "audit", "--person", "demo", "--today", "2026-11-27")
    assert run.returncode == 0, run.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    assert "planner.audit" in imported                      # the reading sees the imports
    assert [m for m in imported if m.split(".")[0] == "ortools"] == []


def test_a_suggest_does_import_ortools():
    """The counter-check: the same reading sees CP-SAT where a solve needs it."""
    run = _python("-X", "importtime", "-m", "planner", "suggest", "--person", "demo", "--today", "2026-11-27")
    assert run.returncode == 0, run.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    assert "ortools.sat.python.cp_model" in imported
