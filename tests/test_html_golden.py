"""Real health and news pages (trimmed copies, licences in tests/data/html) against their golden articles."""

from __future__ import annotations

import json

import pytest

from extractors.contract import Article, to_json
from extractors.pipeline import clean_page
from tests.conftest import GOLDEN, RAW, golden

PAGES = sorted((GOLDEN.parent / "data" / "html").glob("*.html")) + sorted(RAW.glob("*.html"))


def clean(path) -> Article:
    article = clean_page(path.read_bytes(), path.name)
    assert isinstance(article, Article), article
    return article


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_matches_golden_file(page):
    assert to_json(clean(page)) == golden(f"html/{page.stem}.json")


def test_webmd_byline_keeps_the_credential_and_drops_the_desk():
    article = clean(RAW / "webmd_peanut_allergy.html")
    assert article.authors == ["Brenda Goodman, MA"]
    assert article.title == "Babies Who Eat Peanuts Early May Avoid Allergy"
    body = json.dumps([s.model_dump() for s in article.sections])
    assert "Please wait" not in body and "Tools & Resources" not in body


def test_medical_news_today_headings_and_metadata():
    article = clean(GOLDEN.parent / "data" / "html" / "readability-medicalnewstoday.html")
    assert [s.heading for s in article.sections] == [
        None, "The hypothesis", "Examining the 'a-ha!' moment", "'A-ha' moment similar to making a decision"]
    assert (article.authors, article.site_name) == (["Ana Sandoiu"], "Medical News Today")
    assert article.canonical_url == "https://www.medicalnewstoday.com/articles/318674.php"


def test_a_read_more_class_on_the_article_does_not_remove_the_article():
    article = clean(GOLDEN.parent / "data" / "html" / "aeb-432362af0b.html")
    first = article.sections[0].blocks[0].text
    assert first.startswith("A case of the bubonic plague was reported in China")
    assert (article.published, article.site_name) == ("2019-11-18", "New York Post")
