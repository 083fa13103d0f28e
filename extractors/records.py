"""Records passed between the pure stages (the written ones live in contract.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from typing import TYPE_CHECKING

from extractors.contract import Removal, Source

if TYPE_CHECKING:
    from extractors.html_meta import DeclaredMeta

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Origin:
    """Where a raw page came from, as a scraper recorded it beside the page."""

    url: str | None = None  # the final URL, after redirects
    charset: str | None = None  # from the HTTP Content-Type header
    fetched_at: str | None = None  # when the bytes were fetched (ISO 8601)
    urls: tuple[str, ...] = ()  # every URL that gave these bytes


@dataclass(frozen=True)
class RawPage:
    """One page to clean: its bytes, where it lies below the raw root (recorded, never
    opened) and, for a page a scraper landed, its origin."""

    data: bytes
    path: str
    origin: Origin = Origin()


@dataclass(frozen=True)
class Failure:
    """Why an input cannot become an article: a snake_case reason and a sentence."""

    reason: str
    message: str


@dataclass(frozen=True)
class Page:
    """What was read: the source description and the decoded text."""

    source: Source
    text: str


@dataclass(frozen=True)
class Tag:
    """A rule's verdict on one block. `rule` is the removal reason when `removes`."""

    rule: str
    removes: bool = True
    value: str | None = None  # metadata the rule captured (an author, a date, a category)


@dataclass(frozen=True)
class Block:
    """One unit of a page (a line of a text dump, an element of an HTML body), with its tags.

    `group` ties items of one HTML list together (None: adjacent items form a list);
    `depth` is an item's nesting level, a heading's level in HTML (1-6; 0 unknown); `rows` are a
    table's cells (its `text` joins them).
    """

    kind: BlockKind
    text: str
    line: int | None = None
    ordered: bool = False
    depth: int = 0
    group: int | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    tags: tuple[Tag, ...] = field(default=())

    def with_tag(self, tag: Tag) -> Block:
        return replace(self, tags=(*self.tags, tag))

    def has(self, rule: str) -> bool:
        return any(t.rule == rule for t in self.tags)

    @property
    def removed_by(self) -> str | None:
        """The first removing rule, which decides the recorded reason."""
        return next((t.rule for t in self.tags if t.removes), None)


@dataclass(frozen=True)
class PageContent:
    """A page read into blocks, before any rule: what the batch step counts template lines on."""

    source: Source
    blocks: list[Block]
    removed: list[Removal]  # HTML furniture dropped before extraction
    declared: DeclaredMeta | None  # what an HTML page says about itself
