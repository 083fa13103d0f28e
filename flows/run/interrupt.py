"""Stopping a run early, as a person (Ctrl-C: SIGINT) or a scheduler (`docker stop`,
systemd, Kubernetes: SIGTERM) asks.

The CLI arms this before it starts anything. While a clean run works, a stop signal only
sets a flag: the run kills its worker processes, gathers what it finished, writes a
manifest that says it was interrupted (every input not reached is `interrupted`) and ends
in Prefect's Cancelled state; the CLI then exits with 128 + the signal's number (130, 143). Before
the run works (Prefect starting) a signal stops at once: there is nothing to account for.
A second signal while the first is handled stops at once too.

Prefect swaps in its own SIGTERM handler for the length of a flow run (it would crash the
run, with no manifest): the run puts the armed handlers back while it works.
No Prefect here: the CLI imports this before Prefect.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_requested = threading.Event()
_state = {"armed": False, "signal": None}


class StopNow(BaseException):
    """A stop signal arrived where there was nothing to finish (not an Exception, so no
    broad `except Exception` keeps the process going)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_code(name: str) -> int:
    """The shell's code for a process stopped by the named signal: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signal.Signals[name].value


def arm() -> None:
    """Make this process stop on SIGINT and SIGTERM as described above (main thread only)."""
    _state["armed"] = True
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop_now)


def requested() -> str | None:
    """The name of the stop signal received while a run works, if any."""
    return _state["signal"] if _requested.is_set() else None


@contextlib.contextmanager
def graceful() -> Iterator[None]:
    """Inside this block (a run's work), an armed process's stop signals only set the flag."""
    if not _state["armed"] or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    for signum in STOP_SIGNALS:
        signal.signal(signum, _request)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _request(signum: int, frame) -> None:
    if _requested.is_set():
        _stop_now(signum, frame)
    _state["signal"] = signal.Signals(signum).name
    _requested.set()


def _stop_now(signum: int, frame) -> None:
    raise StopNow(signum)
