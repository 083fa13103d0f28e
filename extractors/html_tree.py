"""Tidy a parsed page (extractors.html_parse) so trafilatura keeps what it would lose."""

from __future__ import annotations

import functools
import re

import lxml.html
from lxml import etree

from extractors.config import DEFAULT_THRESHOLDS
from extractors.contract import Removal
from extractors.html_boilerplate import CONTAINER_TOKENS, CONTENT_MARKERS, PROTECTED_TAGS

# One pass over "class id" finds a listed name or a token of one ("article-share-bar").
_REASON_OF_TOKEN = {token: reason for reason, tokens in CONTAINER_TOKENS.items() for token in tokens}
# Elements trafilatura discards anyway; dropping them first makes its copy of the tree cheaper.
# Scripts go too, but not JSON-LD with a body: trafilatura falls back on its articleBody or
# text (a forum's posts).
NEVER_CONTENT = (
    "style", "noscript", "template", "iframe", "svg",
    "input", "select", "textarea", "canvas", "video", "audio", "object", "embed", "map",
)
# Page layout and controls that trafilatura discards too, unless broken markup (an unclosed
# <nav> or <button>: wcxb 0304, 0044) made one of them hold the article: then it is a <div>,
# or the article goes with it. (Left to trafilatura, an <aside> gave its fallbacks a product
# page's text: wcxb tune snippets +0.001 for about 2 % more CPU, so it goes here.)
LAYOUT = ("aside", "button", "footer", "nav")
_ARTICLE_INSIDE = etree.XPath(".//h1 | .//article | .//main")
_CITATION_MARK = re.compile(r"^\[?\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]?$")
_TOKENS = re.compile(r"[\s_-]+")
_WITH_CLASS_OR_ID = etree.XPath("//*[@class or @id]")
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(" + "|".join(sorted(map(re.escape, _REASON_OF_TOKEN), key=len, reverse=True)) + r")(?=$|[\s_-])",
    re.IGNORECASE,
)
_CODE = etree.XPath("//script[not(@type='application/ld+json') or not(contains(., 'articleBody') or contains(., '\"text\"'))]")
_SPACES = re.compile(r"\s+")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Wrappers that templates put inside headings and list items (trafilatura issues 431, 769).
_WRAPPERS = {"div", "span", "a", "p", "strong", "b", "em", "i", "font"}
_BLOCK_WRAPPERS = {"div", "p"}


def remove_furniture(tree: lxml.html.HtmlElement, *, max_chars: int = DEFAULT_THRESHOLDS.furniture_max_chars) -> list[Removal]:
    """Drop code, then containers named like share bars, TOC boxes, ads … (of at most
    `max_chars` characters: a longer one holds the article); return their text."""
    etree.strip_elements(tree, *NEVER_CONTENT, with_tail=False)
    for script in _CODE(tree):
        script.drop_tree()
    _drop_layout(tree, max_chars)
    removed = _drop_citation_marks(tree)
    for element in _WITH_CLASS_OR_ID(tree):
        reason = _furniture_reason(element)
        if reason is None or element.tag in PROTECTED_TAGS or not _attached(element, tree):
            continue
        text = _SPACES.sub(" ", element.text_content()).strip()
        if len(text) > max_chars:
            continue
        element.drop_tree()
        if text:
            removed.append(Removal(reason=reason, text=text, line=None))
    return removed


def _drop_layout(tree, max_chars: int) -> None:
    """Drop navigation, sidebars and footers, but keep (as a <div>) one that holds the
    article: an <h1>, <article> or <main> inside, or paragraphs of over `max_chars`."""
    for element in list(tree.iter(*LAYOUT)):
        if not _attached(element, tree):
            continue
        if _ARTICLE_INSIDE(element) or sum(len(p.text_content()) for p in element.iter("p")) > max_chars:
            element.tag = "div"
        else:
            element.drop_tree()  # its tail is text between layout and content: kept


def _drop_citation_marks(tree) -> list[Removal]:
    """<sup>4</sup>, <sup>[12]</sup>: reference marks, not words."""
    removed = []
    for sup in list(tree.iter("sup")):
        mark = sup.text_content().strip()
        if _CITATION_MARK.match(mark):
            sup.drop_tree()
            removed.append(Removal(reason="citation_number", text=mark, line=None))
    return removed


def _attached(element, root) -> bool:
    """False inside a container dropped earlier in this pass."""
    top = element
    for top in element.iterancestors():
        pass
    return top is root


def _furniture_reason(element) -> str | None:
    return _reason_for_names(f"{element.get('class', '')} {element.get('id', '')}")


@functools.lru_cache(maxsize=4096)  # templates repeat the same class strings many times
def _reason_for_names(names: str) -> str | None:
    match = _FURNITURE.search(names)
    if match is None or CONTENT_MARKERS & set(_TOKENS.split(names.lower())):
        return None
    return _REASON_OF_TOKEN[match.group(1).lower()]


def unwrap_headings_and_items(tree: lxml.html.HtmlElement) -> None:
    """Flatten `<h2><div><a name>Title</a></div></h2>` and `<li><span|p>…` to plain text,
    which trafilatura otherwise drops or flattens; nested lists inside items stay."""
    for heading in tree.iter(*_HEADINGS):
        for inner in list(heading.iterdescendants()):
            _unwrap(inner)
    for item in tree.iter("li"):
        for inner in list(item):
            if inner.tag not in _BLOCK_WRAPPERS or inner.find(".//code") is None:
                _unwrap(inner)  # unwrapped around <code>, trafilatura drops the text before it (wcxb 0670)


def _unwrap(element) -> None:
    if element.tag in _WRAPPERS:
        if element.tag in _BLOCK_WRAPPERS:  # keep "<p>A</p><p>B</p>" from becoming "AB"
            element.tail = " " + (element.tail or "")
        element.drop_tag()
