"""Kept blocks to sections: headings open sections, adjacent items form lists."""

from __future__ import annotations

from dataclasses import replace

from extractors.config import DEFAULT_THRESHOLDS
from extractors.contract import ListBlock, Paragraph, Section, Table, Warning
from extractors.records import Block
from extractors.rules.structure_rules import is_list_intro


def build_sections(blocks: list[Block]) -> list[Section]:
    """Group kept blocks under their headings; the lead before any heading has none."""
    sections: list[Section] = []
    heading: str | None = None
    content: list[Paragraph | ListBlock | Table] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "heading":
            if heading is not None or content:
                sections.append(Section(heading=heading, blocks=content))
            heading, content = block.text, []
        elif block.kind == "item":
            _add_item(content, block, continues=_same_list(previous, block))
        elif block.kind == "table":
            content.append(Table(rows=[list(row) for row in block.rows]))
        else:
            content.append(Paragraph(text=block.text))
        previous = block
    if heading is not None or content:
        sections.append(Section(heading=heading, blocks=content))
    return sections


def recover_unbulleted_lists(blocks: list[Block], *, max_words: int = DEFAULT_THRESHOLDS.unbulleted_item_max_words) -> list[Block]:
    """A list intro ("Symptoms include:") followed by two or more short lines that are not
    sentences: the scraper dropped the bullets, the lines are its items."""
    recovered = list(blocks)
    for i, block in enumerate(blocks):
        if not is_list_intro(block):
            continue
        run = []
        for j in range(i + 1, len(blocks)):
            if blocks[j].kind == "item" or not _item_shaped(blocks[j].text, max_words):
                break
            run.append(j)
        if len(run) >= 2 and (run[-1] + 1 >= len(blocks) or blocks[run[-1] + 1].kind != "item"):
            recovered[run[0]:run[-1] + 1] = [replace(blocks[j], kind="item") for j in run]
    return recovered


def _item_shaped(text: str, max_words: int) -> bool:
    return len(text.split()) <= max_words and not text.endswith((".", ":", "!", "?", "…"))


def _same_list(previous: Block | None, item: Block) -> bool:
    """HTML items carry their list's group; text items join a list of the same kind."""
    if previous is None or previous.kind != "item":
        return False
    if item.group is not None or previous.group is not None:
        return item.group == previous.group
    return item.ordered == previous.ordered


def _add_item(content: list, block: Block, *, continues: bool) -> None:
    last = content[-1] if content else None
    if continues and isinstance(last, ListBlock):
        content[-1] = last.model_copy(update={"items": [*last.items, block.text], "depths": [*last.depths, block.depth]})
    else:
        content.append(ListBlock(ordered=block.ordered, items=[block.text], depths=[block.depth]))


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
