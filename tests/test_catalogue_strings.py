"""Every word a user reads comes from the message catalogues
(templates/messages/{zh,en}.yaml): this test reads planner/ as source and
fails on a user-facing string written in the code.

What is user-facing (a "sink"): the message of an error the user sees
(PlannerError, FieldError, ValueError raised in a model's check, click's
BadParameter/UsageError/ClickException, a click type's `self.fail`), what
is echoed (click.echo/secho), the `help=`/`prompt=`/`message=` of a click
option or command, and the parameters given to a catalogue message (t, say,
Phrase), which are shown inside it. Inside a sink the test follows the
expression through f-strings, `+`, `%`, `x if c else y`, `a or b` and
`"...".format(...)`; it does not enter other calls (t("key"), repr(v),
str(err), messages(lang)[...] are the catalogue's or the user's own text).

What is not words, and allowed: catalogue keys, format placeholders
({name}, %(name)s), rich markup tags ([bold] ... [/]), punctuation, numbers,
file suffixes and option names alone (--out, .xlsx).

And anywhere in planner/ (outside docstrings), a string holding a Chinese
character is text for people and belongs in a catalogue, except the few
listed in CHINESE_INPUT: words matched in what users write (roster headers),
not words shown to them.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLANNER = ROOT / "planner"

ERRORS = {"PlannerError", "FieldError", "ValueError", "BadParameter", "UsageError", "ClickException"}
ECHO = {"echo", "secho"}
CATALOGUE_CALLS = {"t", "Phrase"}           # their parameters are shown inside the message
SINK_KEYWORDS = {"help", "prompt", "message"}

# Chinese written in code that is matched in users' files, not shown to them
CHINESE_INPUT = {
    ("roster/mapping.py", "学时"), ("roster/mapping.py", "课时"), ("roster/mapping.py", "学时数"),
    ("roster/mapping.py", "类"), ("roster/mapping.py", "^([a-z])类?(\\d*)(.*)$"),
    ("roster/write.py", "名册导入"),      # the `note` an earlier importer wrote, recognised in people files
}

# English phrases in code that no user reads as words: machine names and identifiers
NOT_WORDS = {
    ("commands/words.py", "Show this message and exit."),    # click's own phrase: the key of its translation
    ("i18n.py", "str | Phrase | Both"),                      # a type annotation
    ("plan/sat.py", "stand-in while importing ortools.sat.python.cp_model (planner.plan.sat)"),  # a module name
    ("plan/solve.py", "CP-SAT: invalid model at stage "),    # a bug in planner, never bad input
    ("render/ics.py", "-//planner//continuing-education hours//EN"),   # the calendar's PRODID
    ("roster/sheets.py", "larger than field limit"),         # matched in the csv module's error
    ("plan/repairs.py", "budget raise (fen)"),               # a solver variable's name
    ("yamlio.py", " has no attribute "),                     # Python's AttributeError of a module, for code
    ("unit/search.py", "whole unit model"),                  # a stage: the key of web.stages in the catalogues
    ("web/security.py", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),  # CSP
    # a broken installation: the catalogues themselves may be what is missing, so it cannot be looked up
    ("resources.py", "' is missing from the installation"),
}

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sdr]")
_MARKUP = re.compile(r"\[/?[a-z #0-9]*\]")
_OPTION = re.compile(r"(?<![\w-])--?[a-z][a-z-]*|\.[a-z]{2,5}\b")
_WORD = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def words_in(text: str) -> bool:
    """Does the literal hold words (not only placeholders, markup, punctuation, option names)?"""
    stripped = _OPTION.sub(" ", _MARKUP.sub(" ", _PLACEHOLDER.sub(" ", text)))
    return bool(_WORD.search(stripped))


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def literals(node: ast.AST):
    """The string literals an expression shows as they are."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from literals(part.value)
            else:
                yield from literals(part)
    elif isinstance(node, ast.BinOp):
        yield from literals(node.left)
        yield from literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from literals(node.body)
        yield from literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from literals(value)
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        yield from literals(node.func.value)
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            yield from literals(arg)


def shown_arguments(call: ast.Call):
    """The arguments of `call` that users read, if it is a sink."""
    name = _name(call.func)
    shown = [k.value for k in call.keywords if k.arg in SINK_KEYWORDS]
    if name in ERRORS:
        shown += call.args[1:2] if name == "FieldError" else call.args[:1]
    elif name in ECHO or (name == "fail" and isinstance(call.func, ast.Attribute)):
        shown += call.args[:1]
    elif name in CATALOGUE_CALLS:
        shown += [k.value for k in call.keywords if k.arg is not None]
    return shown


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            found.add(id(body[0].value))
    return found


_SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA)\b|\b(FROM|WHERE|VALUES|GROUP BY|IS NULL)\b")
_PLAIN_WORD = re.compile(r"^[(`'\"]*[A-Za-z]{2,}[)`'\",.;:!?]*$")


def phrase(text: str) -> bool:
    """Does the literal read as an English phrase: three words or more,
    apart by spaces (not SQL, markup or a path)?"""
    if _SQL.search(text) or "<" in text:
        return False
    stripped = _OPTION.sub(" ", _MARKUP.sub(" ", _PLACEHOLDER.sub(" ", text)))
    return sum(1 for token in stripped.split() if _PLAIN_WORD.match(token)) >= 3


def offences() -> list[str]:
    found = []
    for path in sorted(PLANNER.rglob("*.py")):
        rel = path.relative_to(PLANNER).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        flagged = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for arg in shown_arguments(node):
                    for lit in literals(arg):
                        if words_in(lit.value) and id(lit) not in flagged:
                            flagged.add(id(lit))
                            found.append(f"{rel}:{lit.lineno}: {lit.value!r}")
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs \
                    or id(node) in flagged:
                continue
            if _HAN.search(node.value) and (rel, node.value) not in CHINESE_INPUT:
                found.append(f"{rel}:{node.lineno}: {node.value!r} (Chinese in code)")
            elif phrase(node.value) and (rel, node.value) not in NOT_WORDS:
                found.append(f"{rel}:{node.lineno}: {node.value!r} (an English phrase)")
    return found


def test_no_user_facing_string_outside_the_catalogues():
    found = offences()
    assert found == [], "user-facing strings written in the code (put them in templates/messages):\n" + \
        "\n".join(found)


def catalogue_keys(lang: str) -> set[str]:
    data = yaml.safe_load((ROOT / "templates" / "messages" / f"{lang}.yaml").read_text(encoding="utf-8"))
    keys = set()

    def walk(node, prefix):
        for key, value in node.items():
            dotted = f"{prefix}{key}"
            keys.add(dotted)
            if isinstance(value, dict):
                walk(value, dotted + ".")
    walk(data, "")
    return keys


def test_every_key_given_to_t_is_in_both_catalogues():
    zh, en = catalogue_keys("zh"), catalogue_keys("en")
    missing = []
    for path in sorted(PLANNER.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in CATALOGUE_CALLS and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                key = node.args[0].value
                if key not in zh or key not in en:
                    missing.append(f"{path.relative_to(PLANNER)}:{node.lineno}: {key}")
    assert missing == []


def test_the_scanner_finds_what_it_should():
    """The scanner itself: each kind of sink is caught, keys and formats are not."""
    source = '''
raise PlannerError(f"workspace folder not found: {root}")
raise PlannerError(t("errors.workspace_missing", root=root))
raise FieldError("date", "a date is needed")
raise ValueError(f"{value} is more than {high:,}")
click.echo("written: " + str(path))
click.option("--x", help="How many.")
t("errors.policy_rule", problem=f"route {code}: unknown class")
t("errors.x", value=repr(v), fmt=" | ".join(choices))
self.fail(t("errors.not_a_number").render(), param, ctx)
click.echo(f"[bold]{title}[/bold] {value}")
raise PlannerError(f"{what}: --out {out}.xlsx")
label = "名册导入"
'''
    tree = ast.parse(source)
    hits = [lit.value for node in ast.walk(tree) if isinstance(node, ast.Call)
            for arg in shown_arguments(node) for lit in literals(arg) if words_in(lit.value)]
    assert sorted(hits) == sorted(["workspace folder not found: ", "a date is needed", " is more than ",
                                   "written: ", "How many.", "route ", ": unknown class"])
    assert _HAN.search("名册导入") and not _HAN.search("（、）")
