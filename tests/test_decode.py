import codecs
import gzip
import random

import pytest

from extractors.decode import decode_text
from extractors.records import Failure


def reason(data: bytes) -> str | None:
    result = decode_text(data)
    return result.reason if isinstance(result, Failure) else None


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "empty_input"),
        (b" \n\t\r\n  ", "empty_input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary_input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary_input"),
        (b"PK\x03\x04\x14\x00\x00\x00", "binary_input"),
        (gzip.compress(b"hello"), "binary_input"),
        (b"text\x00with\x00many\x00nul\x00bytes\x00\x00\x00", "binary_input"),
    ],
)
def test_refuses_what_is_not_text(data, expected):
    assert reason(data) == expected


def test_random_bytes_are_refused():
    rng = random.Random(7)
    for _ in range(20):
        data = bytes(rng.randrange(1, 256) for _ in range(2000))
        assert reason(data) in {"undecodable", "binary_input"}


def test_failures_explain_themselves():
    failure = decode_text(b"%PDF-1.4 ...")
    assert "PDF" in failure.message


def test_utf8_with_and_without_bom():
    assert decode_text("Författare: Ö".encode()) == "Författare: Ö"
    assert decode_text(codecs.BOM_UTF8 + "Innehåll".encode()) == "Innehåll"


def test_utf16_with_bom():
    assert decode_text("Innehåll\nÄppelsyra".encode("utf-16")) == "Innehåll\nÄppelsyra"


def test_legacy_single_byte_text_is_guessed():
    text = "Muskelspasmer kan vara en källa till betydande smärta hos många personer. " * 5
    result = decode_text(text.encode("cp1252"))
    assert isinstance(result, str) and "smärta" in result


def test_newlines_and_unicode_are_normalised():
    decomposed = "Fo\u0308rfattare"  # o + combining diaeresis
    assert decode_text(f"a\r\n{decomposed}\rb".encode()) == "a\nFörfattare\nb"


UTF16_TEXT = "Muscle cramps\n\nA muscle cramp is a sudden, painful tightening of a muscle. Stretch it gently.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [UTF16_TEXT, UTF16_TEXT + "Läkaren säger: drick vatten – “före” träningen.\n"], ids=["ascii", "latin"])
def test_utf16_without_bom_is_text(text, encoding):
    assert decode_text(text.encode(encoding)) == text
    assert decode_text(text.encode(encoding), html=True) == text


@pytest.mark.parametrize(
    "data",
    [
        b"".join(bytes([i % 32, 0]) for i in range(2000)),  # 16-bit small integers: UTF-16 of control characters
        bytes(b for i in range(3000) for b in (random.Random(i).randrange(256), 0)),  # 16-bit samples
        b"\x00" * 4000,
        b"\x00\x01" * 2000,
    ],
    ids=["small integers", "random low bytes", "all NUL", "big-endian ones"],
)
def test_binary_with_nul_in_every_other_byte_stays_binary(data):
    assert reason(data) in {"binary_input", "undecodable"}
