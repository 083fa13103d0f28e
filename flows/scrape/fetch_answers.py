"""Reading one answer: its body within max_bytes, its Retry-After, and what each failure of
a request means for the URL (a final failure, or a transient one to retry)."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx

from flows.scrape.fetch_deadline import DEADLINE_PASSED
from flows.scrape.fetch_settings import Fetched, FetchSettings, Transient, failed


class TooLarge(Exception):
    """A body over max_bytes: said by its Content-Length, or counted while it streams."""


def body_within(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, refused unread if its Content-Length (of unencoded bytes) is over
    `limit`, and cut off as soon as the bytes counted (inflated ones too) are."""
    encoded = response.headers.get("content-encoding", "identity").strip().lower() != "identity"
    declared = response.headers.get("content-length", "")
    if not encoded and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The server announced {declared} bytes; the limit (max_bytes) is {limit}. Nothing was read.")
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # decoded: a gzip bomb counts as what it inflates to
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"The body{' once inflated' if encoded else ''} is over the limit (max_bytes) of {limit} bytes; "
                           "reading stopped there and nothing was kept.")
        chunks.append(chunk)
    return b"".join(chunks)


def failure_of(url: str, error: Exception, settings: FetchSettings) -> Fetched | Transient:
    """A request's exception as the URL's failure: final, or transient (retried)."""
    if isinstance(error, TooLarge):  # never retried: it would be as large again
        return failed(url, "too_large", str(error))
    if isinstance(error, httpx.TimeoutException):
        if str(error) == DEADLINE_PASSED:
            return ("timeout", f"The request took longer than deadline_s = {settings.deadline_s} s."), 0.0
        return ("timeout", f"No answer within timeout_s = {settings.timeout_s} s."), 0.0
    if isinstance(error, httpx.TransportError):  # refused, reset, a broken answer; robots.txt's too
        return ("connection_error", f"{type(error).__name__}: {error}"), 0.0
    if isinstance(error, httpx.DecodingError):
        return failed(url, "undecodable_body", f"The body does not decode as its Content-Encoding says: {error}")
    return failed(url, "invalid_url", f"{type(error).__name__}: {error}")  # what url_problem did not foresee


# What failure_of maps; anything else is a bug and propagates.
REQUEST_ERRORS = (TooLarge, httpx.TransportError, httpx.DecodingError, httpx.InvalidURL, UnicodeError, ValueError)


def retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "")
    if value.isdigit():
        return float(value)
    try:
        return max((parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds(), 0.0)
    except (TypeError, ValueError):
        return 0.0
