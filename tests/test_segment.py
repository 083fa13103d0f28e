import pytest

from extractors.segment import looks_like_heading, segment_text


@pytest.mark.parametrize("bullet", ["•", "-", "*", "–", "·", "▪", "●"])
def test_any_bullet_makes_an_unordered_item(bullet):
    [block] = segment_text(f"  {bullet} Magnesium")
    assert (block.kind, block.text, block.ordered) == ("item", "Magnesium", False)


@pytest.mark.parametrize("marker", ["1.", "12.", "1)", "a)", "B)"])
def test_numbers_and_letters_make_ordered_items(marker):
    [block] = segment_text(f"{marker} Rest the muscle")
    assert (block.kind, block.text, block.ordered) == ("item", "Rest the muscle", True)


def test_marker_needs_a_space_so_words_stay_whole():
    [block] = segment_text("-plåster och krämer hjälper ibland.")
    assert block.kind == "paragraph"


def test_blank_lines_vanish_and_line_numbers_stay():
    blocks = segment_text("Titel\n\n\nEn mening här.\n")
    assert [(b.kind, b.line) for b in blocks] == [("heading", 1), ("paragraph", 4)]


def test_internal_whitespace_is_folded():
    [block] = segment_text("Ett\u00a0 ord\tfrån  Verywell")
    assert block.text == "Ett ord från Verywell"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Behandling av muskelspasmer", True),
        ("Vad orsakar muskelspasmer?", True),
        ("Hemma kan du prova:", False),
        ("Magnesium och B-12 listas också som hjälp med muskelspasmer.", False),
        ("u mogelijk ervaart", False),
        ("A very long line " * 10, False),
    ],
)
def test_heading_shape(line, expected):
    assert looks_like_heading(line) is expected
