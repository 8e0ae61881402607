"""Progress of a batch on stderr: a bar with the rate and the time left on a
terminal (rich), else one line a minute (logs, CI); nothing when quiet.

The total is not known while persons are streamed: the bar counts up and
shows the rate until the walk has counted them all (`total(n)`).
"""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO


class Progress:
    def __init__(self, label: str, quiet: bool = False, stream: Optional[TextIO] = None,
                 every: float = 60.0, line: str = "{label}: {done} {rate}/s"):
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.label = label
        self.every = every
        self.line = line
        self.done = 0
        self.expected: Optional[int] = None
        self.started = time.monotonic()
        self.last = self.started
        self.bar = None
        if not quiet and _tty(self.stream):
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TextColumn("{task.fields[rate]}/s"), TimeElapsedColumn(), TimeRemainingColumn(),
                           console=Console(file=self.stream), transient=True)
            self.task = self.bar.add_task(label, total=None, rate="0")
            self.bar.start()

    def total(self, n: int) -> None:
        self.expected = n
        if self.bar is not None:
            self.bar.update(self.task, total=n)

    def advance(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        rate = self.done / max(now - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, advance=n, rate=f"{rate:.1f}")
        elif not self.quiet and now - self.last >= self.every:
            self.last = now
            self.stream.write(self.line.format(label=self.label, done=self.done, rate=f"{rate:.1f}",
                                               total=self.expected or "?") + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
