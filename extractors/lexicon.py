"""Boilerplate phrases as data: one TOML file per language, validated, compiled once.

Groups (each optional in a file, never empty when present):
- labels:   "Label: value" lines; the value is metadata (author, published, updated, reviewed).
- lines:    whole lines (posted_on, anonymous, ad_label; share and toc are only
            candidates that structure rules confirm by position).
- prefixes: a phrase followed by any words (branding: "A word from <brand>"; related links).
All languages are matched at once: scraped copies mix labels from several languages.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from typing_extensions import Annotated

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Group = Annotated[list[Phrase], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Labels(_Strict):
    author: Group | None = None
    published: Group | None = None
    updated: Group | None = None
    reviewed: Group | None = None


class Lines(_Strict):
    posted_on: Group | None = None
    anonymous: Group | None = None
    ad_label: Group | None = None
    share: Group | None = None
    toc: Group | None = None


class Prefixes(_Strict):
    branding: Group | None = None
    related: Group | None = None


class LanguageLexicon(_Strict):
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    labels: Labels = Labels()
    lines: Lines = Lines()
    prefixes: Prefixes = Prefixes()


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns by group name; each has a `value` group except `lines`."""

    languages: tuple[str, ...]
    labels: dict[str, re.Pattern[str]]
    lines: dict[str, re.Pattern[str]]
    prefixes: dict[str, re.Pattern[str]]


def parse_language_file(text: str) -> LanguageLexicon:
    """Validate one TOML lexicon; raises pydantic.ValidationError on a bad file."""
    return LanguageLexicon.model_validate(tomllib.loads(text))


@functools.cache
def load_lexicon() -> Lexicon:
    """Every bundled language file, merged and compiled (once per process)."""
    files = sorted(p for p in (resources.files("extractors") / "lexicons").iterdir() if p.name.endswith(".toml"))
    return compile_lexicon([parse_language_file(p.read_text(encoding="utf-8")) for p in files])


def compile_lexicon(parts: list[LanguageLexicon]) -> Lexicon:
    def merged(section: str) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for part in parts:
            for name, phrases in getattr(part, section).model_dump(exclude_none=True).items():
                groups.setdefault(name, []).extend(phrases)
        return groups

    return Lexicon(
        languages=tuple(p.language for p in parts),
        labels={g: _pattern(ps, r"\s*:\s*(?P<value>\S.{0,100})") for g, ps in merged("labels").items()},
        lines={g: _pattern(ps, r"\s*:?") for g, ps in merged("lines").items()},
        prefixes={g: _pattern(ps, r"\s*:?\s+(?P<value>\S.{0,100})") for g, ps in merged("prefixes").items()},
    )


def _pattern(phrases: list[str], tail: str) -> re.Pattern[str]:
    # Longest first, so "Dela med sig" wins over "Dela"; any run of spaces matches one.
    escaped = [re.escape(p.rstrip(":")).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True)]
    return re.compile(rf"^(?:{'|'.join(escaped)}){tail}$", re.IGNORECASE)
