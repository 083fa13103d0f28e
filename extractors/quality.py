"""Quality warnings: stable codes downstream apps can filter on (see docs/contract.md)."""

from __future__ import annotations

from collections import Counter

from extractors.config import DEFAULT_THRESHOLDS, Thresholds
from extractors.contract import Language, Warning
from extractors.language import reads_as_english
from extractors.lexicon import load_lexicon
from extractors.records import Block
from extractors.structure import lost_list_warnings

_SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", "’", ")", ":", ";")


def quality_warnings(
    blocks: list[Block], *, title: str | None, language: Language, thresholds: Thresholds = DEFAULT_THRESHOLDS,
    text_dump: bool = True,
) -> list[Warning]:
    """Warnings about the kept blocks of an article, in a fixed order of codes.

    text_dump: the page is a text dump. Only there do `lost_list`, `fragment`,
    `truncated_text` and `duplicate_block` hold: in HTML a colon before code or a table, a
    paragraph starting with a command or a brand, a body ending in a credit, a forum's
    quotes are ordinary. Hand-checked on wcxb and AEB (50-60 warnings each) their precision
    was 0.07, 0.18, 0.13 and 0.30 (docs/benchmarks.md), so HTML pages do not get them.
    """
    return [
        *(lost_list_warnings(blocks) if text_dump else []),
        *(_fragments(blocks) if text_dump else []),
        *([Warning(code="no_title", message="The page has no title.")] if title is None else []),
        *_language_warnings(blocks, language, thresholds.foreign_min_chars),
        *_short_body(blocks, thresholds.short_body_words),
        *(_truncated(blocks) if text_dump else []),
        *(_duplicates(blocks, thresholds.duplicate_min_chars) if text_dump else []),
    ]


def _fragments(blocks: list[Block]) -> list[Warning]:
    """A paragraph starting in lower case is the tail of a sentence whose head was lost."""
    return [
        Warning(code="fragment", message=f"Paragraph starts mid-sentence: {b.text[:60]!r}.")
        for b in blocks
        if b.kind == "paragraph" and b.text[:1].islower()
    ]


def _language_warnings(blocks: list[Block], language: Language, min_chars: int) -> list[Warning]:
    if language.code is None:
        return [
            Warning(
                code="language_uncertain",
                message=f"The language is not certain (best guess at {language.confidence:.2f}).",
            )
        ]
    return [
        Warning(code="foreign_block", message=f"An English block in a {language.code} article: {b.text[:60]!r}.")
        for b in blocks
        if language.code != "en" and (reads_as_english(b.text, language.code, min_chars=min_chars) or _english_label(b.text, min_chars))
    ]


def _english_label(text: str, min_chars: int) -> bool:
    """A line too short to judge by langdetect is English only if it is an English label."""
    if len(text) >= min_chars:
        return False
    english = load_lexicon(("en",))
    return any(p.match(text) for group in (english.lines, english.prefixes) for p in group.values())


def _short_body(blocks: list[Block], min_words: int) -> list[Warning]:
    words = sum(len(b.text.split()) for b in blocks if b.kind != "heading")
    if words >= min_words:
        return []
    return [Warning(code="short_body", message=f"The body has {words} words (fewer than {min_words}).")]


def _truncated(blocks: list[Block]) -> list[Warning]:
    last = next((b for b in reversed(blocks) if b.kind != "heading"), None)
    if last is None or last.kind != "paragraph" or last.text.endswith(_SENTENCE_END):
        return []
    return [Warning(code="truncated_text", message=f"The body ends mid-sentence: {last.text[-60:]!r}.")]


def _duplicates(blocks: list[Block], min_chars: int) -> list[Warning]:
    counts = Counter(b.text for b in blocks if b.kind == "paragraph" and len(b.text) >= min_chars)
    return [
        Warning(code="duplicate_block", message=f"A paragraph appears {n} times: {text[:60]!r}.")
        for text, n in counts.items()
        if n > 1
    ]
