"""HTML pages in legacy and Unicode encodings, mojibake, and gzip: the text must come out exact."""

from __future__ import annotations

import codecs
import gzip

import pytest

from extractors.contract import Article, Rejection
from extractors.decode import decode_text
from extractors.config import CleanConfig
from extractors.limits import Limits
from extractors.pipeline import clean_page

SWEDISH = (
    "Muskelspasmer kan vara en källa till betydande smärta hos många personer. "
    "Även små förändringar hjälper."
)
GERMAN = (
    "Die Muskelkrämpfe lassen sich durch Dehnübungen und ausreichend Flüssigkeit verringern. "
    "Großartig."
)


def html(text: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!doctype html><html><head>{meta}<title>Test</title></head><body><article><p>{text}</p></article></body></html>"


def paragraph_texts(data: bytes, path: str = "page.html") -> list[str]:
    article = clean_page(data, path)
    assert isinstance(article, Article), article
    return [block.text for section in article.sections for block in section.blocks]


def utf16_be_with_bom(text: str) -> bytes:
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


@pytest.mark.parametrize("text", [SWEDISH, GERMAN], ids=["sv", "de"])
@pytest.mark.parametrize(
    "encoding, charset",
    [
        ("utf-8", None),
        ("utf-8", "utf-8"),
        ("cp1252", "windows-1252"),
        ("latin-1", "iso-8859-1"),
        ("utf-16", None),  # Python's utf-16 codec writes a BOM
        ("utf-16", "utf-16"),
    ],
)
def test_declared_or_unicode_encodings_decode_exactly(text, encoding, charset):
    assert paragraph_texts(html(text, charset).encode(encoding)) == [text]


def test_big_endian_utf16_with_bom_decodes_exactly():
    assert paragraph_texts(utf16_be_with_bom(html(GERMAN))) == [GERMAN]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(SWEDISH, id="sv"),
        pytest.param(GERMAN, id="de"),
    ],
)
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_undeclared_single_byte_encodings_are_guessed(text, encoding):
    assert paragraph_texts(html(text).encode(encoding)) == [text]


def test_http_equiv_content_type_charset_is_honoured():
    page = (
        '<!doctype html><html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        f"<title>Test</title></head><body><p>{SWEDISH}</p></body></html>"
    )
    assert paragraph_texts(page.encode("latin-1")) == [SWEDISH]


def test_double_encoded_utf8_is_repaired():
    mojibake = "smärta".encode("utf-8").decode("cp1252")
    assert mojibake == "smÃ¤rta"
    broken = SWEDISH.replace("smärta", mojibake)
    assert paragraph_texts(html(broken, "utf-8").encode("utf-8")) == [SWEDISH]


def test_utf8_page_mislabelled_as_latin1_is_repaired():
    assert paragraph_texts(html(SWEDISH, "iso-8859-1").encode("utf-8")) == [SWEDISH]


def test_declared_iso_8859_1_is_read_as_cp1252():
    data = html("He said \x93stretch first\x94 and the cramp eased within a minute or two.", "iso-8859-1")
    text = decode_text(data.encode("latin-1"), html=True)
    assert "He said “stretch first” and" in text


def test_declared_iso_8859_1_curly_quotes_reach_the_article():
    body = "He said \x93stretch first\x94 and the cramp eased within a minute or two."
    data = html(body, "iso-8859-1").encode("latin-1")
    assert paragraph_texts(data) == ["He said “stretch first” and the cramp eased within a minute or two."]


def test_gzipped_html_is_inflated():
    data = gzip.compress(html(SWEDISH, "utf-8").encode("utf-8"))
    assert paragraph_texts(data, "page.html.gz") == [SWEDISH]


def test_gzip_bomb_is_rejected_as_too_large():
    bomb = gzip.compress(b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>")
    assert len(bomb) < 100_000  # small on disk: only inflating it reveals the size
    rejection = clean_page(bomb, "page.html.gz", config=CleanConfig(limits=Limits(max_inflated_bytes=100_000)))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "too_large"


def test_truncated_gzip_is_rejected_as_bad_gzip():
    data = gzip.compress(html(SWEDISH, "utf-8").encode("utf-8"))
    rejection = clean_page(data[: len(data) // 2], "page.html.gz")
    assert isinstance(rejection, Rejection)
    assert rejection.reason == "bad_gzip"


def test_the_servers_charset_is_tried_before_a_guess():
    # 0xA4 is the euro sign in ISO-8859-15 and a currency sign in windows-1252 (the guess).
    data = b"<html><body><p>Vitaminerna kostar 20 \xa4 i veckan och hj\xe4lper mot kramper i vaden.</p></body></html>"
    assert "20 €" in decode_text(data, html=True, charset="iso-8859-15")
    assert "20 €" not in decode_text(data, html=True)
    assert "kostar" in decode_text(data, html=True, charset="no-such-charset"), "an unknown charset is ignored"
