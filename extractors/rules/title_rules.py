"""The title of a text dump: the heading-shaped line before the body that best reads as one.
(An HTML page declares its title; its copies in the body are repeats.)"""

from __future__ import annotations

from extractors.records import Block, Tag
from extractors.rules.line_shape import dated, folded, is_prose, navigation_shaped, word_stems
from extractors.rules.structure_rules import PageContext, retag


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
        body = word_stems(" ".join(b.text for b in blocks if b.kind != "heading"))
        texts = [folded(b.text) for b in blocks]
        best = max(candidates, key=lambda i: (_title_score(texts, i, candidates, body, context.thresholds), -i))
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
        if block.kind == "heading" and not navigation_shaped(block.text) and not dated(block.text):
            candidates.append(i)
    return candidates


def _title_score(texts: list[str], index: int, candidates: list[int], body: set[str], thresholds) -> float:
    """What the article is about (its words recur in the body: menus and hotlines do not),
    a few words long, repeated later (as a heading or an alt text), and early; a line that
    holds an earlier candidate is its photo's caption ("Foto - <title>"). `texts`: the
    page's lines, folded (casefold, spaces collapsed)."""
    text = texts[index]
    earlier = [texts[j] for j in candidates if j < index]
    score = 2.0 * len(word_stems(text) & body) + 0.5 * min(len(text.split()), 8)
    score += 3.0 if _repeated_later(texts, index, thresholds.title_repeat_min_chars) else 0.0
    score += 1.0 if index == candidates[0] else 0.0
    score -= 5.0 if any(e and e in text for e in earlier) else 0.0
    return score


def _repeated_later(texts: list[str], index: int, min_chars: int) -> bool:
    """The title appears again further down: alone, or (`min_chars` or more, so not a phrase
    of the body) as a photo's alt text or with the site's name."""
    title, later = texts[index], texts[index + 1:]
    return title in later or (len(title) >= min_chars and any(title in text for text in later))
