"""A run's progress, for whoever shows it: the CLI's bar (a terminal), its plain lines (a
log file, a CI job, `docker logs`), the run's Prefect logs and progress artifact.

Pages are counted as whole chunks finish (any runner, Dask included) and, finer, as
batches finish in this process (the chunk tasks of a local run run in its threads and are
handed the run's `batch_done`): the larger count is the run's. A line says pages done, rate and time left.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LINE_INTERVAL_SECONDS = 5.0  # a line every few seconds: enough to see a run move
_listeners: list[Callable[[int], None]] = []  # called with pages newly done
_line_listeners: list[Callable[[str], None]] = []  # called with a progress line


class RunProgress:
    def __init__(self, total: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.total, self.clock = total, clock
        self.started = self._last_line = clock()
        self._chunks = self._batches = self._shown = 0
        self._lock = threading.Lock()

    def chunk_done(self, pages: int) -> None:
        with self._lock:
            self._chunks += pages

    def batch_done(self, pages: int) -> None:
        with self._lock:
            self._batches += pages

    @property
    def done(self) -> int:
        return min(max(self._chunks, self._batches), self.total)

    def newly_done(self) -> int:
        """Pages done since the last call."""
        done = self.done
        new, self._shown = done - self._shown, done
        return new

    def line_due(self) -> bool:
        if self.clock() - self._last_line < LINE_INTERVAL_SECONDS:
            return False
        self._last_line = self.clock()
        return True

    def line(self) -> str:
        elapsed, done = max(self.clock() - self.started, 1e-9), self.done
        rate = done / elapsed
        left = f", about {(self.total - done) / rate:.0f} s left" if rate and done < self.total else ""
        return f"{done:,}/{self.total:,} pages ({100 * done / max(self.total, 1):.0f} %), {rate:.1f} pages/s{left}"


@contextmanager
def listening(listener: Callable[[int], None], lines: Callable[[str], None] | None = None) -> Iterator[None]:
    """Inside this block call `listener(n)` each time the run finishes n more inputs, and
    `lines(text)` with a progress line every LINE_INTERVAL_SECONDS."""
    _listeners.append(listener)
    if lines:
        _line_listeners.append(lines)
    try:
        yield
    finally:
        _listeners.remove(listener)
        if lines:
            _line_listeners.remove(lines)


def report(done: int) -> None:
    for listener in list(_listeners):
        listener(done)


def announce(line: str) -> None:
    for listener in list(_line_listeners):
        listener(line)
