"""JSON in raw pages: JSON-LD metadata blocks in HTML, and text files that hold JSON data.

Both come from strangers, so neither may raise: Python's json module recurses once per
nesting level, and a block nested 5,000 deep ends in RecursionError. A JSON-LD block that
cannot be read is skipped with a `metadata_ignored` warning and the page is kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json.decoder import scanstring

from lxml import etree

from extractors.contract import Warning

# Real JSON-LD nests under 10 levels; deeper blocks are ignored. Far below Python's
# recursion limit, so whether a block is read never depends on how deep the caller's stack is.
JSON_LD_MAX_DEPTH = 64
# A text file opening this many brackets before any syntax error is data, never prose.
JSON_TEXT_MAX_DEPTH = 64
ARTICLE_TYPES = {"article", "newsarticle", "medicalwebpage", "blogposting", "webpage", "report",
                 "medicalscholarlyarticle", "healthtopiccontent", "scholarlyarticle", "reportagenewsarticle"}
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")
_MARKS = re.compile(r'[\[\]{}"]')


def json_ld_article(tree, *, max_depth: int = JSON_LD_MAX_DEPTH) -> tuple[dict, frozenset[str], list[Warning]]:
    """The first JSON-LD object of an article-like type ({} when none), the @types of every
    object the page declares (lower case: what the page says it is), and a warning for each
    block that was skipped: not valid JSON, or nested deeper than `max_depth`."""
    article, kinds, warnings = None, set(), []
    for script in _JSON_LD(tree):
        data = _load(script, max_depth=max_depth)
        if data is None:
            if script.strip():
                warnings.append(Warning(code="metadata_ignored", message=(
                    f"A JSON-LD metadata block was ignored: it is not valid JSON or nests more than {max_depth} deep.")))
            continue
        for item in _objects(data):
            kinds.update(_kinds(item))
            if article is None and _is_article(item):
                article = item
    return article or {}, frozenset(kinds), warnings


def is_json(text: str, *, max_depth: int = JSON_TEXT_MAX_DEPTH) -> bool:
    """True for a JSON object or array (an API answer saved beside the pages), also when it
    nests too deep for Python's parser: more than `max_depth` brackets open before it fails."""
    if not text.lstrip().startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except RecursionError:
        return True
    except ValueError as error:  # prose fails at once; data may fail deep inside (same answer as above)
        return nests_deeper(text[: getattr(error, "pos", len(text))], max_depth)
    return True


def nests_deeper(text: str, max_depth: int) -> bool:
    """True when JSON brackets (outside strings) nest deeper than `max_depth` in `text`;
    counted without parsing, so without recursion."""
    depth, position = 0, 0
    while match := _MARKS.search(text, position):
        mark, position = match.group(), match.end()
        if mark == '"':
            try:
                position = scanstring(text, position, False)[1]
            except ValueError:  # a string left open runs to the end
                return False
            continue
        depth += 1 if mark in "[{" else -1
        if depth > max_depth:
            return True
    return False


def _load(script: str, *, max_depth: int):
    """The block's data, or None when it is not valid JSON or nests deeper than `max_depth`."""
    try:
        data = json.loads(script)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python's stack
        return None
    return data if _nests_within(data, max_depth) else None


def _nests_within(data, max_depth: int) -> bool:
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > max_depth:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return True


def _objects(data) -> Iterator[dict]:
    """The block's objects in document order: itself, the members of a list, of an @graph."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            yield value
            stack.append(value.get("@graph", []))


def _kinds(item: dict) -> set[str]:
    kinds = item.get("@type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    return {kind.lower() for kind in kinds if isinstance(kind, str)}


def _is_article(item: dict) -> bool:
    return bool(_kinds(item) & ARTICLE_TYPES)
