from extractors.contract import ListBlock, Paragraph
from extractors.segment import segment_text
from extractors.structure import build_sections, lost_list_warnings


def test_lead_then_sections_and_lists():
    sections = build_sections(segment_text("Ingress här.\nRubrik\nIntro:\n• a\n• b\nSlut."))
    assert [s.heading for s in sections] == [None, "Rubrik"]
    assert sections[1].blocks == [
        Paragraph(text="Intro:"),
        ListBlock(ordered=False, items=["a", "b"], depths=[0, 0]),
        Paragraph(text="Slut."),
    ]


def test_ordered_and_unordered_items_form_separate_lists():
    [section] = build_sections(segment_text("1. ett\n2. två\n• tre"))
    assert section.blocks == [
        ListBlock(ordered=True, items=["ett", "två"], depths=[0, 0]),
        ListBlock(ordered=False, items=["tre"], depths=[0]),
    ]


def test_no_lead_section_when_the_page_starts_with_a_heading():
    assert build_sections(segment_text("Rubrik\nText.")) [0].heading == "Rubrik"


def test_lost_list_warning_names_the_intro_including_french_spacing():
    warnings = lost_list_warnings(segment_text("Essayez les suivants :\nTitre suivant\n"))
    assert [(w.code, "Essayez les suivants :" in w.message) for w in warnings] == [("lost_list", True)]


def test_an_intro_followed_by_items_is_no_warning():
    assert lost_list_warnings(segment_text("Prova:\n- Is\n- Värme")) == []


def test_an_intro_at_the_very_end_is_a_lost_list():
    assert len(lost_list_warnings(segment_text("Text.\nDe här hjälper:"))) == 1


def test_short_lines_after_a_list_intro_are_its_items_when_the_bullets_were_lost():
    from extractors.structure import recover_unbulleted_lists

    blocks = recover_unbulleted_lists(segment_text("Vanliga symtom är:\nTrötthet\nViktuppgång\nFrusenhet\nDet går att behandla."))
    [section] = build_sections(blocks)
    assert section.blocks[1].items == ["Trötthet", "Viktuppgång", "Frusenhet"]
    one = recover_unbulleted_lists(segment_text("Det finns tre typer:\nTyp 1\nEn lång mening om typ ett och hur den behandlas."))
    assert [b.kind for b in one][1] == "heading", "one short line is a heading, not a list"
