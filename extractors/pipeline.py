"""The one way to clean pages: `clean_batch(pages, config)`, used by the flow, `preview`,
the golden tests and the benchmarks alike; a single page is a batch of one (`clean_page`).

Each page is read (extractors.read), the batch's site templates are found among the pages
read (extractors.templates), then each page is assembled (extractors.assemble). A page
never raises: a bug becomes an `internal_error` rejection, a page over its CPU budget
(both stages together) a `timeout` rejection; either costs that page only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from extractors.assemble import assemble, reject
from extractors.config import DEFAULT_CONFIG, CleanConfig
from extractors.contract import Article, Rejection, Source
from extractors.explain import Explanation, stage
from extractors.limits import within_budget
from extractors.read import describe_source, read_page
from extractors.records import Origin, PageContent, RawPage
from extractors.templates import find_template_lines, site_of


def clean_batch(
    pages: Sequence[RawPage],
    config: CleanConfig = DEFAULT_CONFIG,
    *,
    cpu_ms: dict[str, float] | None = None,
    explain: dict[str, Explanation] | None = None,
) -> list[Article | Rejection]:
    """The record of each page, in order; lines a site repeats on many pages of the batch
    are removed as its template (config.site_templates).

    cpu_ms: if given, filled with each path's CPU milliseconds (for a run's slowest pages).
    explain: if given, filled with each path's Explanation (stage times, rule counts).
    """
    cpu_ms = {} if cpu_ms is None else cpu_ms
    notes = {page.path: Explanation() for page in pages} if explain is not None else {}
    contents = [_timed(cpu_ms, page.path, lambda page=page: describe_source(page.data, page.path, page.origin),
                       lambda page=page: _read(page, config, notes.get(page.path)), config) for page in pages]
    read = [content for content in contents if isinstance(content, PageContent)]
    templates = find_template_lines(read, min_pages=config.template_min_pages, min_share=config.template_min_share) \
        if config.site_templates else {}
    records = [
        content if isinstance(content, Rejection)
        else _timed(cpu_ms, content.source.path, lambda c=content: c.source,
                    lambda c=content: assemble(c, template_lines=templates.get(site_of(c), frozenset()),
                                               config=config,
                                               explain=notes.get(c.source.path)), config)
        for content in contents
    ]
    if explain is not None:
        explain.update(notes)
    return records


def _read(page: RawPage, config: CleanConfig, explanation: Explanation | None) -> PageContent | Rejection:
    with stage(explanation, "read"):
        return read_page(page, config)


def clean_page(data: bytes, path: str, *, url: str | None = None, config: CleanConfig = DEFAULT_CONFIG) -> Article | Rejection:
    """One raw page as a batch of one (so no site template); never raises.

    path: where the page lies, relative to the raw root (recorded, never opened).
    url: where a scraper fetched it from, if known.
    """
    return clean_batch([RawPage(data, path, Origin(url=url))], config)[0]


def _timed(cpu_ms: dict[str, float], path: str, source: Callable[[], Source], step: Callable[[], Any], config: CleanConfig) -> Any:
    """One stage of one page, timed, within what is left of the page's CPU budget."""
    start, spent = time.thread_time(), cpu_ms.get(path, 0.0)
    result = within_budget(step, config.limits.time_budget_s - spent / 1000, lambda failure: reject(source(), failure),
                           timer_signal=config.limits.timer_signal)
    cpu_ms[path] = spent + (time.thread_time() - start) * 1000
    return result
