"""Text dump to blocks: one block per non-blank line, classified by its shape."""

from __future__ import annotations

import re

from extractors.records import Block

# Any bullet a scraper leaves, or a number/letter marker of an ordered list.
_ITEM = re.compile(
    r"^\s*(?:(?P<bullet>[•\-*–·▪●◦‣∙])|(?P<number>\d{1,3}[.)]|[a-zA-Z]\)))\s+(?P<text>\S.*)$"
)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# A heading ends without sentence punctuation; a question mark is allowed, and so is ";",
# the Greek question mark ("Τι είναι ο διαβήτης τύπου 2;").
_SENTENCE_END = (".", ":", ",", "!", "…")
SHORT_LINE_CHARS = 80


def segment_text(text: str, *, heading_max_words: int = 12, heading_max_chars: int = 100) -> list[Block]:
    """Split a text page into blocks.

    heading_max_words / heading_max_chars: the longest line still taken for a heading
    (12 words, 100 characters: longer lines are paragraphs even without a full stop).
    """
    blocks = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        item = _ITEM.match(line)
        if item:
            blocks.append(Block("item", item["text"].strip(), number, ordered=bool(item["number"])))
        elif looks_like_heading(line, max_words=heading_max_words, max_chars=heading_max_chars):
            blocks.append(Block("heading", line, number))
        else:
            blocks.append(Block("paragraph", line, number))
    return blocks


def looks_like_heading(line: str, *, max_words: int = 12, max_chars: int = 100) -> bool:
    """Short, starts with a capital or digit, and does not end like a sentence.

    Up to 20 words are allowed within 80 characters: Vietnamese spaces every syllable.
    The first letter counts, after any opening mark ("¿Qué…", "«Title»").
    """
    words = len(line.split())
    first = next((c for c in line if c.isalnum()), "")
    return (
        len(line) <= max_chars
        and (words <= max_words or (len(line) <= SHORT_LINE_CHARS and words <= 20))
        and (first.isupper() or first.isdigit())
        and not line.endswith(_SENTENCE_END)
    )
