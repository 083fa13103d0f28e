"""Text dump to blocks: one block per non-blank line, classified by its shape."""

from __future__ import annotations

import re

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.records import Block

# Any bullet a scraper leaves, or a number/letter marker of an ordered list.
_ITEM = re.compile(
    r"^\s*(?:(?P<bullet>[•\-*–·▪●◦‣∙])|(?P<number>\d{1,3}[.)]|[a-zA-Z]\)))\s+(?P<text>\S.*)$"
    r"|^\s*[•*·▪●◦‣∙](?P<glued>[^\W\d_].*)$"  # a bullet glued to its item ("*Cheveux cassants"); not "-"
)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# A heading ends without sentence punctuation; a question mark is allowed, and so is ";",
# the Greek question mark ("Τι είναι ο διαβήτης τύπου 2;").
_SENTENCE_END = (".", ":", ",", "!", "…")


def segment_text(text: str, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Block]:
    """Split a text page into blocks; thresholds.heading_*: the longest line still taken for
    a heading (longer lines are paragraphs even without a full stop)."""
    blocks = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        item = _ITEM.match(line)
        if item:
            blocks.append(Block("item", (item["text"] or item["glued"]).strip(), number, ordered=bool(item["number"])))
        elif looks_like_heading(line, thresholds):
            blocks.append(Block("heading", line, number))
        else:
            blocks.append(Block("paragraph", line, number))
    return blocks


def looks_like_heading(line: str, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """Short, starts with a capital or digit, and does not end like a sentence.

    Up to 20 words are allowed within `heading_short_line_chars`: Vietnamese spaces every syllable.
    The first letter counts, after any opening mark ("¿Qué…", "«Title»").
    """
    words = len(line.split())
    first = next((c for c in line if c.isalnum()), "")
    return (
        len(line) <= thresholds.heading_max_chars
        and (words <= thresholds.heading_max_words or (len(line) <= thresholds.heading_short_line_chars and words <= 20))
        and (first.isupper() or first.isdigit())
        and not line.endswith(_SENTENCE_END)
    )
