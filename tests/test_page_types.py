"""Page types (extractors.page_types): what the page declares, then its address, then the
signals of an article. Figures on real pages: `python -m bench.wcxb` (docs/benchmarks.md)."""

from __future__ import annotations

import pytest

from extractors.page_types import page_type_of, text_dump_page_type
from extractors.records import Block

PROSE = ("Stretching the affected muscle gently and drinking enough water are the two simplest ways to ease "
         "a cramp once it has started, say most sports physicians.")
ARTICLE_BODY = [Block("paragraph", PROSE) for _ in range(10)]
LINKS = [Block("item", "Shop now"), Block("item", "Free delivery"), Block("paragraph", "Add to basket")]


def kind(kinds=(), url="https://example.org/health/cramps", blocks=ARTICLE_BODY, published=None) -> str:
    return page_type_of(frozenset(kinds), url=url, blocks=blocks, published=published)


@pytest.mark.parametrize("kinds, expected", [
    ({"newsarticle", "organization"}, "article"),
    ({"discussionforumposting"}, "forum"),
    ({"qapage", "article"}, "forum"),  # a Q&A page declares its answers as articles too
    ({"product", "breadcrumblist"}, "product"),
    ({"og:product"}, "product"),
    ({"collectionpage"}, "listing"),
])
def test_what_the_page_declares_decides_first(kinds, expected):
    assert kind(kinds, blocks=LINKS) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://community.example.org/t/leg-cramps/123", "forum"),
    ("https://example.org/forums/topic/leg-cramps", "forum"),
    ("https://docs.example.org/guide/install", "other"),
    ("https://example.org/docs/api/cramps", "other"),
])
def test_the_address_says_forum_or_documentation(url, expected):
    assert kind(url=url) == expected


def test_an_undeclared_page_needs_two_signals_of_an_article():
    few = ARTICLE_BODY[:5] + LINKS * 2  # five prose paragraphs: one signal (ten would be two)
    assert kind(blocks=few) == "other"
    assert kind(blocks=few, published="2024-05-01") == "article"
    assert kind({"og:article", "person"}, blocks=LINKS) == "article"
    assert kind(blocks=ARTICLE_BODY) == "article"  # ten prose paragraphs and nothing else: two signals
    assert kind(blocks=LINKS, published="2024-05-01") == "other"


def test_a_text_dump_is_an_article_unless_its_address_says_otherwise():
    assert text_dump_page_type(None) == "article"
    assert text_dump_page_type("https://forum.example.org/thread/1") == "forum"
    assert text_dump_page_type("http://[::1/forum/") == "article"  # an unreadable address says nothing
