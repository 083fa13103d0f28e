"""One realistic page per supported language (tests/languages/<code>.txt) against facts written
by hand from the page (tests/languages/<code>.json), and every lexicon phrase, group by group."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from extractors.contract import Article, ListBlock, Paragraph
from extractors.lexicon import load_lexicon
from extractors.pipeline import clean_page
from extractors.records import Block
from extractors.rules.lexicon_rules import tag_lexicon

PAGES = Path(__file__).parent / "languages"
EXPECTED = sorted(PAGES.glob("*.json"))
LEXICON_FILES = sorted(
    p for p in (resources.files("extractors") / "lexicons").iterdir() if p.name.endswith(".toml")
)


def clean(code: str) -> Article:
    page = PAGES / f"{code}.txt"
    article = clean_page(page.read_bytes(), page.name)
    assert isinstance(article, Article), article
    return article


def content(article: Article) -> list[str]:
    texts = [s.heading for s in article.sections if s.heading]
    for block in (b for s in article.sections for b in s.blocks):
        texts.extend(block.items if isinstance(block, ListBlock) else [getattr(block, "text", "")])
    return texts


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.stem)
def test_language_page_gives_the_expected_article(expected_file):
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    article = clean(expected_file.stem)
    assert article.language.code == expected["language"]
    assert article.title == expected["title"]
    assert article.category == expected["category"]
    assert article.authors == expected["authors"]
    assert (article.published, article.updated) == (expected["published"], expected["updated"])
    assert [s.heading for s in article.sections if s.heading] == expected["headings"]
    assert [len(b.items) for s in article.sections for b in s.blocks if isinstance(b, ListBlock)] == expected[
        "list_sizes"
    ]
    assert len([b for s in article.sections for b in s.blocks if isinstance(b, Paragraph)]) == expected["paragraphs"]
    assert [r.reason for r in article.removed] == expected["removed_reasons"]
    body = "\n".join(content(article))
    assert [phrase for phrase in expected["not_in_content"] if phrase in body] == []


def test_every_language_has_a_page():
    languages = {p.stem for p in LEXICON_FILES} - {"sv", "nl"}  # the seed pages cover these two
    assert languages <= {p.stem for p in EXPECTED}, languages - {p.stem for p in EXPECTED}


# What each lexicon section's phrases must produce when they stand on a line of their own.
LINE_FOR = {
    "labels": lambda phrase: f"{phrase.rstrip(':')}: Maria Novak 2021",
    "lines": lambda phrase: phrase,
    "prefixes": lambda phrase: f"{phrase} Verywell",
    "contains": lambda phrase: f"Foto {phrase} Agency",
}
TAG_FOR = {
    ("labels", g): r for g, r in
    {"author": "author_line", "published": "published_line", "updated": "updated_line", "reviewed": "reviewed_by_line"}.items()
}


def lexicon_cases():
    for path in LEXICON_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for section in ("labels", "lines", "prefixes", "contains"):
            for group, phrases in data.get(section, {}).items():
                for phrase in phrases:
                    yield pytest.param(section, group, phrase, id=f"{path.stem}-{group}-{phrase}")


@pytest.mark.parametrize("section, group, phrase", list(lexicon_cases()))
def test_every_lexicon_phrase_is_matched_by_its_group(section, group, phrase):
    lexicon = load_lexicon()
    line = LINE_FOR[section](phrase)
    pattern = getattr(lexicon, section)[group]
    assert (pattern.search(line) if section == "contains" else pattern.match(line)), (group, line)
    [tagged] = tag_lexicon([Block("heading" if section == "prefixes" else "paragraph", line)], lexicon)
    assert tagged.tags, f"{line!r} got no tag (another group or a rule limit shadows {group})"
