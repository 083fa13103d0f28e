"""Fetched pages in the raw zone, and what the clean flow reads back from them.

Layout: raw/<host>/<yyyy-mm-dd>/<sha256>.html and, beside it, the sidecar <sha256>.json with
the URL, the final URL after redirects, the status, the headers that matter and the fetch
time. Scraper state (each URL's ETag / Last-Modified, run manifests) lives in raw/.scrape/,
hidden from the clean flow.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import urlsplit

from extractors.records import Origin
from flows.fetch import Fetched
from flows.storage import Zone

SIDECAR, VALIDATORS = ".json", ".scrape/validators.json"
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


def land(raw: Zone, fetched: Fetched, day: str) -> str:
    """Write a fetched page and its sidecar; return the page's path in the raw zone."""
    assert fetched.body is not None
    host = urlsplit(fetched.final_url or fetched.url).hostname or "unknown-host"
    stem = f"{host}/{day}/{hashlib.sha256(fetched.body).hexdigest()}"
    raw.write_atomic(f"{stem}.html", fetched.body)
    sidecar = {"url": fetched.url, "final_url": fetched.final_url, "status": fetched.status,
               "headers": fetched.headers, "fetched_at": fetched.fetched_at}
    raw.write_atomic(stem + SIDECAR, json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
    return f"{stem}.html"


def pages_of(paths: list[str]) -> list[str]:
    """The inputs of a raw listing: a `<name>.json` beside `<name>.html(.gz)` is that page's
    sidecar, not a page of its own."""
    stems = {p.removesuffix(".gz").removesuffix(".html") for p in paths if p.endswith((".html", ".html.gz"))}
    return [p for p in paths if not (p.endswith(SIDECAR) and p.removesuffix(SIDECAR) in stems)]


def origin_of(raw: Zone, page: str) -> Origin | None:
    """The page's origin from its sidecar, if it has a readable one (HTML pages only)."""
    if not page.endswith((".html", ".html.gz")):
        return None
    try:
        sidecar = json.loads(raw.read(page.removesuffix(".gz").removesuffix(".html") + SIDECAR, max_bytes=1_000_000))
        headers = sidecar.get("headers", {})
        charset = _CHARSET.search(headers.get("content-type", ""))
        return Origin(url=sidecar.get("final_url") or sidecar.get("url"), charset=charset.group(1) if charset else None)
    except (OSError, ValueError, AttributeError):
        return None


def load_validators(raw: Zone) -> dict[str, dict[str, str]]:
    try:
        return json.loads(raw.read(VALIDATORS))
    except (OSError, ValueError):
        return {}


def save_validators(raw: Zone, validators: dict[str, dict[str, str]]) -> None:
    raw.write_atomic(VALIDATORS, json.dumps(validators, indent=2, sort_keys=True) + "\n")
