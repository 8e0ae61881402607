"""A spinner on stderr while something slow runs (the solver).

    from planner.progress import working
    with working("求解中", quiet=session.quiet):
        result = solve(...)

Every command already runs inside one (planner.cli.common_options), so a
solve longer than a second shows `⠋ 计算中 1.3s` on a terminal.

Nothing is shown when `quiet`, when stderr is not a terminal, or when the
work ends within `delay` seconds. The first output of the program (stdout
or stderr, any writer) erases the line and ends the spinner before it is
written, so output never mixes with it and captured output stays
byte-identical from run to run.
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

    def __init__(self, label, stream: TextIO, delay: float = 1.0, interval: float = 0.1):
        self._label = label          # text, or a function giving it (looked up only when shown)
        self.stream = stream
        self.delay = delay
        self.interval = interval
        self.shown = False
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: Optional[threading.Thread] = None
        self._started = 0.0

    @property
    def label(self) -> str:
        return self._label() if callable(self._label) else self._label

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="planner-spinner", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        frame = 0
        label = self.label
        while True:
            with self._lock:
                if self._stop.is_set():
                    return
                elapsed = time.monotonic() - self._started
                self.stream.write(f"\r{FRAMES[frame % len(FRAMES)]} {label} {elapsed:.1f}s ")
                self.stream.flush()
                self.shown = True
            frame += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        """End the spinner and erase its line (safe to call more than once)."""
        with self._lock:
            self._stop.set()
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self.shown = False
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()


class _StopOnWrite:
    """Stands in for sys.stdout / sys.stderr while a spinner runs: the first
    write (or use of the binary buffer) ends the spinner, then goes through."""

    def __init__(self, inner, spinner: Spinner):
        self._inner = inner
        self._spinner = spinner

    def write(self, text):
        self._spinner.stop()
        return self._inner.write(text)

    def writelines(self, lines):
        self._spinner.stop()
        return self._inner.writelines(lines)

    @property
    def buffer(self):
        self._spinner.stop()
        return self._inner.buffer

    def __getattr__(self, name):
        return getattr(self._inner, name)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def working(label, quiet: bool = False, stream: Optional[TextIO] = None,
            delay: float = 1.0, force: bool = False) -> Iterator[Optional[Spinner]]:
    """Show a spinner on `stream` (stderr) while the block runs longer than
    `delay` seconds; silent when quiet or not on a terminal (unless `force`)."""
    stream = stream if stream is not None else sys.stderr
    if quiet or not (force or _is_terminal(stream)):
        yield None
        return
    spinner = Spinner(label, stream, delay)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _StopOnWrite(sys.stdout, spinner), _StopOnWrite(sys.stderr, spinner)
    spinner.start()
    try:
        yield spinner
    finally:
        spinner.stop()
        if isinstance(sys.stdout, _StopOnWrite) and sys.stdout._spinner is spinner:
            sys.stdout = saved[0]
        if isinstance(sys.stderr, _StopOnWrite) and sys.stderr._spinner is spinner:
            sys.stderr = saved[1]
