"""An article's identity beyond its bytes (contract 1.4): its key, and when and where its
bytes were fetched, as a scraper's sidecar recorded them.

The key does not change with the bytes: the page's canonical URL when it gives one, else
the URL it was fetched from, normalised (lower-case scheme and host, no default port,
fragment or tracking parameters, no trailing slash), else `path:` and its path below the
raw root. Two fetches of one page on two days are two records of one key.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from extractors.sanitize import web_url

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def article_key(canonical_url: str | None, url: str | None, path: str) -> str:
    """The key of an article (see the module's docstring)."""
    for candidate in (canonical_url, url):
        normal = normal_url(candidate)
        if normal:
            return normal
    return f"path:{path}"


def key_of(record: dict) -> str:
    """The article key of a written record (one written before 1.4 gets it the same way)."""
    source = record["source"]
    return record.get("article_key") or article_key(record.get("canonical_url"), source.get("url"), source["path"])


def normal_url(url: str | None) -> str | None:
    """An http(s) URL in one spelling, or None for anything else."""
    if web_url(url) is None:
        return None
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)])
    return urlunsplit((scheme, netloc, parts.path.rstrip("/") or "/", query, ""))


def fetch_time(value: object) -> str | None:
    """An ISO 8601 time with its offset as a sidecar gives it, or None (a sidecar is input too)."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.isoformat() if parsed.tzinfo is not None else None


def fetched_urls(values: object) -> list[str]:
    """The absolute http(s) URLs among a sidecar's, sorted, each once."""
    return sorted({u for u in values if isinstance(u, str) and web_url(u)}) if isinstance(values, (list, tuple)) else []
