"""Noise inside a line: glued citation numbers, unrendered placeholders, leaked markup.

Runs on blocks before tagging; each cut is recorded as a removal with its rule and text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.contract import Removal
from extractors.records import Block

# A citation number glued to a lower-case word ("Kalzium4", "Kalzium4,5") or to a sentence end
# ("wirksam.12"). Three lower-case letters before it spare B12, CoQ10, Omega-3 and H2O.
_CITATION_AFTER_WORD = re.compile(r"(?<=[^\W\d_A-Z]{3})(?<![A-Z])\d{1,3}(?:[,–-]\d{1,3})*(?=[\s,;:)]|$)")
_CITATION_AFTER_SENTENCE = re.compile(r"(?<=[^\W\d_]\.)\d{1,3}(?:[,–-]\d{1,3})*(?=\s|$)")
# Template placeholders a scraper caught before they were filled in, and stray tags.
_PLACEHOLDER = re.compile(r"\{\{\s*[\w.-]+\s*\}\}|\[(?:[A-Z][a-z]+){2,}\]|\[[a-z]+(?:_[a-z]+)+\]")
_MARKUP = re.compile(r"</?[a-z][a-z0-9]*(?:\s+[a-z-]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
_SPACES = re.compile(r"\s{2,}")
INLINE_RULES = (
    ("template_placeholder", _PLACEHOLDER),
    ("markup_fragment", _MARKUP),
)
# Only in text dumps, where a lost <sup> leaves its number glued on. In HTML the <sup> itself
# is dropped (html_tree), and glued digits are names: Solo3, Olfr78, Indonesian "orang2".
TEXT_ONLY_RULES = (
    ("citation_number", _CITATION_AFTER_SENTENCE),
    ("citation_number", _CITATION_AFTER_WORD),
)


def strip_inline_noise(blocks: list[Block], *, text_dump: bool = True) -> tuple[list[Block], list[Removal]]:
    """Blocks with inline noise cut out, and a removal for each cut (its text, its line)."""
    rules = INLINE_RULES + TEXT_ONLY_RULES if text_dump else INLINE_RULES
    cleaned, removed = [], []
    for block in blocks:
        text = block.text
        for reason, pattern in rules:
            cuts = [Removal(reason=reason, text=match.group(), line=block.line) for match in pattern.finditer(text)]
            if cuts:  # most lines have none: spare a second pass over them
                removed.extend(cuts)
                text = pattern.sub("", text)
        text = _SPACES.sub(" ", text).strip()
        if text != block.text:
            block = replace(block, text=text)
        if text:
            cleaned.append(block)
    return cleaned, removed
