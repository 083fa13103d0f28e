"""The head of a text dump (extractors.rules.page_head): the title among menu lines, the
menus and trails above it, the short lines between it and the body, and what stays."""

from tests.test_rules import kept, removals

BODY = "Sköldkörteln bildar hormoner som styr ämnesomsättningen i hela kroppen, och för lite av dem gör dig trött."
TITLE = "Sköldkörteln och ämnesomsättningen"
MORE = "Läkaren tar ett blodprov och mäter halten av hormonet i blodet."


def test_the_title_is_the_line_the_body_is_about_not_the_menu_above_it():
    text = f"Sök på webbplatsen\nStäng\n{TITLE}\n{BODY}"
    assert removals(text) == [("navigation", "Sök på webbplatsen"), ("navigation", "Stäng"), ("title", TITLE)]


def test_trails_and_lower_case_lines_are_never_the_title():
    text = f"Hem » Hälsa » Sköldkörteln\nikon\n{TITLE}\n{BODY}"
    assert ("title", TITLE) in removals(text)
    assert [reason for reason, _ in removals(text)].count("navigation") == 2


def test_a_photo_caption_holding_the_title_is_not_the_title():
    text = f"{TITLE}\nFoto - {TITLE}\n{BODY}"
    assert removals(text) == [("title", TITLE), ("header_line", f"Foto - {TITLE}")]


def test_lines_between_title_and_body_go_but_a_section_heading_stays():
    text = f"{TITLE}\nSkriven och granskad av: Läkarteamet\nUtskriftsvänlig version\nBakgrund\n{BODY}"
    assert removals(text)[1:] == [("header_line", "Skriven och granskad av: Läkarteamet"),
                                  ("header_line", "Utskriftsvänlig version")]
    assert kept(text) == ["Bakgrund", BODY]


def test_a_numbered_menu_under_the_title_goes_a_bulleted_answer_stays():
    menu = "1. Startsida\n2. Hälsohörnan\n3. Sjukdomar"
    assert [r for r, _ in removals(f"{TITLE}\n{menu}\n{BODY}")] == ["title", *["table_of_contents"] * 3]
    answer = "Vad orsakar trötthet?\n* Trötthet\n* Viktuppgång\n* Frusenhet"
    assert kept(f"{answer}\n{BODY}") == ["Trötthet", "Viktuppgång", "Frusenhet", BODY]


def test_prose_and_long_items_above_the_title_stay():
    summary = "• Symtom: trötthet, frusenhet, torr hud, viktuppgång och nedstämdhet hos många vuxna"
    text = f"{BODY}\n{TITLE}\n{summary}\n{MORE}"
    assert removals(text) == []  # after prose no line is the title: nothing around it goes


def test_a_contents_header_takes_its_numbered_entries_when_the_headings_are_cut_off():
    text = f"{TITLE}\n{BODY}\nInnehåll\n- 1 Vad är det?\n- 2 Symtom\n- 3 Behandling\n{MORE}"
    assert [r for r, _ in removals(text)] == ["title", *["table_of_contents"] * 4]


def test_a_question_heading_before_a_subheading_is_kept():
    text = f"{TITLE}\n{BODY}\nVarför får man diabetes typ 2?\nArv och livsstil\n{MORE}"
    assert "Varför får man diabetes typ 2?" in kept(text)


def test_a_heading_before_the_last_line_of_a_cut_dump_is_kept():
    cut = f"{TITLE}\n{BODY}\nBehandling\nLevotyroxin ges som tablett en gång om dagen och dos"
    assert "Behandling" in kept(cut), "the cut last line says nothing about what follows the heading"


def test_a_caption_ending_in_its_credit_goes():
    caption = "Ett par fötter på en badrumsvåg. (Bild: Rostislav_Sedlacek / iStock / Getty Images)"
    assert removals(f"{TITLE}\n{BODY}\n{caption}\n{MORE}")[1:] == [("image_caption", caption)]
    assert removals(f"{TITLE}\n{BODY}\nKost: frukt / grönsaker / fisk hjälper.\n{MORE}")[1:] == []


def test_a_subtitle_the_body_is_about_stays_a_print_link_goes():
    body = "Sköldkörteln styr ämnesomsättningen, och när hormonerna saknas blir kroppen trött och frusen."
    text = f"{TITLE}\nTrött och frusen\nKliniken Syd Utskriftsvänlig version\n12.03.2024\n{body}"
    assert removals(text) == [("title", TITLE), ("header_line", "Kliniken Syd Utskriftsvänlig version"),
                              ("date_line", "12.03.2024")]


def test_three_heading_shaped_lines_in_a_row_are_a_list_not_an_orphan():
    dates = "9 juni – Globen, Stockholm\n24 juni – Ullevi, Göteborg\n2 juli – Stadion, Malmö"
    assert kept(f"{TITLE}\n{BODY}\n{dates}\n{MORE}")[1:4] == dates.split("\n")


def test_prose_without_spaces_above_the_title_is_kept():
    japanese = "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されました"
    assert japanese in kept(f"{japanese}\n{TITLE}\n{BODY}")


def test_a_sentence_split_at_its_links_is_not_an_orphan_heading():
    split = "Shares of construction goods giant\nHome Depot\nare dropping in premarket trading after the report."
    assert kept(f"{TITLE}\n{BODY}\n{split}")[1:] == split.split("\n")


def test_an_announcing_heading_over_its_first_subheading_is_not_an_orphan():
    text = f"{TITLE}\n{BODY}\nKortisol: sju naturliga metoder\nMeditation\n{MORE}"
    assert "Kortisol: sju naturliga metoder" in kept(text)
