"""Unit plans as background jobs: each in its own spawned worker process
(concurrent.futures), one at a time per unit, at most `limits.jobs` at once,
stopped on request or at the wall-clock cap; the server only reads progress."""
from __future__ import annotations

import multiprocessing
import queue as queue_mod
import secrets
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Optional

from . import worker
from .config import Limits

RUNNING, DONE, STOPPED, FAILED, CAPPED = "running", "done", "stopped", "failed", "capped"
GRACE = 20.0         # seconds a stopped worker gets to return its best plan before it is ended


class Busy(Exception):
    """A plan of this unit is running already, or every worker is busy."""


@dataclass
class Job:
    id: str
    unit: str
    year: int
    started: float
    state: str = RUNNING
    progress: dict = field(default_factory=dict)
    summary: Optional[dict] = None
    files: dict = field(default_factory=dict)
    error: Optional[str] = None
    ended: Optional[float] = None
    stop_asked: Optional[float] = None

    def elapsed(self) -> float:
        return (self.ended or time.monotonic()) - self.started


class Jobs:
    def __init__(self, limits: Limits):
        self.limits = limits
        self.context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self.by_unit: dict[str, Job] = {}          # the latest job of each unit
        self._running: dict[str, tuple] = {}       # job id -> (executor, future, queue, stop event)
        self._watch = threading.Thread(target=self._watchdog, daemon=True)
        self._closed = False
        self._watch.start()

    def latest(self, unit: str) -> Optional[Job]:
        with self._lock:
            return self.by_unit.get(unit)

    def start(self, unit: str, year: int, spec: dict) -> Job:
        with self._lock:
            current = self.by_unit.get(unit)
            if current is not None and current.state == RUNNING:
                raise Busy(unit)
            if len(self._running) >= self.limits.jobs:
                raise Busy("*")
            job = Job(secrets.token_hex(8), unit, year, time.monotonic())
            queue, stop = self.context.Queue(), self.context.Event()
            executor = ProcessPoolExecutor(max_workers=1, mp_context=self.context,
                                           initializer=worker.init, initargs=(queue, stop))
            future = executor.submit(worker.run_unit, spec)
            self._running[job.id] = (executor, future, queue, stop)
            self.by_unit[unit] = job
        future.add_done_callback(lambda f, job=job: self._finished(job, f))
        return job

    def stop(self, unit: str) -> Optional[Job]:
        """Ask the unit's running plan to stop; it is ended if it does not."""
        with self._lock:
            job = self.by_unit.get(unit)
            if job is None or job.state != RUNNING:
                return job
            job.stop_asked = time.monotonic()
            self._running[job.id][3].set()
        return job

    def _drain(self, job: Job, queue) -> None:
        while True:
            try:
                job.progress.update(queue.get_nowait())
            except (queue_mod.Empty, OSError, ValueError, EOFError):
                return

    def _finished(self, job: Job, future) -> None:
        with self._lock:
            entry = self._running.pop(job.id, None)
            if entry is not None:
                self._drain(job, entry[2])
            job.ended = time.monotonic()
            if job.state != RUNNING:
                pass                                    # capped or stopped by force already
            elif future.cancelled() or future.exception() is not None:
                job.state = STOPPED if job.stop_asked else FAILED
                job.error = None if job.stop_asked else _describe(future.exception())
            elif future.result().get("stopped"):
                job.state = STOPPED
            else:                                       # stopped on request: the best plan so far
                out = future.result()
                job.state = STOPPED if job.stop_asked else DONE
                job.summary, job.files = out["summary"], out["files"]
        if entry is not None:
            entry[0].shutdown(wait=False, cancel_futures=True)

    def _end(self, job_id: str, state: str) -> None:
        """End a worker that does not return: its process is terminated."""
        entry = self._running.get(job_id)
        if entry is None:
            return
        job = next(j for j in self.by_unit.values() if j.id == job_id)
        job.state = state
        for process in list(getattr(entry[0], "_processes", {}).values()):
            process.terminate()

    def _watchdog(self) -> None:
        while not self._closed:
            time.sleep(0.2)
            with self._lock:
                for job in list(self.by_unit.values()):
                    entry = self._running.get(job.id)
                    if entry is None or job.state != RUNNING:
                        continue
                    self._drain(job, entry[2])
                    if job.elapsed() > self.limits.job_seconds:
                        self._end(job.id, CAPPED)
                    elif job.stop_asked and time.monotonic() - job.stop_asked > GRACE:
                        self._end(job.id, STOPPED)

    def shutdown(self) -> None:
        self._closed = True
        with self._lock:
            for job_id in list(self._running):
                self._end(job_id, STOPPED)
            entries = list(self._running.values())
        for executor, *_ in entries:
            executor.shutdown(wait=False, cancel_futures=True)


def _describe(err: BaseException) -> str:
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    return message.splitlines()[0][:300]
