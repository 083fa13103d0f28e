"""Polite HTTP fetching for scraping runs: robots.txt, a pace per host, conditional
requests, capped redirects, timeouts, and retries with backoff for what may pass."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

KEPT_HEADERS = ("content-type", "date", "last-modified", "etag", "content-language")


@dataclass(frozen=True)
class FetchSettings:
    """How a scraping run behaves towards sites; every field has a polite default."""

    user_agent: str = "healthclean-scraper/0.1"
    timeout_s: float = 20.0  # connect, read and write each
    max_redirects: int = 5
    retries: int = 3  # after the first try, for connection errors, timeouts, 429 and 5xx
    backoff_s: float = 1.0  # doubled at each retry; a longer Retry-After wins, up to max_wait_s
    max_wait_s: float = 60.0
    host_interval_s: float = 1.0  # at least this long between two requests to one host


@dataclass(frozen=True)
class Fetched:
    """What became of one URL: fetched, not_modified, robots_disallowed or failed."""

    url: str
    outcome: str
    status: int | None = None
    final_url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    reason: str | None = None  # snake_case, for failures
    message: str | None = None
    fetched_at: str = ""


class Fetcher:
    """One client for a run. `validators` maps a URL to the ETag / Last-Modified of its last
    fetch (updated here); `sleep` and `clock` are injectable for tests."""

    def __init__(self, settings: FetchSettings = FetchSettings(), validators: dict[str, dict[str, str]] | None = None,
                 *, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings, self.validators = settings, {} if validators is None else validators
        self.sleep, self.clock = sleep, clock
        # Redirects are followed here, hop by hop, so each hop keeps its host's robots.txt and pace.
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent}, timeout=settings.timeout_s,
                                   follow_redirects=False)
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str) -> Fetched:
        if not self.allowed(url):
            return Fetched(url, "robots_disallowed", reason="robots_disallowed", message="robots.txt disallows this URL.")
        failure, wait = ("failed", "no attempt made"), 0.0
        for attempt in range(self.settings.retries + 1):
            if attempt:  # exponential backoff, or longer if the server said so (Retry-After)
                self.sleep(min(max(self.settings.backoff_s * 2 ** (attempt - 1), wait), self.settings.max_wait_s))
            outcome = self._attempt(url)
            if isinstance(outcome, Fetched):
                return outcome
            failure, wait = outcome
        return Fetched(url, "failed", reason=failure[0], message=failure[1], fetched_at=_now())

    def _attempt(self, url: str) -> Fetched | tuple[tuple[str, str], float]:
        """A final answer, or a transient failure and how long the server asked us to wait."""
        try:
            response = self._follow(url, headers=self._conditional_headers(url))
        except httpx.TimeoutException:
            return ("timeout", f"No answer within {self.settings.timeout_s} s."), 0.0
        except httpx.TransportError as error:
            return ("connection_error", f"{type(error).__name__}: {error}"), 0.0
        if isinstance(response, Fetched):
            return response
        status = response.status_code
        if status == 429 or status >= 500:
            return (f"http_{status}", f"The server answered {status}."), _retry_after(response)
        if status == 304:
            return Fetched(url, "not_modified", status=304, final_url=str(response.url), fetched_at=_now())
        if status >= 400:  # never retried: a 404 stays a 404
            return Fetched(url, "failed", status=status, final_url=str(response.url), reason=f"http_{status}",
                           message=f"The server answered {status}.", fetched_at=_now())
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        self.validators[url] = {k: headers[k] for k in ("etag", "last-modified") if k in headers}
        return Fetched(url, "fetched", status=status, final_url=str(response.url), headers=headers,
                       body=response.content, fetched_at=_now())

    def _follow(self, url: str, headers: dict[str, str]) -> httpx.Response | Fetched:
        """GET `url` and its redirects, up to max_redirects hops; a hop robots.txt disallows
        is not requested."""
        response = self._get(url, headers=headers)
        for _ in range(self.settings.max_redirects):
            if not response.is_redirect or response.next_request is None:
                return response
            target = str(response.next_request.url)
            if not self.allowed(target):
                return Fetched(url, "robots_disallowed", final_url=target, reason="robots_disallowed",
                               message=f"Redirected to {target}, which robots.txt disallows.", fetched_at=_now())
            response = self._get(target, headers=headers)
        if response.is_redirect:
            return Fetched(url, "failed", reason="too_many_redirects",
                           message=f"More than {self.settings.max_redirects} redirects (or a loop).", fetched_at=_now())
        return response

    def _conditional_headers(self, url: str) -> dict[str, str]:
        known = self.validators.get(url, {})
        sent = {"If-None-Match": known.get("etag"), "If-Modified-Since": known.get("last-modified")}
        return {name: value for name, value in sent.items() if value}

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's origin, fetched once a run: missing (4xx) allows all; an
        unreachable one (5xx, no answer) disallows all until the next run (RFC 9309)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        return self._robots[origin].can_fetch(self.settings.user_agent, url)

    def _read_robots(self, origin: str) -> RobotFileParser:
        robots = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self._get(f"{origin}/robots.txt")
        except httpx.HTTPError:
            robots.disallow_all = True
            return robots
        if response.status_code >= 500:
            robots.disallow_all = True
        elif response.status_code >= 400:
            robots.allow_all = True
        else:
            robots.parse(response.text.splitlines())
        return robots

    def _get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        """A GET after waiting for the host's pace."""
        host = urlsplit(url).netloc
        if host in self._last_request:
            wait = self._last_request[host] + self.settings.host_interval_s - self.clock()
            if wait > 0:
                self.sleep(wait)
        try:
            return self.client.get(url, headers=headers)
        finally:
            self._last_request[host] = self.clock()


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    if value.isdigit():
        return float(value)
    try:
        return max((parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds(), 0.0)
    except (TypeError, ValueError):
        return 0.0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
