"""robots.txt as RFC 9309 reads it: redirects followed, answers mapped to allow or disallow."""

from __future__ import annotations

from collections.abc import Callable
from urllib.robotparser import RobotFileParser

import httpx

from flows.scrape.fetch_urls import url_problem

ROBOTS_REDIRECTS = 5  # RFC 9309 2.3.1.2: follow at least five; after more, it is unavailable
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 2.5: parse at least 500 KiB; what lies beyond is ignored

Get = Callable[[str], tuple[httpx.Response, bytes]]  # one paced GET: the answer and its body


def read_robots(get: Get, origin: str) -> RobotFileParser:
    """The rules of `origin`'s robots.txt, which `get` fetches hop by hop.

    Redirects are followed, to other hosts too, and the rules found apply to `origin`. More
    than five of them, a redirect to what cannot be fetched, or a 4xx: unavailable, allow
    all. A 5xx, or a body that cannot be decoded: unreachable, disallow all. A transport
    error (refused, timed out) is raised: the caller's page attempt fails with it and is
    retried; nothing is decided for the run.
    """
    robots, url = RobotFileParser(f"{origin}/robots.txt"), f"{origin}/robots.txt"
    for _ in range(1 + ROBOTS_REDIRECTS):
        try:
            response, body = get(url)
        except httpx.DecodingError:
            return _all(robots, allowed=False)
        if not (response.is_redirect and response.next_request is not None):
            return _rules(robots, response.status_code, body)
        url = str(response.next_request.url)
        if url_problem(url) is not None:
            return _all(robots, allowed=True)
    return _all(robots, allowed=True)


def head_of(response: httpx.Response, limit: int = ROBOTS_MAX_BYTES) -> bytes:
    """The first `limit` bytes of the (decoded) body; the rest is never read."""
    kept = bytearray()
    for chunk in response.iter_bytes():
        kept += chunk[: limit - len(kept)]
        if len(kept) >= limit:
            break
    return bytes(kept)


def _rules(robots: RobotFileParser, status: int, body: bytes) -> RobotFileParser:
    if status >= 500:
        return _all(robots, allowed=False)
    if not 200 <= status < 300:  # 4xx, or a 3xx without a Location
        return _all(robots, allowed=True)
    robots.parse(body.decode("utf-8", "replace").splitlines())  # RFC 9309: UTF-8
    return robots


def _all(robots: RobotFileParser, *, allowed: bool) -> RobotFileParser:
    robots.allow_all, robots.disallow_all = allowed, not allowed
    return robots
