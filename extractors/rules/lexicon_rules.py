"""Tag blocks that match a lexicon phrase. Tags only: structure rules and `decide` act on them."""

from __future__ import annotations

import re

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
    "page_feedback": "page_feedback",
    "widget": "widget_text",
}
# Lines that are boilerplate only where structure rules confirm them.
CANDIDATE_TAGS = {
    "share": "share_label",
    "toc": "toc_header",
    "references": "references_header",
    "related_header": "related_header",
    "comments_header": "comments_header",
}
PREFIX_REASONS = {
    "branding": "branding_heading",
    "related": "related_link",
    "newsletter": "newsletter_prompt",
    "cookie_notice": "cookie_notice",
    "end_credit": "end_credit",
    "disclosure": "affiliate_disclosure",
}
# A long paragraph that happens to start "A word from" is content, not a branding heading.
PREFIX_NEEDS_VALUE = {"branding"}  # "A word from" alone is no branding heading
PREFIX_KINDS = {"branding": ("heading", "paragraph")}
PREFIX_MAX_WORDS = {"branding": 10, "related": 25, "newsletter": 30, "cookie_notice": 60, "end_credit": 40, "disclosure": 60}
CONTAINS_REASONS = {
    "image_credit": "image_credit",
    "copyright": "copyright_notice",
    "reading_time": "reading_time",
    "end_credit": "end_credit",
}
CONTAINS_MAX_WORDS = 12
LABEL_MAX_WORDS = 25
# Several labels on one line: "Medically reviewed by X — Written by Y — Updated on Z".
_LABEL_SEPARATORS = re.compile(r"\s+[—–|•]\s+")
_DIGIT = re.compile(r"\d")


def tag_lexicon(blocks: list[Block], lexicon: Lexicon) -> list[Block]:
    """Give each block the tags of the lexicon groups it matches, if any."""
    return [_tag_block(block, lexicon) for block in blocks]


def _tag_block(block: Block, lexicon: Lexicon) -> Block:
    if block.kind == "table":
        return block
    tags = _match_labels(block, lexicon) or [
        t for t in (_match_line(block, lexicon), _match_prefix(block, lexicon), _match_contains(block, lexicon)) if t
    ][:1]
    for tag in tags:
        block = block.with_tag(tag)
    return block


def _match_labels(block: Block, lexicon: Lexicon) -> list[Tag]:
    if len(block.text.split()) > LABEL_MAX_WORDS:
        return []
    parts = _LABEL_SEPARATORS.split(block.text)
    tags = [_match_label(part, lexicon) for part in parts]
    return tags if all(tags) else []


def _match_label(text: str, lexicon: Lexicon) -> Tag | None:
    # The longest label wins across groups: "Datum Aktualisieren: …" is an updated date,
    # though "Datum" alone is a published one.
    matches = [(g, m) for g, pattern in lexicon.labels.items() if (m := pattern.match(text))]
    for group, match in sorted(matches, key=lambda gm: -gm[1].start("colon")):
        value = match["value"].strip()
        has_colon = ":" in match["colon"]
        # Without a colon, "Updated guidelines say…" must not pass for a label line.
        if not has_colon and not (value[0].isupper() or value[0].isdigit()):
            continue
        if not has_colon and group in ("published", "updated") and not _DIGIT.search(value):
            continue
        return Tag(LABEL_REASONS[group], value=value)
    return None


def _match_line(block: Block, lexicon: Lexicon) -> Tag | None:
    for group, pattern in lexicon.lines.items():
        if pattern.match(block.text):
            if group in CANDIDATE_TAGS:
                return Tag(CANDIDATE_TAGS[group], removes=False)
            return Tag(LINE_REASONS[group])
    return None


def _match_prefix(block: Block, lexicon: Lexicon) -> Tag | None:
    words = len(block.text.split())
    for group, pattern in lexicon.prefixes.items():
        if words > PREFIX_MAX_WORDS[group] or block.kind not in PREFIX_KINDS.get(group, ("heading", "paragraph", "item")):
            continue
        match = pattern.match(block.text)
        if match and (match["value"] or group not in PREFIX_NEEDS_VALUE):
            return Tag(PREFIX_REASONS[group], value=(match["value"] or "").strip() or None)
    return None


def _match_contains(block: Block, lexicon: Lexicon) -> Tag | None:
    if len(block.text.split()) > CONTAINS_MAX_WORDS:
        return None
    for group, pattern in lexicon.contains.items():
        if pattern.search(block.text):
            return Tag(CONTAINS_REASONS[group])
    return None


def is_anonymous(name: str, lexicon: Lexicon) -> bool:
    """True for placeholders such as 'Anonim' that stand where an author name should."""
    pattern = lexicon.lines.get("anonymous")
    return bool(pattern and pattern.match(name))
