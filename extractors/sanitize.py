"""Metadata made safe to hand on: one-line plain text, and only absolute http(s) URLs.

Pages are written by strangers. A `javascript:` canonical link, or a title with a bidi
override that shows "exe.doc" as "cod.exe", must not reach downstream apps as the
page's URL or name; such values are cleaned here before they enter an Article.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Invisible controls: C0 except the line breaks and tabs handled below, DEL, C1 except
# NEL (a line break), bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
# The marks U+200E/U+200F stay: right-to-left titles need them.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")
# A line break or tab, with the spaces around it: one space in a one-line field. Other
# spaces (no-break, thin) are left alone: "10\u00a0mg" is written that way on purpose.
_BREAK = "\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029"
_BREAKS = re.compile(f" *[{_BREAK}][{_BREAK} ]*")
# Inside a URL: no whitespace, no control, no bidi character (a browser would not take it whole).
_NOT_IN_URL = re.compile("[\x00-\x20\x7f-\x9f\u00a0\u2028\u2029\u202a-\u202e\u2066-\u2069]")
WEB_SCHEMES = ("http", "https")


def one_line(text: str | None) -> str | None:
    """`text` as one line of plain text: invisible controls and bidi overrides removed, line
    breaks and tabs made one space, ends stripped; None when nothing is left."""
    if text is None:
        return None
    return _BREAKS.sub(" ", _INVISIBLE.sub("", text)).strip() or None


def one_line_all(texts: list[str]) -> list[str]:
    """`one_line` of each, without the ones left empty."""
    return [line for line in map(one_line, texts) if line]


def web_url(value: str | None) -> str | None:
    """`value` if it is an absolute http(s) URL with a host (surrounding whitespace stripped,
    as browsers do); None for anything else: relative, `javascript:`, `data:`, `file:` ...
    or holding whitespace, controls or bidi characters inside."""
    url = (value or "").strip()
    if not url or _NOT_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    return url if parts.scheme.lower() in WEB_SCHEMES and host else None
