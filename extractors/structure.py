"""Kept blocks to sections: headings open sections, adjacent items form lists."""

from __future__ import annotations

from extractors.contract import ListBlock, Paragraph, Section, Warning
from extractors.records import Block
from extractors.rules.structure_rules import is_list_intro


def build_sections(blocks: list[Block]) -> list[Section]:
    """Group kept blocks under their headings; the lead before any heading has none."""
    sections: list[Section] = []
    heading: str | None = None
    content: list[Paragraph | ListBlock] = []
    for block in blocks:
        if block.kind == "heading":
            if heading is not None or content:
                sections.append(Section(heading=heading, blocks=content))
            heading, content = block.text, []
        elif block.kind == "item":
            _add_item(content, block)
        else:
            content.append(Paragraph(text=block.text))
    if heading is not None or content:
        sections.append(Section(heading=heading, blocks=content))
    return sections


def _add_item(content: list[Paragraph | ListBlock], block: Block) -> None:
    last = content[-1] if content else None
    if isinstance(last, ListBlock) and last.ordered == block.ordered:
        content[-1] = ListBlock(ordered=last.ordered, items=[*last.items, block.text])
    else:
        content.append(ListBlock(ordered=block.ordered, items=[block.text]))


def lost_list_warnings(blocks: list[Block]) -> list[Warning]:
    """A list intro ("…, including:") that no item follows: the scraper lost the list."""
    warnings = []
    for block, following in zip(blocks, [*blocks[1:], None]):
        if is_list_intro(block) and (following is None or following.kind != "item"):
            warnings.append(
                Warning(
                    code="lost_list",
                    message=f'No list items follow the intro "{block.text}" (line {block.line}); '
                    "the scraper lost the list.",
                )
            )
    return warnings
