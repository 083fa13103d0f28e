"""Metadata from the lines the rules tagged: title, category, authors, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import dateparser

from extractors.contract import Warning
from extractors.lexicon import Lexicon
from extractors.records import Block
from extractors.rules.lexicon_rules import is_anonymous

# Only absolute dates: "3 days ago" would make the output depend on the day of the run.
DATE_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:[,;&/]|\s(?:and|och|og|en|und|et|y)\s)\s*", re.IGNORECASE)


@dataclass
class Metadata:
    title: str | None = None
    category: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    warnings: list[Warning] = field(default_factory=list)


def extract_metadata(blocks: list[Block], lexicon: Lexicon, *, language: str | None = None) -> Metadata:
    """Read metadata off tagged blocks. `language` (ISO 639-1) guides date parsing."""
    values = _tag_values(blocks)
    meta = Metadata(
        title=_first(values, "title"),
        category=_first(values, "repeated_title"),
        authors=_authors(values.get("author_line", []), lexicon),
    )
    for rule, attribute in (("published_line", "published"), ("updated_line", "updated")):
        raw = _first(values, rule)
        if raw is None:
            continue
        parsed = parse_date(raw, language=language)
        setattr(meta, attribute, parsed)
        if parsed is None:
            meta.warnings.append(Warning(code="unparsed_date", message=f"Could not read a date in {raw!r} ({rule})."))
    return meta


def parse_date(text: str, *, language: str | None = None) -> str | None:
    """ISO date (YYYY-MM-DD) from a date in any language dateparser knows, else None."""
    languages = [language] if language else None
    try:
        parsed = dateparser.parse(text, languages=languages, settings=DATE_SETTINGS)
        if parsed is None and languages:
            parsed = dateparser.parse(text, settings=DATE_SETTINGS)
    except ValueError:  # an unknown language code
        parsed = dateparser.parse(text, settings=DATE_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _tag_values(blocks: list[Block]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for block in blocks:
        for tag in block.tags:
            if tag.value:
                values.setdefault(tag.rule, []).append(tag.value)
    return values


def _first(values: dict[str, list[str]], rule: str) -> str | None:
    return values.get(rule, [None])[0]


def _authors(lines: list[str], lexicon: Lexicon) -> list[str]:
    names = (name.strip() for line in lines for name in _AUTHOR_SEPARATORS.split(line))
    unique = dict.fromkeys(n for n in names if n and not is_anonymous(n, lexicon))
    return list(unique)
