"""The head of a text dump around its title (extractors.rules.title_rules).

A dump starts with what the page showed above its article (menus, breadcrumbs, logo and
language links, hotlines), then the title, then a few short lines (byline, dates, print
and share links, a photo's caption), then the body. Position and shape say which is which
in any language; the lexicon rules have already tagged the lines they know by phrase.
"""

from __future__ import annotations

from extractors.records import Block, Tag
from extractors.rules.line_shape import folded, is_prose, is_trail, label_shaped, title_index, word_count, word_stems
from extractors.rules.structure_rules import PageContext, is_list_intro, retag


def tag_above_title(blocks: list[Block], context: PageContext) -> list[Block]:
    """Short lines above the title: the page's menus, trails, logo and links. (Prose and
    long list items there are a standfirst or a summary box: kept.)"""
    title = title_index(blocks)
    if context.format != "text" or title is None:
        return blocks
    min_words = context.thresholds.prose_min_words
    tags = {i: Tag("navigation") for i in range(title) if not blocks[i].tags and (
            is_trail(blocks[i].text) or blocks[i].kind == "heading"
            or (not is_prose(blocks[i], min_words) and word_count(blocks[i].text) < min_words))}
    return retag(blocks, tags)


def tag_below_title(blocks: list[Block], context: PageContext) -> list[Block]:
    """Short lines between the title and the body: bylines, dates, print and share links,
    captions, and a run of short numbered items that no intro announces (a contents box or
    a menu); a subtitle whose words the body uses stays. The body starts at the first prose
    paragraph, a list intro, a bulleted list, or a heading with prose or a list right under
    it (a section of the article)."""
    title = title_index(blocks)
    if context.format != "text" or title is None:
        return blocks
    thresholds, tags = context.thresholds, {}
    min_words = thresholds.prose_min_words
    kept = [i for i in range(title + 1, len(blocks)) if blocks[i].removed_by is None]
    body: set[str] | None = None  # the prose's word stems, made when a line needs them
    position = 0
    while position < len(kept):
        here = kept[position]
        after = here + 1 if here + 1 < len(blocks) else None  # the very next line, kept or not
        block = blocks[here]
        if block.kind == "item":
            run = _item_run(blocks, kept, position)
            # Numbered: a contents box or a menu path. A bulleted run may be the answer to a
            # question title ("Que provoque …?" then the symptoms): the body.
            if not all(blocks[i].ordered and _entry_shaped(blocks[i].text, thresholds.entry_max_words) for i in run):
                break
            tags.update({i: Tag("table_of_contents") for i in run})
            position += len(run)
            continue
        holds_title = folded(blocks[title].text) in folded(block.text)  # "Foto - <title>": a caption
        if is_prose(block, min_words) or is_list_intro(block) or (
                not holds_title and _starts_section(blocks, block, after, min_words)):
            break
        if not block.tags:
            if body is None and not holds_title:
                body = word_stems(" ".join(b.text for b in blocks if is_prose(b, min_words)))
            if holds_title or not _about_the_body(block.text, body):
                tags[here] = Tag("header_line", value=block.text)  # metadata reads a date in it
        position += 1
    return retag(blocks, tags)


def _about_the_body(text: str, body: set[str]) -> bool:
    """A subtitle under the title (a dek): most of its words recur in the body's prose, which
    bylines, dates and print links do not."""
    stems = word_stems(text)
    return len(stems & body) >= 2 and 2 * len(stems & body) >= len(stems)


def _item_run(blocks: list[Block], kept: list[int], position: int) -> list[int]:
    """The items from `position` on, as long as they are all numbered or all bulleted."""
    run, ordered = [], blocks[kept[position]].ordered
    while position < len(kept) and blocks[kept[position]].kind == "item" and blocks[kept[position]].ordered == ordered:
        run.append(kept[position])
        position += 1
    return run


def _entry_shaped(text: str, max_words: int) -> bool:
    """A contents entry or a menu link: a few words, not a sentence (a question may be)."""
    return len(text.split()) <= max_words and not text.endswith((".", "!", ";", ",", ":"))


def _starts_section(blocks: list[Block], block: Block, after: int | None, min_words: int) -> bool:
    if block.kind != "heading" or label_shaped(block.text) or after is None or blocks[after].tags:
        return False
    return is_prose(blocks[after], min_words) or blocks[after].kind == "item" or is_list_intro(blocks[after])
