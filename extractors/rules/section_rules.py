"""Rules that take a header and the section under it: sources, related links, comments."""

from __future__ import annotations

import re

from extractors.records import Block, Tag
from extractors.rules.structure_rules import PageContext, retag



def tag_comment_sections(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'Comments' header and the short lines under it."""
    return _tag_sections(blocks, "comments_header", "comments_section", keep_values=False,
                          max_words=context.thresholds.related_max_words)


def tag_references(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'Sources'/'References' heading and its section: kept as `references`."""
    return _tag_sections(blocks, "references_header", "reference", keep_values=True,
                          max_words=context.thresholds.reference_max_words)


def tag_related_sections(blocks: list[Block], context: PageContext) -> list[Block]:
    """A 'You may also like'/'Don't miss' header and the link titles under it. The run
    stops at the first long paragraph: an inline "Don't miss" box sits inside the article."""
    return _tag_sections(blocks, "related_header", "related_link", keep_values=False,
                          max_words=context.thresholds.related_max_words)


# What only a bibliographic citation holds, in any language: "et al." before a year, a
# journal's "2006;130:1480-91", a DOI or a PubMed id.
_CITATION = re.compile(r"\bet al\.?,? .*\b(?:19|20)\d\d\b|\b(?:19|20)\d\d;\s?\d+(?:\(\d+\))?:\s?\w?\d|\bdoi:\s?10\.|\bPMID:?\s?\d", re.I)


def _may_cite(text: str) -> bool:
    """A cheap look for what every citation pattern needs, before the regex."""
    return ";" in text or "et al" in text or "doi" in text or "DOI" in text or "PMID" in text


def tag_citations(blocks: list[Block], context: PageContext) -> list[Block]:
    """A line shaped like a bibliographic citation, with or without a sources header: kept
    as `references`, out of the body."""
    tags = {i: Tag("reference", value=b.text) for i, b in enumerate(blocks)
            if b.kind in ("item", "paragraph") and not b.tags and _may_cite(b.text) and _CITATION.search(b.text)
            and len(b.text.split()) <= context.thresholds.reference_max_words}
    return retag(blocks, tags)


def _tag_sections(
    blocks: list[Block], header: str, member: str, *, keep_values: bool, max_words: int | None = None
) -> list[Block]:
    tags, inside = {}, False
    for i, block in enumerate(blocks):
        if block.has(header) and block.kind in ("heading", "paragraph"):
            tags[i], inside = Tag(header if keep_values else member), True
        elif block.kind == "heading" or (max_words and len(block.text.split()) > max_words):
            inside = False
        elif inside:
            tags[i] = Tag(member, value=block.text if keep_values else None)
    return retag(blocks, tags)


def tag_table_of_contents(blocks: list[Block], context: PageContext) -> list[Block]:
    """A TOC header with its entries (headings that recur later), or an empty one."""
    tags = {}
    for i, block in enumerate(blocks):
        if not block.has("toc_header"):
            continue
        entries = _toc_entries(blocks, i, context.thresholds.toc_entry_max_words)
        tags[i] = Tag("table_of_contents" if entries else "empty_toc_header")
        tags.update({j: Tag("table_of_contents") for j in entries})
    return retag(blocks, tags)


def _toc_entries(blocks: list[Block], header: int, max_words: int) -> list[int]:
    """The entries under a contents header: headings that recur later, or (when the page
    is cut before them) a run of two or more short numbered or bulleted lines."""
    entries = []
    for j in range(header + 1, len(blocks)):
        later = {b.text for b in blocks[j + 1:] if b.kind == "heading"}
        if not (blocks[j].kind in ("heading", "item") and blocks[j].text in later or _listed_entry(blocks[j], max_words)):
            break
        entries.append(j)
    recurring = any(blocks[j].text in {b.text for b in blocks[j + 1:] if b.kind == "heading"} for j in entries)
    return entries if recurring or len(entries) >= 2 else []


_ENTRY_NUMBER = re.compile(r"^\d{1,2}[.)]?\s")


def _listed_entry(block: Block, max_words: int) -> bool:
    """A short bulleted or numbered line that is not a sentence: an entry whose heading the
    dump may have cut off."""
    text = block.text
    listed = block.kind == "item" or _ENTRY_NUMBER.match(text)
    return bool(listed) and len(text.split()) <= max_words and not text.endswith((".", "!", ";", ",", ":"))
