"""Metadata: what the page declares (HTML), else what its tagged lines say.

Text fields come out as one line of plain text (extractors.sanitize.one_line). Warnings:
`unparsed_date` (a date line whose date could not be read; the date stays null) and
`metadata_ignored` (a JSON-LD block that is not valid JSON or nests too deep was skipped;
the page is kept, its metadata taken from meta tags and visible lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import dateparser
from dateutil.parser import isoparse

from extractors.contract import Warning
from extractors.html_meta import DeclaredMeta
from extractors.lexicon import Lexicon
from extractors.people import split_people
from extractors.records import Block
from extractors.rules.lexicon_rules import is_anonymous
from extractors.sanitize import one_line, one_line_all

# Only absolute dates: "3 days ago" would make the output depend on the day of the run.
DATE_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


# langdetect says "no" for Norwegian; dateparser knows Bokmål as "nb".
_DATEPARSER_CODES = {"no": "nb"}
# Words around a date that dateparser stumbles on: Danish "d. 15. marts 2025", Lithuanian
# "2021 m. vasario 9 d.", Latvian "2022. gada 15. marts".
_DATE_MARKERS = re.compile(r"^\s*d\.\s+|\s+d\.\s*$|\bgada\b", re.IGNORECASE)
# A numeric date inside a line ("27.10.2025 Lassi Nelimarkka", "Створено: 26.09.2025").
_NUMERIC_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b")


@dataclass
class Metadata:
    title: str | None = None
    category: str | None = None
    authors: list[str] = field(default_factory=list)
    reviewers: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    references: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def extract_metadata(
    blocks: list[Block], lexicon: Lexicon, *, language: str | None = None, declared: DeclaredMeta | None = None
) -> Metadata:
    """Declared metadata wins over visible lines; `language` (ISO 639-1) guides date parsing."""
    seen, declared_present, declared = _tag_values(blocks), declared is not None, declared or DeclaredMeta()
    title, site_name, categories = declared.title_parts()
    meta = Metadata(
        title=_first_line(title, _first(seen, "title")),
        category=_first_line(
            declared.category, categories[0] if categories else None, _first(seen, "repeated_title"), _first(seen, "kicker")
        ),
        authors=[a for a in one_line_all(declared.authors or _people(seen, "author_line")) if not is_anonymous(a, lexicon)],
        reviewers=one_line_all(declared.reviewers or _people(seen, "reviewed_by_line")),
        site_name=one_line(site_name),
        canonical_url=declared.canonical_url,
        references=seen.get("reference", []),
        warnings=list(declared.warnings),
    )
    for rule, attribute, declared_value in (
        ("published_line", "published", declared.published),
        ("updated_line", "updated", declared.updated),
    ):
        raw = declared_value or _first(seen, rule)
        if raw is None:
            if attribute == "published" and not declared_present:
                meta.published = _head_date(seen, language)
            continue
        parsed = parse_date(raw, language=language)
        setattr(meta, attribute, parsed)
        if parsed is None:
            meta.warnings.append(Warning(code="unparsed_date", message=f"Could not read a date in {raw!r} ({attribute})."))
    return meta


def _head_date(seen: dict[str, list[str]], language: str | None) -> str | None:
    """A text dump with no published label: the first date on a timestamp line or among the
    lines between its title and body (a byline's date). A guess, so no warning if none reads."""
    stamps = [(found.group() if (found := _NUMERIC_DATE.search(line)) else line) for line in seen.get("date_line", [])]
    stamps += [found.group() for line in seen.get("header_line", []) if (found := _NUMERIC_DATE.search(line))]
    return next(filter(None, (parse_date(stamp, language=language) for stamp in stamps)), None)


def parse_date(text: str, *, language: str | None = None) -> str | None:
    """ISO date (YYYY-MM-DD) from ISO 8601 or a date in any language dateparser knows."""
    try:  # machine-readable dates (JSON-LD, meta tags) need no language model
        return isoparse(text.strip()).date().isoformat()
    except (ValueError, OverflowError):
        pass
    text = _DATE_MARKERS.sub("", text).strip()
    languages = [_DATEPARSER_CODES.get(language, language)] if language else None
    try:
        parsed = dateparser.parse(text, languages=languages, settings=DATE_SETTINGS)
        if parsed is None and languages:
            parsed = dateparser.parse(text, settings=DATE_SETTINGS)
    except ValueError:  # an unknown language code
        parsed = dateparser.parse(text, settings=DATE_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _first_line(*candidates: str | None) -> str | None:
    """The first candidate left non-empty as one line of plain text."""
    return next(filter(None, map(one_line, candidates)), None)


def _tag_values(blocks: list[Block]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for block in blocks:
        for tag in block.tags:
            if tag.value:
                values.setdefault(tag.rule, []).append(tag.value)
    return values


def _first(values: dict[str, list[str]], rule: str) -> str | None:
    return values.get(rule, [None])[0]


def _people(values: dict[str, list[str]], rule: str) -> list[str]:
    return list(dict.fromkeys(p for line in values.get(rule, []) for p in split_people(line)))
