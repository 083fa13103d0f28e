"""What a scraping run may cost a site and itself (FetchSettings), and what became of a URL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from extractors.limits import DEFAULT_LIMITS


@dataclass(frozen=True)
class FetchSettings:
    """How a scraping run behaves towards sites; every field has a polite default.

    A request is one GET: robots.txt, a page, or one redirect hop of either. A URL costs at
    most (retries + 1) attempts of at most (max_redirects + 1) requests, each ended at
    deadline_s, plus the backoff between attempts.
    """

    user_agent: str = "healthclean-scraper/0.1"
    timeout_s: float = 20.0  # connect, read and write each
    deadline_s: float = 60.0  # one whole request, connecting to its last byte: a trickling server [timeout]
    max_bytes: int = DEFAULT_LIMITS.max_bytes  # one page's body once decoded: the clean flow's raw limit [too_large]
    max_redirects: int = 5
    retries: int = 3  # after the first try, for connection errors, timeouts (the deadline's too), 429 and 5xx
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


Transient = tuple[tuple[str, str], float]  # a failure that may pass (reason, message), and the wait asked for


def failed(url: str, reason: str, message: str, **known) -> Fetched:
    return Fetched(url, "failed", reason=reason, message=message, fetched_at=now(), **known)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
