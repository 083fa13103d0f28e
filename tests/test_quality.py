from extractors.contract import Language
from extractors.quality import quality_warnings
from extractors.records import Block

SV = Language(code="sv", confidence=1.0)
LONG = ("Muskelspasmer kan vara en källa till betydande smärta hos många personer med fibromyalgi. " * 10).strip()


def codes(blocks, title="Titel", language=SV):
    return [w.code for w in quality_warnings(blocks, title=title, language=language)]


def test_a_clean_article_has_no_warning():
    assert codes([Block("paragraph", LONG)]) == []


def test_each_warning_code():
    assert codes([Block("paragraph", LONG), Block("paragraph", "och sedan blev det bättre.")]) == ["fragment"]
    assert codes([Block("paragraph", LONG)], title=None) == ["no_title"]
    assert codes([Block("paragraph", LONG)], language=Language(code=None, confidence=0.4)) == ["language_uncertain"]
    english = "Trigger point injections are one of the treatments for the pain of fibromyalgia."
    assert codes([Block("paragraph", LONG), Block("paragraph", english)]) == ["foreign_block"]
    assert codes([Block("paragraph", "En kort text.")]) == ["short_body"]
    assert codes([Block("paragraph", LONG), Block("paragraph", "Det slutar mitt i en")]) == ["truncated_text"]
    assert codes([Block("paragraph", LONG), Block("paragraph", LONG)]) == ["duplicate_block"]


def test_a_list_intro_without_items_is_a_lost_list():
    assert codes([Block("paragraph", LONG), Block("paragraph", "Hemma kan du prova:")]) == ["lost_list"]


def test_a_short_english_label_left_in_a_swedish_article_is_foreign():
    assert codes([Block("paragraph", LONG), Block("paragraph", "Read more"), Block("paragraph", LONG + " Slut.")]) == [
        "foreign_block"]
    assert codes([Block("paragraph", LONG), Block("paragraph", "Kort rad"), Block("paragraph", LONG + " Slut.")]) == []
