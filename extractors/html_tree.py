"""Parse a page once with lxml and tidy it so trafilatura keeps what it would lose."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractors.contract import Removal
from extractors.html_boilerplate import CONTAINER_TOKENS, MAX_CONTAINER_CHARS, PROTECTED_TAGS
from extractors.records import Failure

_TOKEN_SPLIT = re.compile(r"[-_\s]+")
_SPACES = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Wrappers that templates put inside headings and list items (trafilatura issues 431, 769).
_WRAPPERS = {"div", "span", "a", "p", "strong", "b", "em", "i", "font"}
_BLOCK_WRAPPERS = {"div", "p"}


def parse_html(text: str) -> lxml.html.HtmlElement | Failure:
    """The page as an lxml tree, or a Failure when nothing parses into an element."""
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        return Failure("unparsable_html", f"The page could not be parsed as HTML: {error}.")
    return tree


def remove_furniture(tree: lxml.html.HtmlElement) -> list[Removal]:
    """Drop containers named like share bars, TOC boxes, ads …; return what they held."""
    removed = []
    for element in tree.xpath("//*[@class or @id]"):
        if element.tag in PROTECTED_TAGS or not _attached(element, tree):
            continue
        reason = _furniture_reason(element)
        if reason is None:
            continue
        text = _SPACES.sub(" ", element.text_content()).strip()
        if len(text) > MAX_CONTAINER_CHARS:
            continue
        element.drop_tree()
        if text:
            removed.append(Removal(reason=reason, text=text, line=None))
    return removed


def _attached(element, root) -> bool:
    """False inside a container dropped earlier in this pass."""
    top = element
    for top in element.iterancestors():
        pass
    return top is root


def _furniture_reason(element) -> str | None:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower().split()
    words = set(names) | {t for name in names for t in _TOKEN_SPLIT.split(name) if t}
    return next((reason for reason, tokens in CONTAINER_TOKENS.items() if words & tokens), None)


def unwrap_headings_and_items(tree: lxml.html.HtmlElement) -> None:
    """Flatten `<h2><div><a name>Title</a></div></h2>` and `<li><span|p>…` to plain text,
    which trafilatura otherwise drops or flattens; nested lists inside items stay."""
    for heading in tree.iter(*_HEADINGS):
        for inner in list(heading.iterdescendants()):
            _unwrap(inner)
    for item in tree.iter("li"):
        for inner in list(item):
            _unwrap(inner)


def _unwrap(element) -> None:
    if element.tag in _WRAPPERS:
        if element.tag in _BLOCK_WRAPPERS:  # keep "<p>A</p><p>B</p>" from becoming "AB"
            element.tail = " " + (element.tail or "")
        element.drop_tag()
