"""Hostile metadata: deep JSON-LD is ignored and the page kept; only http(s) URLs and
one-line plain text reach the Article's metadata fields."""

from __future__ import annotations

import pytest

from extractors.contract import Article, to_json
from extractors.json_data import JSON_LD_MAX_DEPTH
from extractors.pipeline import clean_page
from extractors.sanitize import one_line, web_url
from tests.hostile_inputs import ARTICLE, page

DEEP = 5000


def ld(block: str) -> str:
    return f'<script type="application/ld+json">{block}</script>'


def clean(head: str = "", *, title: str = "Muscle cramps", **kwargs) -> Article:
    html = page(head=head).replace("<title>Muscle cramps</title>", f"<title>{title}</title>")
    article = clean_page(html.encode(), "page.html", **kwargs)
    assert isinstance(article, Article), article
    return article


def body(article: Article) -> str:
    return " ".join(b.text for s in article.sections for b in s.blocks)


DEEP_JSON_LD = {
    "object nested 5,000 deep": '{"a":' * DEEP + "1" + "}" * DEEP,
    "list nested 5,000 deep": "[" * DEEP + "1" + "]" * DEEP,
    "deep list beside an article in an array": '[{"@type": "Article", "headline": "Trap"}, ' + "[" * DEEP + "]" * DEEP + "]",
    "@graph nested 400 deep": '{"@graph": [' * 400 + '{"@type": "Article", "headline": "Trap"}' + "]}" * 400,
    "@type nested 900 deep": '{"@type": ' + "[" * 900 + "]" * 900 + ', "headline": "Trap"}',
    "list nested 900 deep": "[" * 900 + "]" * 900,  # json.loads reads it; our walk must not recurse
    "just over the depth limit": "[" * JSON_LD_MAX_DEPTH + '{"@type": "Article", "headline": "Trap"}' + "]" * JSON_LD_MAX_DEPTH,
    "deep and unclosed": '{"a":[' * DEEP,
}


@pytest.mark.parametrize("block", DEEP_JSON_LD.values(), ids=DEEP_JSON_LD.keys())
def test_deep_json_ld_is_ignored_and_the_page_kept(block):
    article = clean(ld(block))
    assert "Stretching the muscle gently" in body(article)
    assert article.title == "Muscle cramps", "the <title> stands in for the ignored block"
    assert [w.code for w in article.warnings if w.code == "metadata_ignored"] == ["metadata_ignored"]


def test_a_good_json_ld_block_after_an_ignored_one_is_still_read():
    good = ld('{"@type": "MedicalWebPage", "headline": "Night cramps", "author": {"name": "Anna Berg"}}')
    article = clean(ld("[" * DEEP + "]" * DEEP) + good)
    assert (article.title, article.authors) == ("Night cramps", ["Anna Berg"])
    assert "metadata_ignored" in [w.code for w in article.warnings]


def test_json_ld_within_the_limit_is_read_without_warning():
    nested = '{"@type": "Article", "headline": "Night cramps", "x": ' + "[" * 20 + "]" * 20 + "}"
    article = clean(ld(nested))
    assert article.title == "Night cramps"
    assert "metadata_ignored" not in [w.code for w in article.warnings]


def test_whether_a_block_is_read_never_depends_on_the_callers_stack():
    html = page(head=ld("[" * 900 + "]" * 900) + ld("[" * 800 + "x")).encode()

    def nested(levels: int) -> str:
        return nested(levels - 1) if levels else to_json(clean_page(html, "page.html"))

    assert nested(600) == nested(0)


def test_deep_microdata_within_the_depth_limit_is_kept():
    items = '<div itemscope itemtype="https://schema.org/Person" itemprop="author">' * 200
    html = page().replace("<article>", "<article>" + items + "Anna Berg" + "</div>" * 200)
    article = clean_page(html.encode(), "page.html")
    assert isinstance(article, Article) and "Stretching the muscle gently" in body(article)


def test_a_text_file_of_deep_json_is_structured_data():
    for data in (b"[" * DEEP + b"]" * DEEP, b'{"a":' * DEEP + b"1" + b"}" * DEEP, b"[" * DEEP):
        assert clean_page(data, "dump.txt").reason == "structured_data"


BAD_URLS = [
    "javascript:alert(1)", " JavaScript:alert(document.cookie)", "java\tscript:alert(1)", "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "ftp://example.org/a", "/relative/path",
    "//example.org/no-scheme", "https://", "http://exa mple.org/", "https://example.org/\u202egpj.exe",
    "https://[::1/", "about:blank", "",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_only_absolute_http_urls_are_written(url):
    href = url.replace('"', "&quot;")
    assert clean(f'<link rel="canonical" href="{href}">').canonical_url is None
    assert clean(f'<meta property="og:url" content="{href}">').canonical_url is None
    assert clean_page(ARTICLE.encode(), "page.txt", url=url).source.url is None


def test_a_bad_canonical_link_falls_back_to_a_good_og_url():
    head = '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://example.org/cramps">'
    assert clean(head).canonical_url == "https://example.org/cramps"


@pytest.mark.parametrize("url", ["https://example.org/a?b=1#c", "http://example.org", "HTTPS://Example.ORG/x"])
def test_http_urls_are_kept_as_written(url):
    assert clean(f'<link rel="canonical" href=" {url} ">').canonical_url == url
    assert clean_page(ARTICLE.encode(), "page.txt", url=url).source.url == url


CONTROLS = "\u202e\u202a\u2066\u2069\x1b[31m\x85\x9b\x07"


def test_control_and_bidi_characters_leave_one_line_metadata():
    head = (
        f'<meta name="author" content="Anna{CONTROLS} Berg"><meta property="og:site_name" content="Health\x9b Site\u202e">'
        f'<meta property="article:section" content="Sport\u2067s\u2069">'
    )
    article = clean(head, title=f"Muscle\u202e cramps\n\t at night{CONTROLS}")
    assert (article.title, article.authors, article.site_name, article.category) == (
        "Muscle cramps at night[31m", ["Anna[31m Berg"], "Health Site", "Sports")


def test_a_text_page_title_loses_its_controls_too():
    article = clean_page(("Muscle\u202e cramps\x1b\n\n" + ARTICLE).encode(), "page.txt")
    assert article.title == "Muscle cramps"


def test_an_escaped_tag_in_the_title_is_plain_text():
    assert clean(title="Cramps &lt;script&gt;alert(1)&lt;/script&gt;").title == "Cramps <script>alert(1)</script>"


def test_one_line_and_web_url():
    assert one_line("  a\r\n b\u00a0c\u200f\x00 ") == "a b\u00a0c\u200f", "no-break space and RTL mark stay"
    assert one_line("\u202e\x85 ") is None
    assert web_url("https://example.org/ä") == "https://example.org/ä"
    assert web_url("https://example.org/\x00") is None
