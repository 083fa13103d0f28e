"""Reading a raw page: bytes to blocks (text lines, or an HTML page's main content), or a
rejection saying why not. The first stage of extractors.pipeline.clean_batch."""

from __future__ import annotations

import hashlib

from extractors.assemble import reject
from extractors.config import DEFAULT_CONFIG, CleanConfig
from extractors.contract import Rejection, Source
from extractors.decode import decode_text
from extractors.html_page import read_html
from extractors.json_data import is_json
from extractors.identity import fetch_time, fetched_urls
from extractors.records import Failure, Origin, PageContent, RawPage
from extractors.sanitize import web_url
from extractors.segment import segment_text

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_HTML_STARTS = (b"<!doctype html", b"<html")


def describe_source(data: bytes, path: str, origin: Origin = Origin()) -> Source:
    """Source record of raw bytes; URLs are kept only when absolute http(s) (sanitize.web_url),
    a fetch time only when ISO 8601 with an offset (extractors.identity)."""
    return Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format=format_of(path, data),
                  url=web_url(origin.url), fetched_at=fetch_time(origin.fetched_at), urls=fetched_urls(origin.urls))


def format_of(path: str, data: bytes = b"") -> str:
    """'html' by the file name, else by how the bytes start; otherwise 'text'."""
    head = data[:512].lstrip().lower()
    return "html" if path.lower().endswith(_HTML_SUFFIXES) or head.startswith(_HTML_STARTS) else "text"


def read_page(page: RawPage, config: CleanConfig = DEFAULT_CONFIG) -> PageContent | Rejection:
    """Raw bytes to blocks (text lines, or HTML main content), or a rejection. The page's
    origin (URL, HTTP charset) is used when a scraper recorded one."""
    data, path, origin, limits = page.data, page.path, page.origin, config.limits
    source = describe_source(data, path, origin)
    if len(data) > limits.max_bytes:
        return reject(source, Failure("too_large", f"The file has {len(data)} bytes; the limit is {limits.max_bytes}."))
    if source.format == "html":
        html = read_html(data, limits=limits, thresholds=config.thresholds, fast=config.fast_extraction, charset=origin.charset)
        if isinstance(html, Failure):
            return reject(source, html)
        return PageContent(source, html.blocks, html.removed, html.declared)
    text = decode_text(data, charset=origin.charset)
    if isinstance(text, Failure):
        return reject(source, text)
    if is_json(text):
        return reject(source, Failure("structured_data", "The file holds JSON data, not a page or a text dump."))
    return PageContent(source, segment_text(text, config.thresholds), [], None)
