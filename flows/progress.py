"""In-process progress reports from a flow to whoever shows them (the CLI's bar)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_listeners: list[Callable[[int], None]] = []


@contextmanager
def listening(listener: Callable[[int], None]) -> Iterator[None]:
    """Call `listener(n)` each time the flow finishes n more inputs, inside this block."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def report(done: int) -> None:
    for listener in list(_listeners):
        listener(done)
