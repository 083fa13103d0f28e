"""Rules that take a header and the section under it: sources, related links, comments."""

from __future__ import annotations

import re

from extractors.records import Block, Tag
from extractors.rules.structure_rules import PageContext, retag



def tag_comment_sections(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'Comments' header and the short lines under it."""
    return _tag_sections(blocks, "comments_header", "comments_section", keep_values=False,
                          max_words=context.thresholds.related_max_words)


def tag_references(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'Sources'/'References' heading and its section: kept as `references`."""
    return _tag_sections(blocks, "references_header", "reference", keep_values=True,
                          max_words=context.thresholds.reference_max_words)


def tag_related_sections(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'You may also like'/'Don't miss' header and the link titles under it. The run
    stops at the first long paragraph: an inline "Don't miss" box sits inside the article."""
    return _tag_sections(blocks, "related_header", "related_link", keep_values=False,
                          max_words=context.thresholds.related_max_words)


# What only a bibliographic citation holds, in any language: "et al." before a year, a
# journal's "2006;130:1480-91", a DOI or a PubMed id.
_CITATION = re.compile(r"\bet al\.?,? .*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d;\s?\d+(?:\(\d+\))?:\s?\w?\d|\bdoi:\s?10\.|\bPMID:?\s?\d", re.I)


def tag_citations(blocks: list[Block], context: PageContext) -> list[Block]:
    """A line shaped like a bibliographic citation, with or without a sources header: kept
    as `references`, out of the body."""
    tags = {i: Tag("reference", value=b.text) for i, b in enumerate(blocks)
            if b.kind in ("item", "paragraph") and not b.tags and _CITATION.search(b.text)
            and len(b.text.split()) <= context.thresholds.reference_max_words}
    return retag(blocks, tags)


def _tag_sections(
    blocks: list[Block], header: str, member: str, *, keep_values: bool, max_words: int | None = None
) -> list[Block]:
    tags, inside = {}, False
    for i, block in enumerate(blocks):
        if block.has(header) and block.kind in ("heading", "paragraph"):
            tags[i], inside = Tag(header if keep_values else member), True
        elif block.kind == "heading" or (max_words and len(block.text.split()) > max_words):
            inside = False
        elif inside:
            tags[i] = Tag(member, value=block.text if keep_values else None)
    return retag(blocks, tags)
