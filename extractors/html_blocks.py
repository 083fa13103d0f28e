"""trafilatura's extracted body (its XML element tree) to blocks.

Elements: `head` → heading; `p`, `quote`, `code` and anything unknown → paragraph;
`list`/`item` → items, nested lists flattened with a depth; `table`/`row`/`cell` → a table.
"""

from __future__ import annotations

import itertools
import re

from lxml import etree

from extractors.config import DEFAULT_THRESHOLDS
from extractors.records import Block

_SPACES = re.compile(r"\s+")
_BLOCKISH = ("lb", "p", "head", "list", "item", "row", "cell", "quote", "div", "table")


def blocks_from_body(body: etree._Element, *, layout_cell_words: int = DEFAULT_THRESHOLDS.layout_cell_words) -> list[Block]:
    """Blocks in document order from trafilatura's `body` element; a table with a cell of
    more than `layout_cell_words` holds prose (it only lays out the page): its paragraphs."""
    groups = itertools.count()
    blocks: list[Block] = []
    for element in body:
        blocks.extend(_element_blocks(element, groups, layout_cell_words))
        if element.tail and element.tail.strip():  # text trafilatura leaves after a tag
            blocks.append(Block("paragraph", _SPACES.sub(" ", element.tail).strip()))
    return [b for b in blocks if b.text]


def _element_blocks(element, groups, layout_cell_words: int) -> list[Block]:
    if element.tag == "head":  # depth: its level, 1-6 from trafilatura's rend="h2" (0: unknown)
        return [Block("heading", element_text(element), depth=_heading_level(element))]
    if element.tag == "list":
        return _list_items(element, next(groups), depth=0)
    if element.tag == "table":
        return _table_blocks(element, layout_cell_words)
    if element.tag in ("div", "quote") and len(element) and all(c.tag in ("p", "list", "head") for c in element):
        return [b for child in element for b in _element_blocks(child, groups, layout_cell_words)]
    return [Block("paragraph", element_text(element))]


def _heading_level(element) -> int:
    rend = element.get("rend") or ""
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1] in "123456" else 0


def _table_blocks(table, layout_cell_words: int) -> list[Block]:
    """A data table, or the paragraphs of a layout table (a cell holding prose)."""
    rows = tuple(tuple(element_text(c) for c in row.iter("cell")) for row in table.iter("row"))
    rows = tuple(r for r in rows if any(r))
    if not rows:
        return []
    if any(len(cell.split()) > layout_cell_words for row in rows for cell in row):
        return [Block("paragraph", cell) for row in rows for cell in row if cell]
    return [Block("table", " ".join(c for r in rows for c in r), rows=rows)]


def _list_items(element, group: int, depth: int) -> list[Block]:
    ordered = element.get("rend", "").lower() == "ol"
    items = []
    for item in element.iterchildren("item"):
        nested = list(item.iterchildren("list"))
        for sublist in nested:
            item.remove(sublist)  # the item's own text, then its sublists' items
        items.append(Block("item", element_text(item), ordered=ordered, depth=depth, group=group))
        for sublist in nested:
            items.extend(_list_items(sublist, group, depth + 1))
    return items


def element_text(element) -> str:
    """Visible text: inline markup joined as written, block boundaries and breaks as spaces."""
    for inner in element.iterdescendants(*_BLOCKISH):
        inner.tail = " " + (inner.tail or "")
        if inner.tag != "lb":
            inner.text = " " + (inner.text or "")
    return _SPACES.sub(" ", "".join(element.itertext())).strip()
