"""Where tasks run: a local process pool (spawn: never fork a process that
has run CP-SAT threads) or Dask distributed. Both run the same function
(`task.run_chunk`) on the same plain-data tasks, keep at most `window`
tasks in flight (memory bounded by the task size, not the province) and
yield results as tasks finish.

    with open_engine("process", workers=2, context=ctx) as engine:
        for result in engine.map(tasks):
            ...
"""
from __future__ import annotations

import contextlib
import multiprocessing
from typing import Iterable, Iterator, Optional

from ..errors import PlannerError
from ..i18n import t
from .context import init_worker
from .task import run_chunk


class PoolEngine:
    """concurrent.futures over a spawn context; the context loaded by the initializer."""

    name = "process"

    def __init__(self, workers: int, context: dict):
        from concurrent.futures import ProcessPoolExecutor
        self.workers = workers
        self.key = context["key"]
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=init_worker, initargs=(context,))

    def submit(self, task: dict):
        return self.pool.submit(run_chunk, self.key, task)

    @staticmethod
    def wait_one(pending: set):
        from concurrent.futures import FIRST_COMPLETED, wait
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        return done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """dask.distributed: an existing scheduler, or a LocalCluster on loopback."""

    name = "dask"

    def __init__(self, workers: int, context: dict, scheduler: Optional[str]):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise PlannerError(t("errors.batch.dask_missing")) from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as err:
                raise PlannerError(t("errors.batch.no_scheduler", scheduler=scheduler, problem=str(err))) from None
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        host="127.0.0.1", dashboard_address=None)
            self.client = Client(self.cluster)
        self.workers = workers
        self.context = self.client.scatter(context, broadcast=True)

    def submit(self, task: dict):
        return self.client.submit(run_chunk, self.context, task, pure=False)

    @staticmethod
    def wait_one(pending: set):
        from dask.distributed import wait
        return wait(list(pending), return_when="FIRST_COMPLETED").done

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


@contextlib.contextmanager
def open_engine(name: str, workers: int, context: dict, scheduler: Optional[str] = None):
    engine = DaskEngine(workers, context, scheduler) if name == "dask" else PoolEngine(workers, context)
    try:
        yield Mapper(engine)
    finally:
        engine.close()


class Mapper:
    """A bounded, streaming map over an engine."""

    def __init__(self, engine):
        self.engine = engine
        self.window = 2 * max(1, engine.workers)

    def map(self, tasks: Iterable[dict]) -> Iterator[dict]:
        """Results as tasks finish, at most `window` in flight."""
        pending: set = set()
        tasks = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                pending.add(self.engine.submit(task))
            if not pending:
                return
            for future in self.engine.wait_one(pending):
                pending.discard(future)
                yield future.result()
