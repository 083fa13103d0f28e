"""Fetched pages in the raw zone, and what the clean flow reads back from them.

Layout: raw/<host>/<yyyy-mm-dd>/<sha256>.html and, beside it, the sidecar <sha256>.json with
the URL, the final URL after redirects, the status, the headers that matter, the fetch time
and every URL that gave these bytes (`urls`). <host> is the final URL's host as lower-case ASCII (IDNA), never URL text: a host that
cannot name a folder (`..`, `%2e%2e`, ...) lands in `invalid-host/`, and nothing lands
outside the raw zone. Scraper state (each URL's ETag / Last-Modified, run manifests) lives
in raw/.scrape/ (flows.scrape.state), hidden from the clean flow.
"""

from __future__ import annotations

import hashlib
import json
import os
import re

from extractors.records import Origin
from flows.scrape.fetch import Fetched
from flows.scrape.fetch_urls import ascii_host
from flows.store.layout import SIDECAR, sidecar_of
from flows.store.storage import Zone

INVALID_HOST = "invalid-host"  # the folder of pages whose host name cannot name one
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)
_FOLDER = re.compile(r"[a-z0-9][a-z0-9.-]*")  # not hidden ('.'), never '.' or '..'


class OutsideRaw(ValueError):
    """A page would land outside the raw zone; it is not written."""


def host_folder(url: str) -> str:
    """The raw-zone folder of a page from `url`: its validated host (flows.scrape.fetch_urls), an
    IPv6 address as `ipv6-` and its groups joined by '-', or INVALID_HOST. Never raises."""
    host = ascii_host(url) or ""
    folder = "ipv6-" + host.replace(":", "-") if ":" in host else host
    return folder if _FOLDER.fullmatch(folder) else INVALID_HOST


def land(raw: Zone, fetched: Fetched, day: str) -> str:
    """Write a fetched page and its sidecar; return the page's path in the raw zone. The same
    bytes fetched again that day (from another URL, or a redirect's) keep their first fetch's
    sidecar, and its `urls` gains the new ones: every URL that gave these bytes."""
    assert fetched.body is not None
    stem = f"{host_folder(fetched.final_url or fetched.url)}/{day}/{hashlib.sha256(fetched.body).hexdigest()}"
    _check_inside(raw, stem)
    raw.write_atomic(f"{stem}.html", fetched.body)
    first = read_sidecar(raw, f"{stem}.html")
    sidecar = first if isinstance(first, dict) else {
        "url": fetched.url, "final_url": fetched.final_url, "status": fetched.status,
        "headers": fetched.headers, "fetched_at": fetched.fetched_at}
    sidecar["urls"] = sorted({u for u in [*urls_of(sidecar), fetched.url, fetched.final_url] if isinstance(u, str)})
    raw.write_atomic(sidecar_of(f"{stem}.html"), json.dumps(sidecar, indent=2, sort_keys=True) + "\n")
    return f"{stem}.html"


def _check_inside(raw: Zone, stem: str) -> None:
    """Defence in depth: no empty, '.' or '..' part, and on local disks no symlinked folder
    that leads out of the root."""
    if any(part in ("", ".", "..") or "\\" in part for part in stem.split("/")):
        raise OutsideRaw(f"{stem!r} is not a path inside the raw zone; nothing was written.")
    if raw.is_local:
        root = os.path.realpath(raw.root)
        if os.path.commonpath([os.path.realpath(raw.full(stem)), root]) != root:
            raise OutsideRaw(f"{stem!r} leads out of the raw zone (a symlink); nothing was written.")


def pages_of(paths: list[str]) -> list[str]:
    """The inputs of a raw listing: a `<name>.json` beside `<name>.html(.gz)` is that page's
    sidecar, not a page of its own."""
    stems = {p.removesuffix(".gz").removesuffix(".html") for p in paths if p.endswith((".html", ".html.gz"))}
    return [p for p in paths if not (p.endswith(SIDECAR) and p.removesuffix(SIDECAR) in stems)]


def origin_of(raw: Zone, page: str) -> Origin | None:
    """The page's origin from its sidecar, if it has a readable one (HTML pages only)."""
    sidecar = read_sidecar(raw, page)
    try:
        headers = sidecar.get("headers", {})
        charset = _CHARSET.search(headers.get("content-type", ""))
        return Origin(url=sidecar.get("final_url") or sidecar.get("url"), charset=charset.group(1) if charset else None,
                      fetched_at=sidecar.get("fetched_at"), urls=tuple(urls_of(sidecar)))
    except (AttributeError, TypeError):  # a hostile sidecar costs only its origin (extractors.identity checks the rest)
        return None


def urls_of(sidecar: dict) -> list[str]:
    """The URLs a sidecar says gave its bytes (before `urls` existed: its URL and final URL)."""
    urls = sidecar.get("urls") if isinstance(sidecar.get("urls"), list) else [sidecar.get("url"), sidecar.get("final_url")]
    return [u for u in urls if isinstance(u, str)]


def read_sidecar(raw: Zone, page: str):
    """The parsed sidecar beside an HTML page (any JSON value), or None."""
    side = sidecar_of(page)
    if side is None:
        return None
    try:
        return json.loads(raw.read(side, max_bytes=1_000_000))
    except (OSError, ValueError, RecursionError):
        return None
