"""`planner batch audit|suggest`: stream the province's persons in chunks
through an engine and write the rows as tasks finish.

Same inputs, same database content: every row comes from the deterministic
person planner (one CP-SAT worker, fixed seed, the lexicographic
tie-break), rows are keyed by file, and nothing in the database depends on
the engine, the number of workers, the chunk size, the order tasks finished
in, or whether the run was interrupted and resumed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import PlannerError
from ..i18n import t
from ..messages import messages
from .context import fingerprint, load, make_context, texts
from .engines import open_engine
from .progress import Progress
from .sources import chunks, entries
from .store import Store, flags_text

CHUNK = {"audit": 250, "suggest": 20}     # persons per task (bench/bench_batch.py)


@dataclass
class Options:
    kind: str                          # audit | suggest
    data: Path
    out: Path
    today: dt.date
    catalog: Optional[str] = None
    policy: Optional[str] = None
    draft: Optional[str] = None        # --compare-policy
    year: Optional[int] = None
    through: Optional[int] = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "process"
    scheduler: Optional[str] = None
    resume: bool = False
    share_seats: bool = False
    rounds: int = 8                    # --share-seats price rounds
    chunk: Optional[int] = None
    time_limit: float = 600.0          # a safety cap per person (wall clock); the budget is `work`
    work: float = 60.0                 # CP-SAT deterministic seconds per solve stage
    lang: str = "zh"
    quiet: bool = True

    def flags(self) -> dict:
        """What changes the results (not workers, engine, chunk or resume)."""
        return {"kind": self.kind, "year": self.year, "through": self.through, "today": self.today.isoformat(),
                "share_seats": self.share_seats, "rounds": self.rounds if self.share_seats else None,
                "compare_policy": bool(self.draft), "work": self.work, "lang": self.lang}


@dataclass
class Summary:
    persons: int = 0                   # person files in the province
    computed: int = 0                  # computed by this run (the rest was resumed)
    errors: int = 0
    seats: Optional[dict] = None       # --share-seats: bound, effort, gap, rounds


def _check_years(opts: Options, loaded) -> None:
    for _, policy in loaded.policies():
        first = opts.year if opts.year is not None else opts.today.year
        if opts.through is not None and opts.through < first:
            raise PlannerError(t("errors.through_before", through=opts.through, first=first))
        if first < policy.first_year:
            raise PlannerError(t("errors.year_before_policy", year=first, first=policy.first_year))


def _run_row(opts: Options, ctx: dict, loaded) -> dict:
    from .task import years_of
    return {"kind": opts.kind, "policy": loaded.policy.id, "policy_fingerprint": fingerprint(texts(ctx["policy"])),
            "draft_policy": loaded.draft.id if loaded.draft else None,
            "draft_fingerprint": fingerprint(texts(ctx["draft"])) if ctx["draft"] else None,
            "catalog_fingerprint": fingerprint(texts(ctx["catalog"])), "context_fingerprint": ctx["key"],
            "workspace_fingerprint": None, "today": opts.today.isoformat(),
            "years": ",".join(map(str, years_of(loaded, loaded.policy))) if opts.kind == "suggest" else str(
                opts.year if opts.year is not None else opts.today.year),
            "flags": flags_text(opts.flags()), "persons": None, "complete": 0}


def _offering_rows(loaded) -> list[tuple]:
    from ..tenths import yuan
    return [(o.id, o.route, o.credit_year, o.title, o.seats, yuan(o.fee)) for o in loaded.offerings]


@contextlib.contextmanager
def _locked(out: Path):
    """One writer per results file: a second run on it is refused."""
    import fcntl
    lock = open(str(out) + ".lock", "a+")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise PlannerError(t("errors.batch.locked"), file=str(out)) from None
    try:
        yield
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()
        with contextlib.suppress(OSError):
            os.unlink(str(out) + ".lock")


def run_batch(opts: Options) -> Summary:
    settings = {"today": opts.today.isoformat(), "year": opts.year, "through": opts.through,
                "lang": opts.lang, "time_limit": opts.time_limit, "work": opts.work}
    ctx = make_context(opts.kind, opts.policy, opts.catalog, settings, opts.draft)
    loaded = load(ctx)
    if opts.kind == "suggest":
        _check_years(opts, loaded)
    if opts.share_seats and (opts.kind != "suggest" or opts.draft):
        raise PlannerError(t("errors.batch.share_seats"))
    with _locked(opts.out):
        store = Store(opts.out)
        try:
            store.start(_run_row(opts, ctx, loaded), _offering_rows(loaded), opts.resume)
            with open_engine(opts.engine, opts.workers, ctx, opts.scheduler) as mapper:
                summary = _compute(opts, store, mapper)
                if opts.share_seats:
                    from .seats import share_seats
                    summary.seats = share_seats(opts, store, mapper, loaded)
            sha = store.db.execute("SELECT file, sha FROM persons WHERE variant = 'current' ORDER BY file")
            store.finish(fingerprint(sha.fetchall()), summary.persons)
            summary.errors = store.db.execute(
                "SELECT COUNT(*) FROM persons WHERE variant = 'current' AND error IS NOT NULL").fetchone()[0]
        finally:
            store.close()
    return summary


def chunk_size(opts: Options) -> int:
    """Many persons per task, but at least four tasks per worker (a small
    province still spreads over the workers); the walk counts files only."""
    from .sources import person_paths
    n = sum(1 for _ in person_paths(opts.data))
    return max(1, min(CHUNK[opts.kind], -(-n // (4 * max(1, opts.workers)))))


def _compute(opts: Options, store: Store, mapper) -> Summary:
    done = store.done() if opts.resume else {}
    present: set[str] = set()
    summary = Summary()

    def skip(file: str, sha: str) -> bool:
        present.add(file)
        return done.get(file) == sha

    size = opts.chunk or chunk_size(opts)
    tasks = ({"mode": opts.kind, "persons": chunk} for chunk in chunks(entries(opts.data, skip), size))
    m = messages(opts.lang)["batch"]
    with Progress(m["progress"], quiet=opts.quiet, line=m["progress_line"]) as progress:
        for result in mapper.map(tasks):
            n = store.write(result)
            summary.computed += n
            progress.advance(n)
    store.prune(present)
    summary.persons = len(present)
    return summary
