"""Tagging: every rule, in the order it runs. Rules tag; `extractors.decide` removes."""

from __future__ import annotations

from extractors.lexicon import Lexicon
from extractors.records import Block
from extractors.rules.lexicon_rules import tag_lexicon
from extractors.rules.section_rules import (
    tag_citations,
    tag_comment_sections,
    tag_references,
    tag_related_sections,
    tag_table_of_contents,
)
from extractors.rules.shape_rules import (
    tag_contact_lines,
    tag_date_lines,
    tag_kickers,
    tag_photo_credits,
    tag_standfirst,
    tag_trailing_short_run,
)
from extractors.rules.structure_rules import (
    PageContext,
    tag_lost_list_fragments,
    tag_orphan_headings,
    tag_repeated_paragraphs,
    tag_repeated_title,
    tag_share_runs,
    tag_site_template,
)
from extractors.rules.page_head import tag_above_title, tag_below_title
from extractors.rules.title_rules import tag_title

# Order matters: later rules look past the blocks earlier rules already removed.
STRUCTURE_RULES = (
    tag_site_template,
    tag_title,
    tag_repeated_title,
    tag_above_title,
    tag_table_of_contents,
    tag_share_runs,
    tag_trailing_short_run,
    tag_photo_credits,
    tag_kickers,
    tag_standfirst,
    tag_date_lines,
    tag_contact_lines,
    tag_below_title,
    tag_references,
    tag_citations,
    tag_related_sections,
    tag_comment_sections,
    tag_orphan_headings,
    tag_lost_list_fragments,
    tag_repeated_paragraphs,
)


def tag_blocks(blocks: list[Block], lexicon: Lexicon, context: PageContext = PageContext()) -> list[Block]:
    """Run the lexicon rules, then each structure rule, over a page's blocks."""
    blocks = tag_lexicon(blocks, lexicon, context.thresholds)
    for rule in STRUCTURE_RULES:
        blocks = rule(blocks, context)
    return blocks
