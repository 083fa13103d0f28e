"""An HTML page to blocks: decode, parse once, read declared metadata, tidy, extract."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.contract import Removal
from extractors.decode import GZIP_MAGIC, decode_text, inflate
from extractors.html_blocks import blocks_from_body
from extractors.html_meta import DeclaredMeta, read_declared_meta
from extractors.limits import DEFAULT_LIMITS, Limits, checkpoint
from extractors.html_parse import parse_html
from extractors.html_tree import remove_furniture, unwrap_headings_and_items
from extractors.records import Block, Failure


@dataclass(frozen=True)
class HtmlContent:
    blocks: list[Block]
    removed: list[Removal]  # containers dropped before extraction
    declared: DeclaredMeta
    full_pass: bool = False  # trafilatura's full extraction ran (the fast pass was thin)


def read_html(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, thresholds: Thresholds = DEFAULT_THRESHOLDS, fast: bool = True,
    charset: str | None = None,
) -> HtmlContent | Failure:
    """Blocks of the page's main content.

    limits: a gzip page may inflate to `max_inflated_bytes`; elements may nest `max_depth` deep.
    charset: the server's (HTTP Content-Type), tried before the page's own declaration.
    fast: trafilatura's fast pass first (no readability/jusText fallback: about 40 % less
    time); when it keeps under `thresholds.thin_pass_share` of the page's words (a fragment
    of the article, a forum's first line) the full extraction runs and the longer result is
    kept. False: the full extraction only.
    """
    if data.startswith(GZIP_MAGIC):
        data = inflate(data, max_bytes=limits.max_inflated_bytes)
        if isinstance(data, Failure):
            return data
    text = decode_text(data, html=True, charset=charset)
    if isinstance(text, Failure):
        return text
    checkpoint()
    tree = parse_html(text, max_depth=limits.max_depth)
    if isinstance(tree, Failure):
        return tree
    declared = read_declared_meta(tree, byline_max_chars=thresholds.byline_max_chars)
    removed = remove_furniture(tree, max_chars=thresholds.furniture_max_chars)
    unwrap_headings_and_items(tree)
    body, full_pass = _extract(tree, fast=fast, thin_share=thresholds.thin_pass_share)
    if body is None:
        return Failure("no_content", "No main content was found in the page.")
    blocks = blocks_from_body(body, layout_cell_words=thresholds.layout_cell_words)
    return HtmlContent(blocks=blocks, removed=removed, declared=declared, full_pass=full_pass)


def _extract(tree, *, fast: bool, thin_share: float):
    """trafilatura's body of the page (None if it finds none), and whether the full pass ran."""
    body = _body(tree, fast=fast)
    if not fast:
        return body, True
    kept = _words(body)
    if kept >= thin_share * len(tree.text_content().split()):
        return body, False
    full = _body(tree, fast=False)
    return (full if _words(full) > kept else body), True


def _body(tree, *, fast: bool):
    document = trafilatura.bare_extraction(tree, fast=fast, include_comments=False, include_tables=True, with_metadata=False)
    checkpoint()
    return None if document is None else document.body


def _words(body) -> int:
    return 0 if body is None else len(" ".join(body.itertext()).split())
