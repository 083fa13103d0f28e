import pytest

from extractors.lexicon import load_lexicon
from extractors.metadata import extract_metadata, parse_date
from extractors.rules import tag_blocks
from extractors.segment import segment_text


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("9 Februari 2021", "sv", "2021-02-09"),
        ("20 November 2024", "sv", "2024-11-20"),
        ("3 maart 2022", "nl", "2022-03-03"),
        ("March 3, 2022", "en", "2022-03-03"),
        ("3. März 2022", "de", "2022-03-03"),
        ("9 Februari 2021", None, "2021-02-09"),
        ("9 Februari 2021", "xx", "2021-02-09"),  # a language dateparser lacks falls back to guessing
    ],
)
def test_parse_date_in_many_languages(text, language, expected):
    assert parse_date(text, language=language) == expected


@pytest.mark.parametrize("text", ["3 days ago", "yesterday", "Februari 2021", "not a date"])
def test_relative_or_partial_dates_give_none(text):
    assert parse_date(text, language="en") is None


def meta(text: str, language: str = "sv"):
    return extract_metadata(tag_blocks(segment_text(text), load_lexicon()), load_lexicon(), language=language)


def test_authors_split_and_placeholders_dropped():
    assert meta("Författare: Anna Berg och Per Lind\nText.").authors == ["Anna Berg", "Per Lind"]
    assert meta("Author: Anonymous\nText.").authors == []
    assert meta("Authors: A. Smith, B. Jones & C. Brown\nText.").authors == ["A. Smith", "B. Jones", "C. Brown"]


def test_an_unreadable_date_is_a_warning_not_a_guess():
    result = meta("Skapelsedatum: någon gång\nText.")
    assert result.published is None
    assert [w.code for w in result.warnings] == ["unparsed_date"]


def test_a_dump_without_a_published_label_takes_the_date_under_its_title():
    from extractors.pipeline import clean_page

    page = "Sköldkörteln och ämnesomsättningen\n27.10.2025 Anna Berg\n" + "Sköldkörteln bildar hormoner som styr ämnesomsättningen i hela kroppen. " * 3
    assert clean_page(page.encode(), "t.txt").published == "2025-10-27"
