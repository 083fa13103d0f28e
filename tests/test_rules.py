"""Each rule on small hand-made pages: it tags what it should and leaves content alone."""

import pytest

from extractors.decide import decide
from extractors.lexicon import load_lexicon
from extractors.rules import tag_blocks
from extractors.segment import segment_text


def removals(text: str) -> list[tuple[str, str]]:
    _, removed = decide(tag_blocks(segment_text(text), load_lexicon()))
    return [(r.reason, r.text) for r in removed]


def kept(text: str) -> list[str]:
    blocks, _ = decide(tag_blocks(segment_text(text), load_lexicon()))
    return [b.text for b in blocks]


BODY = "Det här är en mening som hör till artikeln."
MORE = "Också den här meningen hör till artikeln, en bit längre ner."
EVEN_MORE = "Och den sista meningen avslutar artikeln om kramper."


def test_title_and_its_repeats_with_a_category():
    text = f"Min titel\nMin titel - Hälsa\nMin titel\n{BODY}"
    assert removals(text) == [("title", "Min titel"), ("repeated_title", "Min titel - Hälsa"), ("repeated_title", "Min titel")]


def test_a_page_starting_with_a_paragraph_has_no_title():
    assert removals(f"{BODY}\nRubrik\n{MORE}") == []


def test_toc_header_without_entries_is_empty():
    assert ("empty_toc_header", "Innehåll") in removals(f"{BODY}\nInnehåll\nRubrik ett\n{MORE}")


def test_toc_with_entries_goes_whole():
    text = f"{BODY}\nInnehåll\n• Del ett\n• Del två\nDel ett\n{MORE}\nDel två\n{EVEN_MORE}"
    assert removals(text) == [
        ("table_of_contents", "Innehåll"),
        ("table_of_contents", "Del ett"),
        ("table_of_contents", "Del två"),
    ]


def test_share_labels_in_a_run_are_removed_but_one_alone_is_content():
    assert removals(f"{BODY}\n• Share\n• Flip\n• Email") == [
        ("share_buttons", "Share"), ("share_buttons", "Flip"), ("share_buttons", "Email")]
    assert "Text" in kept(f"{BODY}\n• Text\n• Bild\n• Ljud\n{MORE}")


def test_orphan_heading_between_paragraph_and_heading():
    text = f"{BODY}\nRelaterad artikel om något\nRiktig rubrik\n{MORE}"
    assert removals(text) == [("orphan_heading", "Relaterad artikel om något")]


def test_a_heading_with_a_body_is_not_an_orphan():
    assert removals(f"{BODY}\nRubrik\n{MORE}\nRubrik två\n{EVEN_MORE}") == []


def test_a_subheading_made_of_its_parents_words_keeps_the_parent():
    """Rendered wcxb: "Mobile Apps and Mobile App Development" over "Mobile Apps" is a
    section and its first subsection, not an inline related link before a heading."""
    text = f"{BODY}\nMobile Apps and Mobile App Development\nMobile Apps\n{MORE}\n{EVEN_MORE}"
    assert removals(text) == []


def test_one_word_list_items_are_content():
    text = f"{BODY}\nHemma kan du prova:\n• Zink\n• Is\n• Värme\n{MORE}"
    assert kept(text) == [BODY, "Hemma kan du prova:", "Zink", "Is", "Värme", MORE]


def test_lower_case_fragment_after_a_list_intro_is_removed():
    text = f"{BODY}\nThuis kunt u het volgende proberen:\nu mogelijk ervaart.\nKop\n{MORE}"
    assert removals(text) == [("lost_list_fragment", "u mogelijk ervaart.")]


@pytest.mark.parametrize("code", ["sudo tar czf /backup.tar.gz \\", "pub fn notify(item: &impl Summary) {",
                                  "builder.Services.AddHttpClient<ApiService>()", "--exclude=/dev"])
def test_a_line_of_code_after_an_intro_is_no_list_fragment(code):
    """Rendered wcxb pages: 'the backup command is:' then the command, kept."""
    assert removals(f"{BODY}\nIn simple terms, the backup command is:\n{code}\n{MORE}") == []


def test_lower_case_sentence_not_after_an_intro_stays():
    assert removals(f"{BODY}\nmen det här är också en mening.") == []


def test_branding_heading_goes_and_its_paragraph_stays():
    text = f"Rubrik\n{BODY}\nA Word From Verywell\nSlutord som ska stanna kvar."
    assert ("branding_heading", "A Word From Verywell") in removals(text)
    assert kept(text)[-1] == "Slutord som ska stanna kvar."


def test_labelled_lines_are_removed_with_their_own_reasons():
    text = f"Posted on\nAuteur: Jan Jansen\nAnonim\nAdvertentie\n{BODY}"
    assert removals(text) == [
        ("posted_on", "Posted on"),
        ("author_line", "Auteur: Jan Jansen"),
        ("anonymous_placeholder", "Anonim"),
        ("ad_label", "Advertentie"),
    ]


def test_citation_shaped_lines_go_to_references_without_a_header():
    citation = "1. Longstreth GF et al. Functional bowel disorders. Gastroenterol. 2006;130:1480-91"
    assert removals(f"{BODY}\n{citation}\n{MORE}") == [("reference", citation.removeprefix("1. "))]
    assert removals(f"{BODY}\nStudien från 2006 visade 130 fall.\n{MORE}") == [], "a year and numbers are not a citation"


def test_a_paragraph_repeated_word_for_word_goes_once():
    assert removals(f"{BODY}\nRubrik\n{BODY}") == [("repeated_paragraph", BODY)]
    assert kept(f"{BODY}\nRubrik\n{BODY}") == [BODY, "Rubrik"]
