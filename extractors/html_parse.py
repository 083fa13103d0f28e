"""Parse a page once with lxml, as trafilatura would, without losing long text nodes."""

from __future__ import annotations

import lxml.html
from lxml import etree
from trafilatura.utils import is_dubious_html, repair_faulty_html

from extractors.records import Failure


def parse_html(text: str, *, max_depth: int) -> lxml.html.HtmlElement | Failure:
    """The page as an lxml tree, parsed the way trafilatura parses (comments and processing
    instructions dropped: left in, they split paragraphs and cost trafilatura text).
    Deeper nesting than `max_depth` is refused: trafilatura and lxml recurse over the tree.

    libxml2 runs with huge_tree. Without it, it stops at a text node over 10 MB
    (XML_MAX_TEXT_LENGTH) and silently drops that node and all that follows: a 19 MB
    one-paragraph page came out with a 6-character body. Keeping the text is what a reader
    expects from a page within `Limits.max_bytes`, and costs little (about 4 s of CPU for
    19 MB, most of it in our own rules). huge_tree also lifts libxml2's depth cap from 256
    to 2048; `max_depth` is checked on the parsed tree, so it still applies. Any parser limit
    still hit (a depth past 2048 with `max_depth` set above it) refuses the page rather than
    writing it short [parser_limit].
    """
    parser = lxml.html.HTMLParser(  # trafilatura's options, plus huge_tree; one per call: its error log is ours
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    tree = _load_html(text, parser)
    if tree is None:
        return Failure("unparsable_html", "The page could not be parsed as HTML.")
    if _NESTED_DEEPER(tree, n=max_depth) and (depth := nesting_depth(tree)) > max_depth:
        return Failure("too_deep", f"Elements nest {depth} deep; the limit is {max_depth}.")
    limits = parser.error_log.filter_types([etree.ErrorTypes.ERR_RESOURCE_LIMIT])
    if limits:
        message = limits[0].message.strip().rstrip(".")
        return Failure("parser_limit", f"The HTML parser stopped at one of its limits ({message}); text would be lost.")
    return tree


def _load_html(text: str, parser: lxml.html.HTMLParser) -> lxml.html.HtmlElement | None:
    """trafilatura.load_html's steps for a string (2.x), with our parser."""
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree, as_bytes = None, False
    try:
        tree = lxml.html.fromstring(text, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, as_bytes = _from_bytes(text, parser), True
    except etree.LxmlError:  # e.g. "Document is empty"
        pass
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _from_bytes(text, parser)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None  # not HTML at all: one block alone is how trafilatura tells
    return tree


def _from_bytes(text: str, parser: lxml.html.HTMLParser) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=parser)
    except (ValueError, etree.LxmlError):
        return None


# One XPath pass in libxml2 asks whether any element is nested too deep (the exact depth,
# for the message, only then): a third of nesting_depth's cost on wcxb's pages.
_NESTED_DEEPER = etree.XPath("boolean(//*[count(ancestor::*) >= $n])")


def nesting_depth(tree: etree._Element) -> int:
    """How deep elements nest, counted without recursion."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest
