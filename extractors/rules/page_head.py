"""The head of a text dump: which line is the title, and what stands around it.

A dump starts with what the page showed above its article (menus, breadcrumbs, logo and
language links, hotlines), then the title, then a few short lines (byline, dates, print
and share links, a photo's caption), then the body. Position and shape say which is which
in any language; the lexicon rules have already tagged the lines they know by phrase.
"""

from __future__ import annotations

import re

from extractors.records import Block, Tag
from extractors.rules.structure_rules import PageContext, is_list_intro, retag

_TRAIL_MARK = re.compile(r"\s[»›]|[»›]\s")
_TRAIL_SEPARATOR = re.compile(r"\s[>/|]\s")  # one is prose ("a / nebo"), two make a trail
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", "»", "。", "！", "？")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # Japanese, Chinese, Korean
_LETTER = re.compile(r"[^\W\d_]")
_FULL_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATE = re.compile(rf"{_FULL_DATE.pattern}|{_YEAR.pattern}")
_NUMBER = re.compile(r"\d+")


def is_prose(block: Block, min_words: int) -> bool:
    """A paragraph of the article: long enough, or a sentence; a breadcrumb trail is neither."""
    words = word_count(block.text)
    return block.kind == "paragraph" and not is_trail(block.text) and (
        words >= min_words or (words >= 4 and block.text.endswith(_SENTENCE_END)))


def word_count(text: str) -> int:
    """Words, where two characters of a script written without spaces count as one."""
    words = len(text.split())
    if words * 12 >= len(text):  # spaced like a European language: no need to look closer
        return words
    return max(words, len(_UNSPACED.findall(text)) // 2)


def is_trail(text: str) -> bool:
    """A breadcrumb trail or a menu path: "Home » Index » Topic", "Patients › General-Health"."""
    return bool(_TRAIL_MARK.search(text)) or len(_TRAIL_SEPARATOR.findall(text)) >= 2


def navigation_shaped(text: str) -> bool:
    """Menu and trail lines: a path with separators, a lower-case or letterless line."""
    first = next((c for c in text if c.isalnum()), "")
    return is_trail(text) or not _LETTER.search(text) or first.islower()


def tag_title(blocks: list[Block], context: PageContext) -> list[Block]:
    """In a text dump, the title: the heading-shaped line before the body that best reads as
    one (see _title_score). An HTML page declares its title; this is for dumps only."""
    if context.format != "text":
        return blocks
    candidates = _title_candidates(blocks, context.thresholds.prose_min_words)
    if not candidates:
        return blocks
    best = candidates[0]
    if len(candidates) > 1:  # most dumps have one: no scoring
        body = _word_stems(" ".join(b.text for b in blocks if b.kind != "heading"))
        best = max(candidates, key=lambda i: (_title_score(blocks, i, candidates, body, context.thresholds), -i))
    return retag(blocks, {best: Tag("title", value=blocks[best].text)})


def _title_candidates(blocks: list[Block], min_words: int) -> list[int]:
    """Untagged heading-shaped lines before the first prose paragraph, not menu or trail
    lines. (After prose, a heading is a section's: a dump cut above its title has none.)"""
    candidates = []
    for i, block in enumerate(blocks):
        if block.tags:
            continue
        if is_prose(block, min_words):
            break
        if block.kind == "heading" and not navigation_shaped(block.text) and not _dated(block.text):
            candidates.append(i)
    return candidates


def _title_score(blocks: list[Block], index: int, candidates: list[int], body: set[str], thresholds) -> float:
    """What the article is about (its words recur in the body: menus and hotlines do not),
    a few words long, repeated later (as a heading or an alt text), and early; a line that
    holds an earlier candidate is its photo's caption ("Foto - <title>")."""
    text = blocks[index].text
    stems = _word_stems(text)
    earlier = [_folded(blocks[j].text) for j in candidates if j < index]
    score = 2.0 * len(stems & body) + 0.5 * min(len(text.split()), 8)
    score += 3.0 if _repeated_later(blocks, index, thresholds.title_repeat_min_chars) else 0.0
    score += 1.0 if index == candidates[0] else 0.0
    score -= 5.0 if any(e and e in _folded(text) for e in earlier) else 0.0
    return score


def _repeated_later(blocks: list[Block], index: int, min_chars: int) -> bool:
    """The title appears again further down: alone, or (`min_chars` or more, so not a phrase
    of the body) as a photo's alt text or with the site's name."""
    title = _folded(blocks[index].text)
    later = [_folded(b.text) for b in blocks[index + 1:]]
    return title in later or (len(title) >= min_chars and any(title in text for text in later))


_WORD = re.compile(r"[^\W\d_]{4,}")


def _word_stems(text: str) -> set[str]:
    """First five letters of each word of four or more: inflected forms meet ("vajaatoiminta",
    "vajaatoiminnan"); short words are mostly function words."""
    return {w[:5] for w in _WORD.findall(text.casefold())}


def tag_above_title(blocks: list[Block], context: PageContext) -> list[Block]:
    """Short lines above the title: the page's menus, trails, logo and links. (Prose and
    long list items there are a standfirst or a summary box: kept.)"""
    title = next((i for i, b in enumerate(blocks) if b.has("title")), None)
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
    title = next((i for i, b in enumerate(blocks) if b.has("title")), None)
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
        holds_title = _folded(blocks[title].text) in _folded(block.text)  # "Foto - <title>": a caption
        if is_prose(block, min_words) or is_list_intro(block) or (
                not holds_title and _starts_section(blocks, block, after, min_words)):
            break
        if not block.tags and not holds_title:
            body = body if body is not None else _word_stems(" ".join(b.text for b in blocks if is_prose(b, min_words)))
        if not block.tags and (holds_title or not _about_the_body(block.text, body)):
            tags[here] = Tag("header_line")
        position += 1
    return retag(blocks, tags)


def _about_the_body(text: str, body: set[str]) -> bool:
    """A subtitle under the title (a dek): most of its words recur in the body's prose, which
    bylines, dates and print links do not."""
    stems = _word_stems(text)
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
    if block.kind != "heading" or _label_shaped(block.text) or after is None or blocks[after].tags:
        return False
    return is_prose(blocks[after], min_words) or blocks[after].kind == "item" or is_list_intro(blocks[after])


def _dated(text: str) -> bool:
    """A timestamp: a full date, or a year among three or more numbers ("11 July 2023 | 9:30")."""
    return bool(_FULL_DATE.search(text)) or (bool(_YEAR.search(text)) and len(_NUMBER.findall(text)) >= 3)


def _label_shaped(text: str) -> bool:
    """"Written by: Name", "27.10.2025 Name": a byline or a date, not a section's heading."""
    return ": " in text or bool(_DATE.search(text))


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
