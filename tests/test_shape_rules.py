"""The shape rules on hand-made blocks: each tags what it should and leaves content alone."""

from extractors.decide import decide
from extractors.lexicon import load_lexicon
from extractors.records import Block
from extractors.rules import PageContext, tag_blocks

HTML = PageContext(title="Leg cramps at night", format="html")
LONG = "Leg cramps are sudden, painful tightenings of the calf muscles that often strike at night."


def removals(blocks, context=HTML):
    return [(r.reason, r.text) for r in decide(tag_blocks(blocks, load_lexicon(), context))[1]]


def test_kicker_above_the_title_heading():
    blocks = [Block("paragraph", "Health"), Block("heading", "Leg cramps at night"), Block("paragraph", LONG)]
    assert removals(blocks) == [("kicker", "Health"), ("repeated_title", "Leg cramps at night")]


def test_standfirst_is_a_sentence_long_heading_before_the_first_paragraph():
    dek = "Most night cramps are harmless, but some point to a problem worth a visit."
    blocks = [Block("heading", dek), Block("paragraph", LONG), Block("heading", "Causes"), Block("paragraph", LONG)]
    assert removals(blocks) == [("standfirst", dek)]


def test_short_section_heading_at_the_start_is_kept():
    assert removals([Block("heading", "What are leg cramps?"), Block("paragraph", LONG)]) == []


def test_date_line_needs_a_year_and_three_number_groups():
    stamp = "sexta-feira, 22 de outubro de 2010 às 20:13"
    assert removals([Block("paragraph", stamp), Block("paragraph", LONG)]) == [("date_line", stamp)]
    assert removals([Block("paragraph", "In 2010 doses were halved"), Block("paragraph", LONG)]) == []


def test_contact_line_is_only_addresses_and_handles():
    blocks = [Block("paragraph", LONG), Block("paragraph", "jane.doe@example.com @janedoe")]
    assert removals(blocks) == [("contact_line", "jane.doe@example.com @janedoe")]
    assert removals([Block("paragraph", "Write to jane.doe@example.com for details.")]) == []


def test_related_header_takes_link_titles_but_not_the_article_after_them():
    blocks = [
        Block("paragraph", LONG),
        Block("paragraph", "Don't miss"),
        Block("paragraph", "Five stretches for tight calves"),
        Block("paragraph", LONG + " " + LONG),
    ]
    assert removals(blocks) == [("related_link", "Don't miss"), ("related_link", "Five stretches for tight calves")]


TEXT = PageContext(format="text")


def test_photo_credit_and_its_caption_between_paragraphs():
    blocks = [
        Block("paragraph", LONG),
        Block("heading", "Man som håller sig för ryggen"),
        Block("paragraph", "Anna Berg / TT"),
        Block("paragraph", "Stretching before bed and enough magnesium help many people sleep through."),
    ]
    assert removals(blocks, TEXT) == [("image_caption", "Man som håller sig för ryggen"), ("image_credit", "Anna Berg / TT")]


def test_trailing_run_of_short_lines_in_an_unknown_language_is_a_share_bar():
    blocks = [Block("paragraph", LONG), Block("item", "Jaa"), Block("item", "Flip"), Block("item", "Sähköposti")]
    assert [r for r, _ in removals(blocks, TEXT)] == ["share_buttons"] * 3


def test_a_closing_list_after_its_intro_is_content():
    blocks = [Block("paragraph", LONG), Block("paragraph", "Try:"), Block("item", "Ice"), Block("item", "Heat"),
              Block("item", "Rest")]
    assert removals(blocks, TEXT) == []
