"""What one page may cost, and the CPU-time budget that stops a page gone wrong.

A page over a limit becomes a rejection (the reason code is in brackets below) and the run
goes on. The defaults sit far above real pages; docs/reliability.md says how far.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from extractors.records import Failure

T, R = TypeVar("T"), TypeVar("R")


@dataclass(frozen=True)
class Limits:
    """Per-page limits; pass your own to the pipeline's `limits=` to change them."""

    max_bytes: int = 20_000_000  # raw bytes of one file [too_large]
    max_inflated_bytes: int = 50_000_000  # a gzip page once inflated: bombs stop here [too_large]
    max_depth: int = 250  # element nesting of an HTML page [too_deep]; libxml2 stops at 2048 [parser_limit]
    time_budget_s: float = 30.0  # CPU seconds to clean one page [timeout]
    # Also stop a single long stage with a virtual-time timer signal (SIGVTALRM), in a
    # process's main thread only. Off by default: a library must not take a process's
    # signals; the flow's worker processes, which own theirs, turn it on.
    timer_signal: bool = False


DEFAULT_LIMITS = Limits()


class PageTimeout(BaseException):
    """A page used up its CPU-time budget. Not an Exception, so that no library's broad
    `except Exception` swallows it mid-page."""


_deadline: ContextVar[float | None] = ContextVar("page_deadline", default=None)


def checkpoint() -> None:
    """Raise PageTimeout if the current page is over its budget. The pipeline calls it
    between stages; it is the only stop where a timer signal cannot reach (threads)."""
    deadline = _deadline.get()
    if deadline is not None and time.thread_time() > deadline:
        raise PageTimeout


@contextlib.contextmanager
def cpu_budget(seconds: float, *, timer_signal: bool = False) -> Iterator[None]:
    """Stop the block with PageTimeout once it has used `seconds` of CPU time, at the next
    `checkpoint`; with `timer_signal`, in a process's main thread, a virtual-time timer
    signal also interrupts a single long stage (its handler is put back after)."""
    token = _deadline.set(time.thread_time() + seconds)
    timer = timer_signal and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = signal.signal(signal.SIGVTALRM, _raise_timeout) if timer else None
    if timer:
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
            signal.signal(signal.SIGVTALRM, previous)
        _deadline.reset(token)


def _raise_timeout(signum, frame) -> None:
    raise PageTimeout


def within_budget(step: Callable[[], T], seconds: float, fail: Callable[[Failure], R], *, timer_signal: bool = False) -> T | R:
    """`step()` within a CPU budget (see cpu_budget). A timeout, or an exception (a bug: bad
    input never raises), becomes `fail(Failure(...))`, so it costs its page only."""
    try:
        if seconds <= 0:
            raise PageTimeout
        with cpu_budget(seconds, timer_signal=timer_signal):
            return step()
    except PageTimeout:
        return fail(Failure("timeout", "Cleaning the page used up its CPU-time budget."))
    except Exception as error:  # noqa: BLE001
        return fail(Failure("internal_error", f"{type(error).__name__}: {error}"))
