"""Rules that take a header and the section under it: sources, related links, comments."""

from __future__ import annotations

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
