"""HTML extraction on real wcxb pages of the tune half: the fast pass and its fallback (when
trafilatura's fast pass keeps a fragment of the page, the full extraction runs), and list
items whose inline code trafilatura mishandles once unwrapped."""

from __future__ import annotations

import gzip

from bench.quality import body_text
from extractors.html_page import read_html
from extractors.pipeline import clean_page
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


def test_list_items_around_inline_code_keep_their_words():
    """0670, PostgreSQL's manual: `<li><p>All queries in the <code>WITH</code> list ...`;
    with the <p> unwrapped, trafilatura kept "WITH" and lost "All queries in the"."""
    body = " ".join(body_text(clean_page(page("0670"), "0670.html")).split())
    assert "All queries in the WITH list are computed." in body
