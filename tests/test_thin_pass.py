"""The fast pass and its fallback on real pages: when trafilatura's fast pass keeps a
fragment of the page, the full extraction runs (wcxb pages of the tune half)."""

from __future__ import annotations

import gzip

from extractors.html_page import read_html
from tests.conftest import REPO, need_corpus

WCXB = REPO.parent / "shared" / "corpora" / "wcxb"
need_corpus(WCXB, "wcxb")


def words(content) -> int:
    return sum(len(block.text.split()) for block in content.blocks)


def page(page_id: str) -> bytes:
    return gzip.decompress((WCXB / "html" / f"{page_id}.html.gz").read_bytes())


def test_a_thin_fast_pass_takes_the_full_extraction():
    """0307: a podcast page; the fast pass keeps its first paragraph (82 words of ~2,100)."""
    content = read_html(page("0307"))
    assert content.full_pass
    assert words(content) > 1500
    assert words(read_html(page("0307"), fast=False)) == words(content)


def test_a_full_fast_pass_is_kept():
    content = read_html(page("0304"))  # a long article: the fast pass is enough
    assert not content.full_pass
    assert words(content) > 2000
