"""The whole pure pipeline for one page: read, segment, tag, decide, structure, describe."""

from __future__ import annotations

import hashlib

from extractors.contract import Article, Pipeline, Rejection, Source
from extractors.decide import decide
from extractors.decode import decode_text
from extractors.html_meta import DeclaredMeta
from extractors.html_page import read_html
from extractors.inline import strip_inline_noise
from extractors.json_data import is_json
from extractors.language import detect_language
from extractors.limits import DEFAULT_LIMITS, Limits, checkpoint, within_budget
from extractors.lexicon import load_lexicon
from extractors.metadata import extract_metadata
from extractors.records import Block, Failure, Origin, PageContent
from extractors.rules import PageContext, tag_blocks
from extractors.sanitize import web_url
from extractors.segment import segment_text
from extractors.quality import quality_warnings
from extractors.structure import build_sections
from extractors.version import pipeline_version

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_HTML_STARTS = (b"<!doctype html", b"<html")


def describe_source(data: bytes, path: str, *, url: str | None = None) -> Source:
    """Source record of raw bytes; `url` is kept only when absolute http(s) (sanitize.web_url)."""
    return Source(path=path, sha256=hashlib.sha256(data).hexdigest(), format=format_of(path, data), url=web_url(url))


def format_of(path: str, data: bytes = b"") -> str:
    """'html' by the file name, else by how the bytes start; otherwise 'text'."""
    head = data[:512].lstrip().lower()
    return "html" if path.lower().endswith(_HTML_SUFFIXES) or head.startswith(_HTML_STARTS) else "text"


def clean_page(
    data: bytes,
    path: str,
    *,
    url: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    language_sample_chars: int = 1000,
    fast_extraction: bool = True,
) -> Article | Rejection:
    """Clean one raw page (no site templates: see extractors.templates.clean_pages); never raises.

    path: where the page lies, relative to the raw root (recorded, never opened).
    limits: sizes, depth and CPU time one page may take (extractors.limits.Limits).
    language_sample_chars: how much of the body langdetect reads (default 1000).
    fast_extraction: trafilatura's fast mode for HTML (default True; see html_page.read_html).
    """
    def clean() -> Article | Rejection:
        content = read_page(data, path, origin=Origin(url=url), limits=limits, fast_extraction=fast_extraction)
        return content if isinstance(content, Rejection) else assemble(content, language_sample_chars=language_sample_chars)

    return within_budget(clean, limits.time_budget_s, lambda failure: reject(describe_source(data, path, url=url), failure))


def read_page(
    data: bytes, path: str, *, origin: Origin = Origin(), limits: Limits = DEFAULT_LIMITS, fast_extraction: bool = True
) -> PageContent | Rejection:
    """Raw bytes to blocks (text lines, or HTML main content), or a rejection.

    origin: the page's URL and HTTP charset, when a scraper recorded them."""
    source = describe_source(data, path, url=origin.url)
    if len(data) > limits.max_bytes:
        return reject(source, Failure("too_large", f"The file has {len(data)} bytes; the limit is {limits.max_bytes}."))
    if source.format == "html":
        html = read_html(data, limits=limits, fast=fast_extraction, charset=origin.charset)
        if isinstance(html, Failure):
            return reject(source, html)
        return PageContent(source, html.blocks, html.removed, html.declared)
    text = decode_text(data, charset=origin.charset)
    if isinstance(text, Failure):
        return reject(source, text)
    if is_json(text):
        return reject(source, Failure("structured_data", "The file holds JSON data, not a page or a text dump."))
    return PageContent(source, segment_text(text), [], None)


def assemble(
    content: PageContent, *, template_lines: frozenset[str] = frozenset(), language_sample_chars: int = 1000
) -> Article | Rejection:
    """Tag, decide, structure and describe a page's blocks into an Article.

    template_lines: lines its site repeats on many pages (extractors.templates).
    """
    source, declared, lexicon = content.source, content.declared, load_lexicon()
    blocks, cut_inline = strip_inline_noise(content.blocks, text_dump=source.format == "text")
    blocks = tag_blocks(blocks, lexicon, page_context(source, declared, template_lines))
    checkpoint()
    kept, removed = decide(blocks)
    if not any(b.kind != "heading" for b in kept):
        return reject(source, Failure("no_content", "Nothing but boilerplate is left after cleaning."))
    hint = (declared.language or "")[:2].lower() or None if declared else None
    language = detect_language(
        body_text(kept), sample_chars=language_sample_chars, hint=hint, languages=lexicon.languages
    )
    if isinstance(language, Failure):
        return reject(source, language)
    checkpoint()
    meta = extract_metadata(blocks, lexicon, language=language.code, declared=declared)
    return Article(
        id=page_id_of(source),
        source=source,
        language=language,
        title=meta.title,
        category=meta.category,
        authors=meta.authors,
        reviewers=meta.reviewers,
        published=meta.published,
        updated=meta.updated,
        site_name=meta.site_name,
        canonical_url=meta.canonical_url,
        sections=build_sections(kept),
        references=meta.references,
        removed=[*content.removed, *cut_inline, *removed],
        warnings=[*quality_warnings(kept, title=meta.title, language=language), *meta.warnings],
        pipeline=Pipeline(version=pipeline_version()),
    )


def page_context(source: Source, declared: DeclaredMeta | None, template_lines: frozenset[str]) -> PageContext:
    if declared is None:
        return PageContext(format=source.format, template_lines=template_lines)
    return PageContext(
        title=declared.title_parts()[0],
        format=source.format,
        title_variants=tuple(filter(None, (declared.title, declared.h1))),
        template_lines=template_lines,
    )


def body_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


def page_id(data: bytes) -> str:
    """Stable id of raw bytes: the first 32 hex digits of their SHA-256."""
    return hashlib.sha256(data).hexdigest()[:32]


def page_id_of(source: Source) -> str:
    """The raw bytes' id; a file that could not be read is named by its path's hash."""
    digest = source.sha256 or hashlib.sha256(f"unreadable:{source.path}".encode()).hexdigest()
    return digest[:32]


def reject(source: Source, failure: Failure) -> Rejection:
    return Rejection(
        id=page_id_of(source),
        source=source,
        reason=failure.reason,
        message=failure.message,
        pipeline=Pipeline(version=pipeline_version()),
    )
