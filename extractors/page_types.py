"""What kind of page an HTML record came from: healthclean is for articles, and a forum
thread, a product page or a listing should not pass for one (Article.page_type).

Decided from what the page declares first (JSON-LD @types, og:type), then its address
(forum and documentation paths), then its signals of an article: og:type "article", a
published date, a Person among the declared objects, a body of prose (which counts twice
when it is nearly all the body). A page needs `article_min_signals` of those to be an
"article"; without them it is "other".
Measured against wcxb's page types in docs/benchmarks.md (`python -m bench.wcxb`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.json_data import ARTICLE_TYPES
from extractors.records import Block

PAGE_TYPES = ("article", "forum", "product", "listing", "other")

# Declared kinds (lower case JSON-LD @types; "og:" + og:type), by the page type they name.
# The types whose metadata is read as an article's (json_data), but "webpage": every page is one.
ARTICLE_KINDS = frozenset(ARTICLE_TYPES - {"webpage"}) | {
    "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle", "liveblogposting"}
FORUM_KINDS = frozenset({"discussionforumposting", "qapage", "question"})
PRODUCT_KINDS = frozenset({"product", "productgroup", "productmodel", "individualproduct", "offer", "aggregateoffer",
                           "og:product", "og:product.group", "og:product.item"})
LISTING_KINDS = frozenset({"collectionpage", "itemlist", "searchresultspage"})

# Addresses: a thread or topic path, or a forum host; a documentation path or host.
FORUM_PATH = re.compile(r"/(?:t|threads?|topics?|forums?|community|communities|discussions?|questions)/"
                        r"|viewtopic|showthread", re.IGNORECASE)
FORUM_HOSTS = ("forum.", "forums.", "community.", "discuss.", "discourse.")
DOCS_PATH = re.compile(r"/(?:docs?|documentation|reference|api|manual|guides?|tutorials?|wiki|kb)(?:/|$)", re.IGNORECASE)
DOCS_HOSTS = ("docs.", "developer.", "developers.", "learn.", "help.", "support.", "wiki.")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "»", ")")


def page_type_of(
    kinds: frozenset[str], *, url: str | None, blocks: list[Block], published: str | None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> str:
    """One of PAGE_TYPES for an HTML page (see the module's docstring)."""
    address = _address_type(url)
    if kinds & FORUM_KINDS or address == "forum":
        return "forum"
    if kinds & ARTICLE_KINDS:
        return "article"
    if kinds & PRODUCT_KINDS:
        return "product"
    if address == "other":
        return "other"
    if kinds & LISTING_KINDS:
        return "listing"
    signals = ("og:article" in kinds) + bool(published) + ("person" in kinds) + _prose_signals(blocks, thresholds)
    return "article" if signals >= thresholds.article_min_signals else "other"


def text_dump_page_type(url: str | None) -> str:
    """A text dump comes from an article scraper and declares nothing: an article, unless its
    address is a forum thread or documentation."""
    return _address_type(url) or "article"


def _prose_signals(blocks: list[Block], thresholds: Thresholds) -> int:
    """1 when most of the body's words stand in several long paragraphs that end like
    sentences; 2 when twice as many hold nearly all of it (an article with no markup)."""
    words = sum(len(b.text.split()) for b in blocks)
    prose = [n for b in blocks if b.kind == "paragraph" and b.text.rstrip().endswith(_SENTENCE_END)
             and (n := len(b.text.split())) >= thresholds.prose_paragraph_words]
    if len(prose) >= 2 * thresholds.prose_paragraphs and sum(prose) >= thresholds.prose_strong_share * words:
        return 2
    return int(len(prose) >= thresholds.prose_paragraphs and sum(prose) >= thresholds.prose_share * words)


def _address_type(url: str | None) -> str | None:
    """"forum" for a thread's address, "other" for documentation, None when it says neither."""
    try:
        parts = urlsplit(url or "")
        host, path = (parts.hostname or "").removeprefix("www."), parts.path
    except ValueError:  # "http://[::1" and the like: an address that says nothing
        return None
    if FORUM_PATH.search(path) or host.startswith(FORUM_HOSTS):
        return "forum"
    return "other" if DOCS_PATH.search(path) or host.startswith(DOCS_HOSTS) else None
