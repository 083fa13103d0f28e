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


def read_html(
    data: bytes, *, limits: Limits = DEFAULT_LIMITS, thresholds: Thresholds = DEFAULT_THRESHOLDS, fast: bool = True,
    charset: str | None = None,
) -> HtmlContent | Failure:
    """Blocks of the page's main content.

    limits: a gzip page may inflate to `max_inflated_bytes`; elements may nest `max_depth` deep.
    charset: the server's (HTTP Content-Type), tried before the page's own declaration.
    fast: trafilatura's fast mode (no readability/jusText fallback): about 40 % less time,
    the same F1 on the benchmark (docs/benchmarks.md).
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
    document = trafilatura.bare_extraction(
        tree, fast=fast, include_comments=False, include_tables=True, with_metadata=False
    )
    checkpoint()
    if document is None or document.body is None:
        return Failure("no_content", "No main content was found in the page.")
    return HtmlContent(blocks=blocks_from_body(document.body, layout_cell_words=thresholds.layout_cell_words), removed=removed, declared=declared)
