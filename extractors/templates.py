"""Per-site templates: lines a site repeats on many pages of a batch are its furniture.

Counting is linear in the number of pages: one set of lines per article, one counter per site.
A line must stand on at least `min_pages` pages (never on one alone) and on at least
`min_share` of its site's pages in the batch (CleanConfig.template_min_pages / _share).
"""

from __future__ import annotations

import posixpath
from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from extractors.config import DEFAULT_CONFIG
from extractors.records import PageContent


def site_of(content: PageContent) -> str:
    """The page's host (from its URL or canonical URL), else its folder below the raw root."""
    url = content.source.url or (content.declared.canonical_url if content.declared else None)
    host = urlsplit(url).hostname if url else None
    return host or posixpath.dirname(content.source.path)


def find_template_lines(
    contents: Iterable[PageContent],
    *,
    min_pages: int = DEFAULT_CONFIG.template_min_pages,
    min_share: float = DEFAULT_CONFIG.template_min_share,
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
