"""Polite HTTP fetching for scraping runs: robots.txt, a pace per host, conditional
requests, capped redirects, timeouts, a deadline and a size cap per request, and retries
with backoff for what may pass. Settings and outcomes: flows.scrape.fetch_settings."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from flows.scrape.fetch_answers import REQUEST_ERRORS, body_within, failure_of, retry_after
from flows.scrape.fetch_deadline import with_deadlines
from flows.scrape.fetch_robots import head_of, read_robots
from flows.scrape.fetch_settings import Fetched, FetchSettings, Transient, failed, now
from flows.scrape.fetch_urls import url_problem

__all__ = ["Fetched", "Fetcher", "FetchSettings"]  # the settings and outcomes live in flows.scrape.fetch_settings

KEPT_HEADERS = ("content-type", "date", "last-modified", "etag", "content-language")


class Fetcher:
    """One client for a run. `validators` maps a URL to the ETag / Last-Modified of its last
    fetch (updated here); `sleep` and `clock` (the pace's) are injectable for tests."""

    def __init__(self, settings: FetchSettings = FetchSettings(), validators: dict[str, dict[str, str]] | None = None,
                 *, sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.settings, self.validators = settings, {} if validators is None else validators
        self.sleep, self.clock = sleep, clock
        # Redirects are followed here, hop by hop, so each hop keeps its host's robots.txt and pace.
        self.client = httpx.Client(headers={"User-Agent": settings.user_agent}, timeout=settings.timeout_s,
                                   follow_redirects=False)
        self.deadline = with_deadlines(self.client)
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str) -> Fetched:
        if (problem := url_problem(url)) is not None:
            return failed(url, "invalid_url", problem)
        failure, wait = ("failed", "no attempt made"), 0.0
        for attempt in range(self.settings.retries + 1):
            if attempt:  # exponential backoff, or longer if the server said so (Retry-After)
                self.sleep(min(max(self.settings.backoff_s * 2 ** (attempt - 1), wait), self.settings.max_wait_s))
            outcome = self._attempt(url)
            if isinstance(outcome, Fetched):
                return outcome
            failure, wait = outcome
        return failed(url, *failure)

    def _attempt(self, url: str) -> Fetched | Transient:
        """A final answer, or a transient failure and how long the server asked us to wait."""
        try:
            answer = self._follow(url, headers=self._conditional_headers(url))
        except REQUEST_ERRORS as error:
            return failure_of(url, error, self.settings)
        if isinstance(answer, Fetched):
            return answer
        response, body = answer
        status, final_url = response.status_code, str(response.url)
        if status == 429 or status >= 500:
            return (f"http_{status}", f"The server answered {status}."), retry_after(response)
        if status == 304:
            return Fetched(url, "not_modified", status=304, final_url=final_url, fetched_at=now())
        if status >= 300:  # never retried: a 404 stays a 404 (and a 3xx here has no Location)
            return failed(url, f"http_{status}", f"The server answered {status}.", status=status, final_url=final_url)
        headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
        self.validators[url] = {k: headers[k] for k in ("etag", "last-modified") if k in headers}
        return Fetched(url, "fetched", status=status, final_url=final_url, headers=headers, body=body, fetched_at=now())

    def _follow(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes] | Fetched:
        """GET `url` and its redirects, up to max_redirects hops; a hop robots.txt disallows,
        or that is no URL to fetch, is not requested."""
        target = url
        for hop in range(1 + self.settings.max_redirects):
            if hop and (problem := url_problem(target)) is not None:
                return failed(url, "invalid_redirect", f"Redirected to a URL that cannot be fetched: {problem}",
                              final_url=target)
            if not self.allowed(target):
                if not hop:
                    return Fetched(url, "robots_disallowed", reason="robots_disallowed", message="robots.txt disallows this URL.")
                return Fetched(url, "robots_disallowed", final_url=target, reason="robots_disallowed",
                               message=f"Redirected to {target}, which robots.txt disallows.", fetched_at=now())
            response, body = self._get(target, headers=headers, read=lambda r: body_within(r, self.settings.max_bytes))
            if not response.is_redirect or response.next_request is None:
                return response, body
            target = str(response.next_request.url)
        return failed(url, "too_many_redirects", f"More than {self.settings.max_redirects} redirects (or a loop).")

    def _conditional_headers(self, url: str) -> dict[str, str]:
        known = self.validators.get(url, {})
        sent = {"If-None-Match": known.get("etag"), "If-Modified-Since": known.get("last-modified")}
        return {name: value for name, value in sent.items() if value}

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's origin, read once a run (RFC 9309: flows.scrape.fetch_robots). If
        it cannot be reached, httpx.TransportError is raised and nothing is kept: the page's
        attempt fails with it, and the next attempt asks again."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = read_robots(lambda robots_url: self._get(robots_url, read=head_of), origin)
        return self._robots[origin].can_fetch(self.settings.user_agent, url)

    def _get(self, url: str, headers: dict[str, str] | None = None,
             read: Callable[[httpx.Response], bytes] = lambda response: b"") -> tuple[httpx.Response, bytes]:
        """A GET after waiting for the host's pace, ended at deadline_s from connecting to its
        last byte; `read` takes the body of a 2xx answer (no other body is read)."""
        host = urlsplit(url).netloc
        if host in self._last_request:
            wait = self._last_request[host] + self.settings.host_interval_s - self.clock()
            if wait > 0:
                self.sleep(wait)
        try:
            with self.deadline.running(self.settings.deadline_s), self.client.stream("GET", url, headers=headers) as response:
                return response, read(response) if response.is_success else b""
        finally:
            self._last_request[host] = self.clock()
