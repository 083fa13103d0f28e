"""Metadata a page declares: JSON-LD first, then meta tags, then <title>."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from htmldate import find_date
from lxml import etree

from extractors.config import DEFAULT_THRESHOLDS
from extractors.contract import Warning
from extractors.json_data import json_ld_article
from extractors.people import split_people
from extractors.sanitize import one_line, web_url
from extractors.titles import split_title

_URL = re.compile(r"^https?://|^/")
_BYLINE_TAIL = re.compile(r"\d| [-|·•] |\bupdated\b|\bpublished\b", re.IGNORECASE)
_BYLINE = etree.XPath(
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or contains(@class, 'author')]"
    "[not(self::meta or self::link or self::script)]"
)
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_AUTHOR_META = ("author", "article:author", "citation_author", "dc.creator", "dc:creator", "dcterms.creator",
                "parsely-author", "sailthru.author", "byl", "authors", "creator")


@dataclass
class DeclaredMeta:
    title: str | None = None
    site_name: str | None = None
    category: str | None = None
    authors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    published: str | None = None  # as written: ISO strings usually, parsed later
    updated: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    h1: str | None = None
    kinds: frozenset[str] = frozenset()  # what the page says it is: JSON-LD @types, "og:" + og:type
    dated: str | None = None  # without `published`: htmldate's guess (YYYY-MM-DD) from the markup
    warnings: list[Warning] = field(default_factory=list)  # metadata the page declares but we could not use

    def title_parts(self) -> tuple[str | None, str | None, list[str]]:
        """(title without site/category suffixes, site name, categories from the suffixes)."""
        return split_title(self.title, site_name=self.site_name, h1=self.h1)


def read_declared_meta(tree, *, byline_max_chars: int = DEFAULT_THRESHOLDS.byline_max_chars) -> DeclaredMeta:
    """What the page says about itself, before extraction changes anything. Its URL only when
    absolute http(s) (extractors.sanitize.web_url); unreadable JSON-LD is skipped with a warning."""
    ld, kinds, warnings = json_ld_article(tree)
    meta = {(m.get("property") or m.get("name") or "").lower(): m.get("content", "").strip()
            for m in tree.iter("meta") if m.get("content")}
    titles = tree.xpath("//title/text()")
    h1 = tree.xpath("normalize-space(//h1[1])") or None
    published = _text(ld.get("datePublished")) or meta.get("article:published_time") \
        or meta.get("citation_publication_date") or meta.get("date") or meta.get("parsely-pub-date")
    return DeclaredMeta(
        title=_text(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
        or (titles[0].strip() if titles else None),
        site_name=meta.get("og:site_name") or _name(ld.get("publisher")) or meta.get("application-name"),
        category=_text(ld.get("articleSection")) or meta.get("article:section"),
        authors=_people(ld.get("author")) or _meta_people(meta) or _visible_byline(tree, byline_max_chars),
        reviewers=_people(ld.get("reviewedBy") or ld.get("lastReviewer")),
        published=published,
        updated=_text(ld.get("dateModified")) or meta.get("article:modified_time") or meta.get("og:updated_time"),
        canonical_url=next(filter(None, map(web_url, [*_CANONICAL(tree), meta.get("og:url")])), None),
        language=one_line(tree.get("lang") or meta.get("content-language") or _text(ld.get("inLanguage"))),
        h1=h1,
        kinds=kinds | ({f"og:{meta['og:type'].lower()}"} if meta.get("og:type") else set()),
        dated=None if published else _guess_date(tree),
        warnings=warnings,
    )


def _guess_date(tree) -> str | None:
    """The publication date htmldate reads in the markup (<time> elements, dated URLs, date
    classes ...), its quick search only (about 1 ms a page). A guess: also on pages that state
    no date (a copyright year), so it is used for articles only (extractors.assemble)."""
    try:
        return find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a guess that fails is no date, never a failed page
        return None


def _people(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = [n for v in values if (n := _name(v)) and not _URL.match(n)]
    return [p for n in names for p in split_people(n)]


def _meta_people(meta: dict[str, str]) -> list[str]:
    for key in _AUTHOR_META:
        value = meta.get(key)
        if value and not _URL.match(value):
            return split_people(value)
    return []


def _visible_byline(tree, max_chars: int) -> list[str]:
    """The first short byline element (rel/itemprop author, class *byline* or *author*).
    One XPath pass: trafilatura's own selectors cost ~3 ms each on a news page."""
    for element in _BYLINE(tree):
        # A byline box often runs on into a date or a second line ("Dan Goodin - Apr 16, 2015",
        # "By Brenda Goodman, MA\n WebMD Health News"): keep its first line, cut at the date.
        first_line = next((line for line in element.text_content().splitlines() if line.strip()), "")
        text = _BYLINE_TAIL.split(" ".join(first_line.split()), maxsplit=1)[0].strip(" -|,·")
        if 2 < len(text) <= max_chars and not _URL.match(text):
            return split_people(text)
    return []


def _name(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return _text(value)


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() or None if isinstance(value, str) else None
