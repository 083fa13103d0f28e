"""Boilerplate phrases as data: one TOML file per language, validated, compiled once.

Groups (each optional in a file, never empty when present):
- labels:   "Label: value" or "Label Value" lines; the value is metadata (author, published,
            updated, reviewed). Without a colon the value must start with a capital or digit.
- lines:    whole lines (posted_on, anonymous, ad_label, page_feedback; share, toc,
            references, related and comments headers are candidates structure rules confirm).
- prefixes: a phrase, alone or followed by any words (branding: "A word from <brand>";
            related links; newsletter and cookie prompts; end credits; affiliate disclosures).
- contains: short lines holding the phrase anywhere (image credits, copyright notices).
All languages are matched at once: scraped copies mix labels from several languages.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model
from typing_extensions import Annotated

from extractors.registry import SECTIONS, groups_of

Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Group = Annotated[list[Phrase], Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _section_model(section: str) -> type[_Strict]:
    """The pydantic model of one section: its groups are those extractors.registry declares."""
    fields = {group.name: (Group | None, None) for group in groups_of(section)}
    return create_model(section.title(), __base__=_Strict, **fields)


Labels, Lines, Prefixes, Contains = (_section_model(section) for section in SECTIONS)


class LanguageLexicon(_Strict):
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    labels: Labels = Labels()
    lines: Lines = Lines()
    prefixes: Prefixes = Prefixes()
    contains: Contains = Contains()


@dataclass(frozen=True)
class Lexicon:
    """Compiled patterns by group name; labels and prefixes capture a `value`."""

    languages: tuple[str, ...]
    labels: dict[str, re.Pattern[str]]
    lines: dict[str, re.Pattern[str]]
    prefixes: dict[str, re.Pattern[str]]
    contains: dict[str, re.Pattern[str]]


def parse_language_file(text: str) -> LanguageLexicon:
    """Validate one TOML lexicon; raises pydantic.ValidationError on a bad file."""
    return LanguageLexicon.model_validate(tomllib.loads(text))


@functools.cache
def load_lexicon(languages: tuple[str, ...] | None = None) -> Lexicon:
    """The bundled language files (all, or only `languages`), merged and compiled once."""
    files = sorted(p for p in (resources.files("extractors") / "lexicons").iterdir() if p.name.endswith(".toml"))
    parts = [parse_language_file(p.read_text(encoding="utf-8")) for p in files]
    return compile_lexicon([p for p in parts if languages is None or p.language in languages])


def compile_lexicon(parts: list[LanguageLexicon]) -> Lexicon:
    def merged(section: str) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for part in parts:
            for name, phrases in getattr(part, section).model_dump(exclude_none=True).items():
                groups.setdefault(name, []).extend(phrases)
        return groups

    return Lexicon(
        languages=tuple(p.language for p in parts),
        labels={g: _pattern(ps, r"(?P<colon>\s*:\s*|\s+)(?P<value>\S.{0,100})") for g, ps in merged("labels").items()},
        lines={g: _pattern(ps, r"\s*:?") for g, ps in merged("lines").items()},
        prefixes={g: _pattern(ps, r"\s*:?(?:\s+(?P<value>\S.{0,300}))?") for g, ps in merged("prefixes").items()},
        contains={g: _pattern(ps, "", anywhere=True) for g, ps in merged("contains").items()},
    )


def _pattern(phrases: list[str], tail: str, *, anywhere: bool = False) -> re.Pattern[str]:
    # Longest first, so "Dela med sig" wins over "Dela"; any run of spaces matches one.
    ordered = sorted(set(phrases), key=len, reverse=True)
    if anywhere:  # as written, colon included, and never inside a word ("Foto:" not in "Fototerapi")
        written = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
        return re.compile(rf"(?<!\w)(?:{written})", re.IGNORECASE)
    alternatives = "|".join(re.escape(p.rstrip(":")).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"^(?:{alternatives}){tail}$", re.IGNORECASE)
