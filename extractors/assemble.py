"""A read page's blocks to its record: tag, decide, structure, describe, assemble. The
second stage of extractors.pipeline.clean_batch, after extractors.read."""

from __future__ import annotations

import hashlib
import re

from extractors.config import DEFAULT_CONFIG, CleanConfig, Thresholds
from extractors.contract import Article, Pipeline, Rejection, Source
from extractors.decide import decide
from extractors.explain import Explanation, stage
from extractors.html_meta import DeclaredMeta
from extractors.identity import article_key
from extractors.inline import strip_inline_noise
from extractors.language import detect_language
from extractors.lexicon import load_lexicon
from extractors.limits import checkpoint
from extractors.metadata import extract_metadata
from extractors.page_types import page_type_of, text_dump_page_type
from extractors.quality import quality_warnings
from extractors.records import Block, Failure, PageContent
from extractors.rules import PageContext, tag_blocks
from extractors.structure import build_sections, recover_unbulleted_lists
from extractors.version import pipeline_version


def assemble(
    content: PageContent,
    *,
    template_lines: frozenset[str] = frozenset(),
    config: CleanConfig = DEFAULT_CONFIG,
    explain: Explanation | None = None,
) -> Article | Rejection:
    """Tag, decide, structure and describe a page's blocks into an Article.

    template_lines: lines its site repeats on many pages (extractors.templates).
    explain: if given, filled with each stage's time and each rule's counts (extractors.explain).
    """
    source, declared, lexicon, thresholds = content.source, content.declared, load_lexicon(), config.thresholds
    with stage(explain, "inline"):
        blocks, cut_inline = strip_inline_noise(content.blocks, text_dump=source.format == "text")
    with stage(explain, "tag"):
        blocks = tag_blocks(blocks, lexicon, page_context(source, declared, template_lines, thresholds))
    checkpoint()
    with stage(explain, "decide"):
        kept, removed = decide(blocks)
    if explain is not None:
        explain.count_blocks(blocks)
        explain.count_removals([*content.removed, *cut_inline])
    if not any(b.kind != "heading" for b in kept):
        return reject(source, Failure("no_content", "Nothing but boilerplate is left after cleaning."))
    hint = (declared.language or "")[:2].lower() or None if declared else None
    with stage(explain, "language"):
        language = detect_language(
            language_sample(kept, min_words=thresholds.prose_min_words), sample_chars=config.language_sample_chars,
            hint=hint, languages=lexicon.languages,
            min_chars=thresholds.language_min_chars, min_confidence=thresholds.language_min_confidence,
            hint_wins_below=thresholds.hint_wins_below, hint_min_prob=thresholds.hint_min_prob,
        )
    if isinstance(language, Failure):
        return reject(source, language)
    checkpoint()
    with stage(explain, "describe"):
        meta = extract_metadata(blocks, lexicon, language=language.code, declared=declared)
        kept = recover_unbulleted_lists(kept, max_words=thresholds.unbulleted_item_max_words)
        warnings = [*quality_warnings(kept, title=meta.title, language=language, thresholds=thresholds,
                                       text_dump=source.format == "text"), *meta.warnings]
        page_type = text_dump_page_type(source.url) if declared is None else page_type_of(
            declared.kinds, url=source.url or meta.canonical_url, blocks=kept, published=meta.published,
            thresholds=thresholds)
        published = meta.published or (declared.dated if declared is not None and page_type == "article" else None)
    with stage(explain, "structure"):
        sections = build_sections(kept)
    return Article(
        id=page_id_of(source),
        article_key=article_key(meta.canonical_url, source.url, source.path),
        source=source,
        language=language,
        page_type=page_type,
        title=meta.title,
        category=meta.category,
        authors=meta.authors,
        reviewers=meta.reviewers,
        published=published,
        updated=meta.updated,
        site_name=meta.site_name,
        canonical_url=meta.canonical_url,
        sections=sections,
        references=meta.references,
        removed=[*content.removed, *cut_inline, *removed],
        warnings=warnings,
        pipeline=Pipeline(version=pipeline_version()),
    )


def page_context(source: Source, declared: DeclaredMeta | None, template_lines: frozenset[str], thresholds: Thresholds) -> PageContext:
    if declared is None:
        return PageContext(format=source.format, template_lines=template_lines, thresholds=thresholds)
    return PageContext(
        title=declared.title_parts()[0],
        format=source.format,
        title_variants=tuple(filter(None, (declared.title, declared.h1))),
        template_lines=template_lines,
        thresholds=thresholds,
    )


def body_text(blocks: list[Block]) -> str:
    return "\n".join(b.text for b in blocks)


_SENTENCE = re.compile(r"\w[.!?…。؟](?:\s|$)")


def language_sample(blocks: list[Block], *, min_words: int) -> str:
    """The body for langdetect, longest prose first (blocks of `min_words` or more holding a
    sentence), then the rest in page order. langdetect reads the start: a schedule or a
    table of names at the top reads as any language (wcxb 0284: English detected as German
    at 1.0), and so does a translated page's English standfirst."""
    prose = [b for b in blocks if b.kind != "heading" and len(b.text.split()) >= min_words and _SENTENCE.search(b.text)]
    chosen = {id(b) for b in prose}
    longest_first = sorted(prose, key=lambda b: -len(b.text))
    return body_text(longest_first + [b for b in blocks if id(b) not in chosen])


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
