"""Sites and the fixed tune / held split of a corpus by site (one rule for every corpus).

A site is the registered domain of a page's host (fi.iliveok.com and vi.iliveok.com are one
site, one template); its half is fixed by the first hex digit of the SHA-1 of that name, so
a page never changes half and no site has pages in both.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

HALVES = ("tune", "held")

# Second-level suffixes under which a site registers its name (a short list, enough for the
# hosts of ../shared/corpora; an unknown one only makes two sites of one, in one half each).
_TWO_LEVEL_SUFFIXES = frozenset({
    "com.au", "com.br", "com.tr", "co.uk", "org.uk", "ac.uk", "gov.uk", "co.jp", "or.jp", "ne.jp", "co.in",
    "co.nz", "com.cn", "com.mx", "com.ar", "co.za", "com.sg", "co.kr", "com.hk", "com.tw", "gov.au", "org.au",
})


def site_of(host: str) -> str:
    """The registered domain of a host name."""
    labels = host.lower().removeprefix("www.").split(".")
    keep = 3 if ".".join(labels[-2:]) in _TWO_LEVEL_SUFFIXES else 2
    return ".".join(labels[-keep:])


def site_of_url(url: str) -> str:
    return site_of(urlsplit(url).hostname or "")


def half_of(host: str) -> str:
    """A site's half, by the first hex digit of its registered domain's SHA-1."""
    return HALVES[int(hashlib.sha1(site_of(host).encode()).hexdigest()[0], 16) % 2]
