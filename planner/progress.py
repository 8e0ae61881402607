"""A spinner on stderr while something slow runs (the solver).

    from planner.progress import working
    with working("求解中", quiet=session.quiet):
        result = solve(...)

Nothing is shown when `quiet`, when stderr is not a terminal, or when the
work ends within `delay` seconds; the line is erased when it ends, so
stdout and captured stderr stay byte-identical from run to run.
"""
from __future__ import annotations

import contextlib
import sys
import threading
import time
from typing import Iterator, Optional, TextIO

FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Spinner:
    """Draws `label ⠋ 1.2s` on one line, redrawn in place, from a thread."""

    def __init__(self, label: str, stream: TextIO, delay: float = 1.0, interval: float = 0.1):
        self.label = label
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.shown = False
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._started = 0.0

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="planner-spinner", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        frame = 0
        while not self._stop.is_set():
            elapsed = time.monotonic() - self._started
            self.stream.write(f"\r{FRAMES[frame % len(FRAMES)]} {self.label} {elapsed:.1f}s ")
            self.stream.flush()
            self.shown = True
            frame += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def working(label: str, quiet: bool = False, stream: Optional[TextIO] = None,
            delay: float = 1.0, force: bool = False) -> Iterator[Optional[Spinner]]:
    """Show a spinner on `stream` (stderr) while the block runs longer than
    `delay` seconds; silent when quiet or not on a terminal (unless `force`)."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not (force or _is_terminal(stream)):
        yield None
        return
    spinner = Spinner(label, stream, delay)
    spinner.start()
    try:
        yield spinner
    finally:
        spinner.stop()
