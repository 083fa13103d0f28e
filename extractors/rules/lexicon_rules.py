"""Tag blocks that match a lexicon phrase. Tags only: structure rules and `decide` act on them."""

from __future__ import annotations

from extractors.lexicon import Lexicon
from extractors.records import Block, Tag

# Lexicon group -> the reason recorded when the line is removed.
LABEL_REASONS = {
    "author": "author_line",
    "published": "published_line",
    "updated": "updated_line",
    "reviewed": "reviewed_by_line",
}
LINE_REASONS = {
    "posted_on": "posted_on",
    "anonymous": "anonymous_placeholder",
    "ad_label": "ad_label",
}
# Lines that are boilerplate only where structure rules confirm them.
CANDIDATE_TAGS = {"share": "share_label", "toc": "toc_header"}
PREFIX_REASONS = {"branding": "branding_heading", "related": "related_link"}
# Prefix rules read like headings; a long paragraph that happens to start "A word from" is content.
PREFIX_KINDS = {"branding": ("heading",), "related": ("heading", "paragraph")}


def tag_lexicon(blocks: list[Block], lexicon: Lexicon) -> list[Block]:
    """Give each block the tag of the first lexicon group it matches, if any."""
    return [_tag_block(block, lexicon) for block in blocks]


def _tag_block(block: Block, lexicon: Lexicon) -> Block:
    tag = _match_label(block, lexicon) or _match_line(block, lexicon) or _match_prefix(block, lexicon)
    return block.with_tag(tag) if tag else block


def _match_label(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.labels.items():
        if match := pattern.match(block.text):
            return Tag(LABEL_REASONS[group], value=match["value"].strip())
    return None


def _match_line(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.lines.items():
        if pattern.match(block.text):
            if group in CANDIDATE_TAGS:
                return Tag(CANDIDATE_TAGS[group], removes=False)
            return Tag(LINE_REASONS[group])
    return None


def _match_prefix(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.prefixes.items():
        if block.kind in PREFIX_KINDS[group] and (match := pattern.match(block.text)):
            return Tag(PREFIX_REASONS[group], value=match["value"].strip())
    return None


def is_anonymous(name: str, lexicon: Lexicon) -> bool:
    """True for placeholders such as 'Anonim' that stand where an author name should."""
    pattern = lexicon.lines.get("anonymous")
    return bool(pattern and pattern.match(name))
