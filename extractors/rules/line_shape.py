"""The shape of a line of a text dump, in any language: prose or not, a trail, a date, a
label, and the stems of its words. Shared by the page-head and title rules."""

from __future__ import annotations

import re

from extractors.records import Block

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
    if block.kind != "paragraph":
        return False
    words = word_count(block.text)
    return (words >= min_words or (words >= 4 and block.text.endswith(_SENTENCE_END))) and not is_trail(block.text)


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


def title_index(blocks: list[Block]) -> int | None:
    """Where the title rule found the title, if it did."""
    return next((i for i, b in enumerate(blocks) if b.has("title")), None)


def dated(text: str) -> bool:
    """A timestamp: a full date, or a year among three or more numbers ("11 July 2023 | 9:30")."""
    return bool(_FULL_DATE.search(text)) or (bool(_YEAR.search(text)) and len(_NUMBER.findall(text)) >= 3)


def label_shaped(text: str) -> bool:
    """"Written by: Name", "27.10.2025 Name": a byline or a date, not a section's heading."""
    return ": " in text or bool(_DATE.search(text))


def folded(text: str) -> str:
    """Casefolded, spaces collapsed, curly apostrophes straight: lines compared as a reader would."""
    return " ".join(text.casefold().replace("’", "'").split())


_WORD = re.compile(r"[^\W\d_]{4,}")


def word_stems(text: str) -> set[str]:
    """First five letters of each word of four or more: inflected forms meet ("vajaatoiminta",
    "vajaatoiminnan"); short words are mostly function words."""
    return {w[:5] for w in _WORD.findall(text.casefold())}
