"""The output contract: what downstream apps read. One model per record written.

Field order is the JSON key order. The JSON Schema in `docs/schema/` is generated
from these models (`make schema`), never written by hand.

Every text field is plain text, never markup: a page's `&lt;script&gt;` comes out as the
characters "<script>", so readers must escape text for HTML (or whatever they write). The
one-line metadata fields (title, category, authors, reviewers, site_name) hold no control
characters nor bidi overrides; URLs (canonical_url, source.url) are absolute http(s) or null.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.4"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Record):
    path: str = Field(description="Path of the raw file, relative to the raw root, with '/' separators.")
    sha256: str | None = Field(description="SHA-256 of the raw bytes, hex; null when the file could not be read.")
    format: Literal["text", "html"] = Field(description="How the raw bytes were read.")
    url: str | None = Field(default=None, description="Where the page was fetched from, if known.")
    fetched_at: str | None = Field(
        default=None, description="When its bytes were fetched (ISO 8601 with offset), from the scraper's sidecar (1.4)."
    )
    urls: list[str] = Field(
        default=[], description="Every URL these bytes were fetched from, per the sidecar, sorted (1.4)."
    )


class Language(_Record):
    code: str | None = Field(
        description="ISO 639-1 code detected by langdetect on the cleaned body; null when not sure (1.2)."
    )
    confidence: float = Field(ge=0, le=1, description="langdetect's probability, rounded to 4 digits.")
    declared: str | None = Field(default=None, description="What the page declares (<html lang>), a hint only.")


class Paragraph(_Record):
    type: Literal["paragraph"] = "paragraph"
    text: str


class ListBlock(_Record):
    type: Literal["list"] = "list"
    ordered: bool
    items: list[str] = Field(min_length=1, description="Item text without bullet or number.")
    depths: list[int] = Field(description="Nesting level of each item (0: top); nested lists are flattened.")


class Table(_Record):
    type: Literal["table"] = "table"
    rows: list[list[str]] = Field(min_length=1, description="Rows of cell texts; a header row comes first.")


Block = Annotated[Union[Paragraph, ListBlock, Table], Field(discriminator="type")]


class Section(_Record):
    heading: str | None = Field(description="Null for the lead, before the first heading.")
    blocks: list[Block]


class Removal(_Record):
    reason: str = Field(description="snake_case name of the rule that removed the text.")
    text: str = Field(description="The removed text, as it stood in the page.")
    line: int | None = Field(default=None, description="1-based line in a text page; null for HTML.")


class Warning(_Record):
    code: str = Field(description="snake_case code, e.g. lost_list.")
    message: str


class Pipeline(_Record):
    version: str


class Article(_Record):
    schema_version: Literal["1.4"] = SCHEMA_VERSION
    id: str = Field(description="First 32 hex digits of the SHA-256 of the raw bytes.")
    article_key: str = Field(
        description="The article's name, whatever its bytes (1.4): the canonical URL, else the fetched URL, "
        "normalised, else 'path:' and the raw path (extractors/identity.py); versions of one page share it."
    )
    source: Source
    language: Language
    page_type: Literal["article", "forum", "product", "listing", "other"] = Field(
        description="What kind of page this is (1.3): healthclean is for articles; a forum thread, product "
        "page or listing is cleaned the same way but says so here."
    )
    title: str | None
    category: str | None
    authors: list[str]
    reviewers: list[str] = Field(description="Medical reviewers, as people with their credentials.")
    published: str | None = Field(description="ISO 8601 date (YYYY-MM-DD) or null.")
    updated: str | None = Field(description="ISO 8601 date (YYYY-MM-DD) or null.")
    site_name: str | None
    canonical_url: str | None
    sections: list[Section]
    references: list[str] = Field(description="The page's sources list, kept out of the body.")
    removed: list[Removal]
    warnings: list[Warning]
    pipeline: Pipeline


class Rejection(_Record):
    schema_version: Literal["1.4"] = SCHEMA_VERSION
    id: str = Field(description="Same derivation as Article.id.")
    source: Source
    reason: str = Field(description="snake_case reason code, e.g. empty_input.")
    message: str = Field(description="What went wrong, for a person.")
    pipeline: Pipeline


_DECODER = json.JSONDecoder()


def to_json(record: Article | Rejection) -> str:
    """The one serialisation: UTF-8 text, fixed key order, 2-space indent, final newline."""
    return fields_json(record.model_dump(mode="json"))


def fields_json(fields: dict[str, Any]) -> str:
    """`to_json` of a record already dumped (`record.model_dump(mode="json")`), for a caller
    that reads the dump too."""
    return json.dumps(fields, ensure_ascii=False, indent=2) + "\n"


def top_level_fields(text: str, names: tuple[str, ...]) -> dict[str, Any]:
    """The named top-level fields of a record written by `to_json`, without parsing the rest
    (a replay needs a few small fields; parsing whole records cost 0.1 ms each).

    A top-level key is the only thing that starts a line with exactly two spaces and a
    quote: JSON strings hold no raw newline, nested keys are indented further. Fields
    not present are left out; raises ValueError on text `to_json` did not write.
    """
    if not text.startswith("{\n"):
        raise ValueError("not a record written by to_json")
    fields = {}
    for name in names:
        key = f'\n  "{name}": '
        start = text.find(key)
        if start >= 0:
            fields[name] = _DECODER.raw_decode(text, start + len(key))[0]
    return fields


def json_schemas() -> dict[str, dict]:
    """File name -> JSON Schema for every record the pipeline writes."""
    return {
        "article.schema.json": Article.model_json_schema(),
        "rejection.schema.json": Rejection.model_json_schema(),
    }
