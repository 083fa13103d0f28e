"""Which URLs a scrape may request, checked before any request, and their canonical host.

A URL list is typed by people and redirects come from servers: either may hold anything
(control characters, a bracket left open, a 300-character host name, 64 KB of text). Each
such URL becomes a `failed` / `invalid_url` outcome instead of an exception from the URL
parser, the IDNA codec or the socket layer.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

import httpx
import idna

# RFC 9110 asks for at least 8,000 octets; sitemaps stop at 2,048 characters, so no real
# article URL comes near this, while a pasted blob (or a 64 KB one httpx refuses) does.
MAX_URL_CHARS = 8_192
MAX_HOST_CHARS, MAX_LABEL_CHARS = 253, 63  # DNS (RFC 1035), without a trailing dot
SCHEMES = ("http", "https")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0, DEL, C1: never part of a URL people mean


def url_problem(url: str) -> str | None:
    """Why `url` cannot be requested, as a sentence for the manifest; None for a URL that
    may be: http(s), parseable, a port in range and a valid (IDNA) host name or IP address."""
    if len(url) > MAX_URL_CHARS:
        return f"The URL has {len(url)} characters; the limit is {MAX_URL_CHARS}."
    if _CONTROL.search(url):
        return "The URL holds a control character (a NUL, a tab, a line break or the like)."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
        parsed = httpx.URL(url)  # what the request is made of: both parsers must accept it
    except (httpx.InvalidURL, ValueError) as error:  # UnicodeError and idna.IDNAError are ValueErrors
        return f"The URL cannot be parsed: {error}."
    if parts.scheme.lower() not in SCHEMES or parsed.scheme not in SCHEMES:
        return "Not an http(s) URL."
    host = ascii_host(url)
    if host is None:
        return "The host name is missing, or not a valid (IDNA) host name or IP address."
    if parsed.raw_host.decode("ascii", "replace").lower().rstrip(".") not in (host, f"[{host}]"):
        return "The host name is read differently by different URL parsers."
    return None


def ascii_host(url: str) -> str | None:
    """The URL's host as lower-case ASCII (IDNA A-labels, no trailing dot) or as a
    compressed IPv6 address; None if it has no valid one. Never raises."""
    try:
        host = urlsplit(url).hostname
        if not host or len(host) > 4 * MAX_HOST_CHARS:  # before IDNA: it is slow on huge input
            return None
        if ":" in host:
            return ipaddress.IPv6Address(host).compressed
        ascii_name = idna.encode(host, uts46=True).decode("ascii").rstrip(".")
    except ValueError:  # idna.IDNAError and UnicodeError are ValueErrors
        return None
    labels = ascii_name.split(".")
    if not ascii_name or len(ascii_name) > MAX_HOST_CHARS or any(not 0 < len(label) <= MAX_LABEL_CHARS for label in labels):
        return None
    return ascii_name
