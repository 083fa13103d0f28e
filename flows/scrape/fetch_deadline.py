"""A deadline for one whole request: connecting, the headers and the body.

httpx times out each connect, read and write on its own, so a server that sends a byte
every few seconds holds a request for ever (encode/httpx#1450: no total timeout). httpcore
does every socket wait through a network backend; the one here cuts each wait to what is
left of the request's deadline, and times out once nothing is left. Name resolution
(getaddrinfo) is the one wait no socket timeout reaches.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

import httpcore
import httpx

DEADLINE_PASSED = "The request's deadline passed."  # the message of the timeout it raises
T = TypeVar("T")


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sockets, each wait bounded by the deadline `running` sets (per thread)."""

    def __init__(self, inner: httpcore.NetworkBackend | None = None) -> None:
        self.inner = inner or httpcore.SyncBackend()
        self._local = threading.local()

    @contextlib.contextmanager
    def running(self, seconds: float) -> Iterator[None]:
        outer = getattr(self._local, "ends_at", None)
        self._local.ends_at = time.monotonic() + seconds
        try:
            yield
        finally:
            self._local.ends_at = outer

    def wait(self, step: Callable[[float | None], T], timeout: float | None, error: type[Exception]) -> T:
        """`step(timeout)`, the timeout cut to the time left; `error(DEADLINE_PASSED)` when none is."""
        ends_at = getattr(self._local, "ends_at", None)
        if ends_at is None:
            return step(timeout)
        left = ends_at - time.monotonic()
        if left <= 0:
            raise error(DEADLINE_PASSED)
        try:
            return step(left if timeout is None else min(timeout, left))
        except httpcore.TimeoutException:
            if time.monotonic() >= ends_at:
                raise error(DEADLINE_PASSED) from None
            raise

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None) -> httpcore.NetworkStream:
        stream = self.wait(lambda t: self.inner.connect_tcp(host, port, t, local_address, socket_options),
                           timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(self, path, timeout=None, socket_options=None) -> httpcore.NetworkStream:
        stream = self.wait(lambda t: self.inner.connect_unix_socket(path, t, socket_options), timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self.stream, self.backend = stream, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.backend.wait(lambda t: self.stream.read(max_bytes, t), timeout, httpcore.ReadTimeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.backend.wait(lambda t: self.stream.write(buffer, t), timeout, httpcore.WriteTimeout)

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        tls = self.backend.wait(lambda t: self.stream.start_tls(ssl_context, server_hostname, t),
                                timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(tls, self.backend)

    def get_extra_info(self, info: str):
        return self.stream.get_extra_info(info)


def with_deadlines(client: httpx.Client) -> DeadlineBackend:
    """Route every connection pool of `client` (direct, and each proxy's) through one
    DeadlineBackend. httpx has no public way to hand httpcore a backend; a test pins this."""
    backend = DeadlineBackend()
    for transport in (client._transport, *client._mounts.values()):
        pool = getattr(transport, "_pool", None)
        if pool is None:  # no transport for this pattern (NO_PROXY), or not an HTTPTransport
            continue
        if not isinstance(getattr(pool, "_network_backend", None), httpcore.NetworkBackend):
            raise RuntimeError("httpcore's pools no longer hold a _network_backend: the fetch deadline needs a new hook.")
        pool._network_backend = backend
    return backend
