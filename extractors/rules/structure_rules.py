"""Rules that find boilerplate by position and shape, in any language.

Each rule takes the blocks as tagged so far and returns them with its own tags added.
A block that already carries a removing tag is invisible to the neighbour tests below.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.records import Block, Tag
from extractors.rules.line_shape import folded, word_stems


@dataclass(frozen=True)
class PageContext:
    """What rules may know beyond the blocks: the declared title and the page format."""

    title: str | None = None
    format: str = "text"
    title_variants: tuple[str, ...] = ()  # other forms of the title (raw <title>, <h1>)
    template_lines: frozenset[str] = frozenset()  # lines the page's site repeats on many pages
    thresholds: Thresholds = DEFAULT_THRESHOLDS  # what the rules decide by (extractors.config)

# "Title - Category" as content farms repeat it; the suffix names the category.
_CATEGORY_SEPARATORS = (" - ", " – ", " | ")
_LIST_INTRO_END = re.compile(r"\s?:$")  # French writes "suivants :"
# A line of code after "run this:" is no list item's tail: braces, operators, a call, a
# dotted or snake_case name, a shell option or prompt.
_CODE_MARK = re.compile(r"[{};<>=\\$|]|\w\(|\w\.[^\W\d]\w|\w_\w|^(?:--?\w|sudo\b|#)")


def tag_repeated_title(blocks: list[Block], context: PageContext) -> list[Block]:
    """Later copies of the title, alone or with a ' - Category' suffix."""
    title = context.title or next((t.value for b in blocks for t in b.tags if t.rule == "title"), None)
    if not title:
        return blocks
    forms = {folded(t) for t in (title, *context.title_variants) if t}
    tags = {}
    for i, block in enumerate(blocks):
        if block.kind == "heading" and not block.has("title"):
            category = _category_after(title, block.text)
            if folded(block.text) in forms or category:
                tags[i] = Tag("repeated_title", value=category)
    return retag(blocks, tags)


def _category_after(title: str, line: str) -> str | None:
    for separator in _CATEGORY_SEPARATORS:
        if line.startswith(title + separator):
            return line[len(title + separator):].strip() or None
    return None


def tag_site_template(blocks: list[Block], context: PageContext) -> list[Block]:
    """Lines the site repeats on many pages of the batch (headers, footers, sidebars)."""
    if not context.template_lines:
        return blocks
    tags = {i: Tag("site_template") for i, b in enumerate(blocks) if b.text in context.template_lines}
    return retag(blocks, tags)


def tag_share_runs(blocks: list[Block], context: PageContext) -> list[Block]:
    """Two or more share labels in a row are a share bar; one alone may be content."""
    tags, run = {}, []
    for i, block in enumerate([*blocks, None]):
        if block is not None and block.has("share_label"):
            run.append(i)
            continue
        if len(run) >= 2:
            tags.update({j: Tag("share_buttons") for j in run})
        run = []
    return retag(blocks, tags)


def tag_orphan_headings(blocks: list[Block], context: PageContext) -> list[Block]:
    """A heading with no body right after text: in a text dump an inline related link (when
    another heading follows, unless it asks a question, the other is the page's last line, or a
    third heading-shaped line follows: then they are an unbulleted list),
    anywhere a trailing heading with nothing under it. (In HTML a heading followed by a subheading is ordinary structure.)"""
    kept = [i for i, b in enumerate(blocks) if b.removed_by is None]
    tags = {}
    for before, here, after, beyond in zip(kept, kept[1:], [*kept[2:], None], [*kept[3:], None, None]):
        if blocks[here].kind != "heading" or blocks[before].kind == "heading":
            continue
        if beyond is not None and (blocks[beyond].kind == "heading" or blocks[beyond].text[:1].islower()):
            # Three heading-shaped lines in a row are a list without bullets ("June 9 -- Venue");
            # a lower-case line after them continues their sentence, split where links were.
            continue
        # A question is a section's heading, never a link title: "Varför får man diabetes?".
        # The page's last line says nothing: a dump cut mid-paragraph ends in a heading-shaped fragment.
        linked = after is not None and after != kept[-1] and context.format == "text" \
            and blocks[after].kind == "heading" and not blocks[here].text.endswith("?") and ": " not in blocks[here].text \
            and not word_stems(blocks[after].text) <= word_stems(blocks[here].text)  # a subheading that is part of its parent
        if after is None or linked:
            tags[here] = Tag("orphan_heading")
    if context.format == "html":
        tags.update(_empty_html_sections(blocks, kept))
    return retag(blocks, tags)


def _empty_html_sections(blocks: list[Block], kept: list[int]) -> dict[int, Tag]:
    """An HTML heading followed straight by a heading of its own level or above has no
    section: a sidebar's "Today on WebMD" before the next h2. (A subheading after it is its
    section's structure; levels come from the page, 0 where unknown.)"""
    return {here: Tag("orphan_heading") for here, after in zip(kept, kept[1:])
            if blocks[here].kind == blocks[after].kind == "heading"
            and 0 < blocks[after].depth <= blocks[here].depth}


def tag_repeated_paragraphs(blocks: list[Block], context: PageContext) -> list[Block]:
    """In a text dump, a paragraph that repeats one of the two kept just before it word for
    word (a gallery's copy of the intro, A B A B): the first stays. Further apart, a repeat is
    the article's (an interview asks each guest the same question)."""
    if context.format != "text":
        return blocks
    recent: list[str] = []
    tags = {}
    for i, block in enumerate(blocks):
        if block.removed_by is not None:
            continue
        if block.kind == "paragraph" and len(block.text) >= context.thresholds.duplicate_min_chars and block.text in recent:
            tags[i] = Tag("repeated_paragraph")
            continue
        recent = [*recent[-1:], block.text]
    return retag(blocks, tags)


def tag_lost_list_fragments(blocks: list[Block], context: PageContext) -> list[Block]:
    """A lower-case tail of a sentence right after a list intro: the list between was lost."""
    kept = [i for i, b in enumerate(blocks) if b.removed_by is None]
    tags = {}
    for before, here in zip(kept, kept[1:]):
        intro, block = blocks[before], blocks[here]
        if (
            is_list_intro(intro)
            and block.kind == "paragraph"
            and block.text[0].islower()
            and len(block.text.split()) <= context.thresholds.fragment_max_words
            and not _CODE_MARK.search(block.text)
        ):
            tags[here] = Tag("lost_list_fragment")
    return retag(blocks, tags)


def is_list_intro(block: Block) -> bool:
    """A paragraph that announces a list by ending in a colon."""
    return block.kind == "paragraph" and bool(_LIST_INTRO_END.search(block.text))


def retag(blocks: list[Block], tags: dict[int, Tag]) -> list[Block]:
    return [b.with_tag(tags[i]) if i in tags else b for i, b in enumerate(blocks)]
