import pytest

from extractors.contract import Article
from extractors.inline import strip_inline_noise
from extractors.pipeline import clean_page
from extractors.records import Block


def cut(text: str, *, text_dump: bool = True):
    blocks, removed = strip_inline_noise([Block("paragraph", text)], text_dump=text_dump)
    return [b.text for b in blocks], [(r.reason, r.text) for r in removed]


@pytest.mark.parametrize(
    "text, kept, cuts",
    [
        ("Kalzium4 ist wichtig", "Kalzium ist wichtig", [("citation_number", "4")]),
        ("Das ist wirksam.12 Und so", "Das ist wirksam. Und so", [("citation_number", "12")]),
        ("Kalzium4,5 hilft", "Kalzium hilft", [("citation_number", "4,5")]),
        ("Vitamin B12, CoQ10, Omega-3 und H2O", "Vitamin B12, CoQ10, Omega-3 und H2O", []),
        ("Text {{share_bar}} mehr", "Text mehr", [("template_placeholder", "{{share_bar}}")]),
    ],
)
def test_inline_noise_in_text_dumps(text, kept, cuts):
    assert cut(text) == ([kept], cuts)


def test_a_line_of_only_noise_goes_whole():
    assert cut("[RelatedBoxTop]") == ([], [("template_placeholder", "[RelatedBoxTop]")])
    assert cut('<div data-ad="slot-2">') == ([], [("markup_fragment", '<div data-ad="slot-2">')])


def test_glued_digits_in_html_are_names_not_citations():
    assert cut("Beats Solo3 and Olfr78 work", text_dump=False) == (["Beats Solo3 and Olfr78 work"], [])


def test_html_citation_marks_are_dropped_and_recorded():
    page = (
        "<html><body><article><p>Calcium helps muscles relax after a contraction, and most adults get"
        " enough of it from food<sup>4</sup> without any supplement at all, doctors say.</p></article></body></html>"
    ).encode()
    article = clean_page(page, "page.html")
    assert isinstance(article, Article)
    assert "food without any supplement" in article.sections[0].blocks[0].text
    assert ("citation_number", "4") in [(r.reason, r.text) for r in article.removed]
