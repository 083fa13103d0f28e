"""Per-site templates: lines a site repeats on many pages of a batch are its furniture.

Counting is linear in the number of pages: one set of lines per article, one counter per site.
A line must stand on at least `min_pages` pages (never on one alone) and on at least
`min_share` of its site's pages in the batch.
"""

from __future__ import annotations

import posixpath
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from extractors.contract import Article, Rejection, Source
from extractors.limits import DEFAULT_LIMITS, Limits, within_budget
from extractors.pipeline import assemble, describe_source, read_page, reject
from extractors.records import Origin, PageContent

MIN_PAGES = 3
MIN_SHARE = 0.5


def site_of(content: PageContent) -> str:
    """The page's host (from its URL or canonical URL), else its folder below the raw root."""
    url = content.source.url or (content.declared.canonical_url if content.declared else None)
    host = urlsplit(url).hostname if url else None
    return host or posixpath.dirname(content.source.path)


def find_template_lines(
    contents: Iterable[PageContent], *, min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE
) -> dict[str, frozenset[str]]:
    """Site -> the lines repeated on enough of its pages.

    Copies of one article (the same page scraped twice, or a whole corpus repeated) count
    as one page: their shared lines are the article, not the site's furniture.
    """
    articles_per_site: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for content in contents:
        articles_per_site[site_of(content)][_article_key(content)].update(b.text for b in content.blocks)
    templates = {}
    for site, articles in articles_per_site.items():
        needed = max(min_pages, 2, min_share * len(articles))
        counts = Counter(line for lines in articles.values() for line in lines)
        templates[site] = frozenset(line for line, n in counts.items() if n >= needed)
    return templates


def _article_key(content: PageContent) -> str:
    """What tells one article from another: its longest block (furniture lines are short)."""
    return max((b.text for b in content.blocks), key=len, default="")


def clean_pages(
    pages: list[tuple[bytes, str]],
    *,
    limits: Limits = DEFAULT_LIMITS,
    origins: Mapping[str, Origin] = MappingProxyType({}),
    min_pages: int = MIN_PAGES,
    cpu_ms: dict[str, float] | None = None,
) -> list[Article | Rejection]:
    """Clean a batch of (raw bytes, path) pages, removing each site's template lines.

    A page that raises (a bug, not bad input) becomes an `internal_error` rejection; one over
    its CPU-time budget (limits.time_budget_s, both steps together) a `timeout` rejection.
    origins: path -> the page's URL and HTTP charset, for pages a scraper landed (the URL's
        host then names the page's site).
    cpu_ms: if given, filled with each path's CPU milliseconds (for the run's slowest pages).
    """
    cpu_ms = {} if cpu_ms is None else cpu_ms
    def read(data: bytes, path: str) -> PageContent | Rejection:
        origin = origins.get(path, Origin())
        source = partial(describe_source, data, path, url=origin.url)
        return _run(cpu_ms, path, source, partial(read_page, data, path, origin=origin, limits=limits), limits)

    contents = [read(data, path) for data, path in pages]
    templates = find_template_lines([c for c in contents if isinstance(c, PageContent)], min_pages=min_pages)
    return [
        c if isinstance(c, Rejection)
        else _run(cpu_ms, c.source.path, lambda c=c: c.source,
                  partial(assemble, c, template_lines=templates.get(site_of(c), frozenset())), limits)
        for c in contents
    ]


def _run(cpu_ms: dict[str, float], path: str, source: Callable[[], Source], step: Callable[[], Any], limits: Limits) -> Any:
    """One step of one page, timed, within what is left of the page's CPU budget."""
    start, spent = time.process_time(), cpu_ms.get(path, 0.0)
    result = within_budget(step, limits.time_budget_s - spent / 1000, lambda failure: reject(source(), failure))
    cpu_ms[path] = spent + (time.process_time() - start) * 1000
    return result
