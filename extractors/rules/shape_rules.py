"""Rules that know boilerplate by its shape alone: kickers, deks, date lines, bare links."""

from __future__ import annotations

import re

from extractors.records import Block, Tag
from extractors.rules.line_shape import dated
from extractors.rules.structure_rules import PageContext, retag

_SENTENCE_END = (".", "!", "?", "…")
# An e-mail address, a URL or a @handle: a line of only these is contact furniture.
# "Name Surname / Agency" under a picture.
_PHOTO_CREDIT = re.compile(r"^[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+){1,3} ?/ ?[A-ZÀ-Ý][\w&.' -]{1,40}$")
_LINK_TOKEN = re.compile(r"^(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+|[\w.-]+\.(?:com|org|net)/\S*|@\w+)[.,;]?$")


def tag_kickers(blocks: list[Block], context: PageContext) -> list[Block]:
    """Short labels above an HTML page's title heading ("Opinion", "Tech"): section kickers."""
    title_at = next((i for i, b in enumerate(blocks[:context.thresholds.kicker_window]) if b.has("repeated_title")), None)
    if title_at is None:
        return blocks
    tags = {
        i: Tag("kicker", value=b.text)
        for i, b in enumerate(blocks[:title_at])
        if b.removed_by is None and len(b.text.split()) <= context.thresholds.kicker_max_words and not b.text.endswith(_SENTENCE_END)
    }
    return retag(blocks, tags)


def tag_standfirst(blocks: list[Block], context: PageContext) -> list[Block]:
    """In HTML, a sentence-long heading before the first paragraph is the dek, not a section."""
    if context.format != "html":
        return blocks
    tags = {}
    for i, block in enumerate(blocks):
        if block.removed_by is not None:
            continue
        if block.kind != "heading":
            break
        if len(block.text.split()) >= context.thresholds.standfirst_min_words or block.text.endswith("."):
            tags[i] = Tag("standfirst", value=block.text)
    return retag(blocks, tags)


def tag_date_lines(blocks: list[Block], context: PageContext) -> list[Block]:
    """A short paragraph that is a timestamp ("22 de outubro de 2010 às 20:13")."""
    tags = {}
    for i, block in enumerate(blocks):
        words = block.text.split()
        if (
            block.kind in ("paragraph", "heading")  # "Thứ Hai ngày 31/10/2022" has a heading’s shape
            and not block.tags
            and len(words) <= context.thresholds.date_line_max_words
            and not block.text.endswith(".")
            and dated(block.text)
        ):
            tags[i] = Tag("date_line", value=block.text)
    return retag(blocks, tags)


def tag_contact_lines(blocks: list[Block], context: PageContext) -> list[Block]:
    """A paragraph of nothing but e-mail addresses, URLs and @handles."""
    tags = {
        i: Tag("contact_line")
        for i, b in enumerate(blocks)
        if b.kind == "paragraph" and len(b.text.split()) <= 4 and all(_LINK_TOKEN.match(w) for w in b.text.split())
    }
    return retag(blocks, tags)


def tag_photo_credits(blocks: list[Block], context: PageContext) -> list[Block]:
    """'Name Surname / Agency' or '© Agency' standing alone, and the short caption line just
    above it; a caption ending in its credit ("… (Immagine: Name / iStock / Getty Images)")."""
    tags = {}
    for i, block in enumerate(blocks):
        if block.removed_by is None and block.kind != "item" and _ends_in_credit(block.text, context.thresholds.caption_max_words):
            tags[i] = Tag("image_caption")
        elif block.kind != "item" and (_PHOTO_CREDIT.match(block.text) and block.removed_by is None or _AGENCY.match(block.text)):
            if block.removed_by is None:
                tags[i] = Tag("image_credit")
            above = blocks[i - 1] if i else None
            if above and above.removed_by is None and _is_caption(above):
                tags[i - 1] = Tag("image_caption")
    return retag(blocks, tags)


# "© Pexels/Cottonbro", "© Drm0o": a photo's credit (a site's footer gives a year).
_AGENCY = re.compile(r"^©\s?(?!.*\b(?:19|20)\d\d\b)\S[^©]{0,40}$")


# A credit closing a line: a one- or two-word label, a colon, and agencies split by "/"
# ("(Image: Rostislav_Sedlacek / iStock / Getty Images)", "Photo Credit: A/iStock/Getty").
_TRAILING_CREDIT = re.compile(
    r"[(\[]?[^\W\d_]{3,20}(?: [^\W\d_]{3,20})?\s?:\s?[^:()\[\]]{2,60}/\s?[A-ZÀ-Ý][^:()\[\]/.]{1,40}[)\]]?$"
)  # the last agency is a name: "Getty Images", not "fisk hjälper."


def _ends_in_credit(text: str, max_words: int) -> bool:
    # The cheap tests first: the pattern backtracks over every ":" of a long line.
    return "/" in text and ":" in text and len(text.split()) <= max_words and bool(_TRAILING_CREDIT.search(text))


def _is_caption(block: Block) -> bool:
    return block.kind in ("heading", "paragraph") and len(block.text.split()) <= 10 and not block.text.endswith(":")


def tag_trailing_short_run(blocks: list[Block], context: PageContext) -> list[Block]:
    """A run of 3+ very short lines closing a text dump, in any language: share buttons.
    Not when a list intro ("Try these:") stands right before it: then it is a list. (HTML share
    bars are containers, caught before extraction; a closing HTML list is content.)"""
    if context.format != "text":
        return blocks
    kept = [i for i, b in enumerate(blocks) if b.removed_by is None]
    run = []
    for i in reversed(kept):
        text = blocks[i].text
        if len(text) > context.thresholds.tail_item_max_chars or len(text.split()) > 2 or text.endswith((*_SENTENCE_END, ":")):
            break
        run.append(i)
    before = kept[len(kept) - len(run) - 1] if len(run) < len(kept) else None
    if len(run) < context.thresholds.tail_run_min_lines or before is None or blocks[before].text.rstrip().endswith(":"):
        return blocks
    return retag(blocks, {i: Tag("share_buttons") for i in run})
