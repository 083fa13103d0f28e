"""Bad inputs end as rejections with a clear reason; none raises."""

import gzip

import pytest

from extractors.contract import Article, Rejection
from extractors.config import CleanConfig
from extractors.limits import Limits
from extractors.pipeline import clean_page

BAD_INPUTS = {  # name the file carries, bytes, expected reason
    "empty": ("page.txt", b"", "empty_input"),
    "whitespace": ("page.txt", b"  \n\n\t ", "empty_input"),
    "png named txt": ("page.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary_input"),
    "png named html": ("page.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary_input"),
    "gzip named txt": ("page.txt", gzip.compress(b"Rubrik\nText."), "binary_input"),
    "truncated gzip page": ("page.html.gz", gzip.compress(b"<p>Hello there, reader.</p>" * 50)[:-8], "bad_gzip"),
    "control bytes": ("page.txt", b"\x01\x02\x03\x04garbage\x05\x06\x07\x08" * 20, "binary_input"),
    "only boilerplate": ("page.txt", "Posted on\nFörfattare: X\n• Dela med sig\n• Flip\n• E-post".encode(), "no_content"),
    "digits only": ("page.txt", b"1234 5678\n9999 0000.", "no_language"),
    "html of only script and style": (
        "page.html",
        b"<!DOCTYPE html><html><head><style>p{}</style></head><body><script>x()</script></body></html>",
        "no_content",
    ),
}


@pytest.mark.parametrize("name, data, reason", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_rejected_with_a_reason(name, data, reason):
    record = clean_page(data, name)
    assert isinstance(record, Rejection)
    assert (record.reason, bool(record.message)) == (reason, True)
    assert record.id == record.source.sha256[:32]


def test_gzip_bomb_is_refused_by_its_inflated_size():
    bomb = gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>")
    record = clean_page(bomb, "bomb.html.gz", config=CleanConfig(limits=Limits(max_inflated_bytes=1_000_000)))
    assert (len(bomb) < 50_000, record.reason) == (True, "too_large")


def test_too_large_input_is_rejected_before_any_work():
    record = clean_page(b"a" * 101, "big.txt", config=CleanConfig(limits=Limits(max_bytes=100)))
    assert (record.reason, "100" in record.message) == ("too_large", True)


def test_random_bytes_never_raise():
    import random

    rng = random.Random(3)
    for size in (1, 10, 100, 1000, 5000):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert isinstance(clean_page(data, "r.txt"), (Article, Rejection))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_text_without_bom_becomes_what_the_same_text_in_utf8_becomes(encoding):
    text = (
        "Muscle cramps\n\nA muscle cramp is a sudden, painful contraction of a muscle. It often strikes the calf at night.\n"
        "Stretching the muscle gently and drinking enough water helps most people within minutes.\n"
    )
    utf16, utf8 = clean_page(text.encode(encoding), "cramps.txt"), clean_page(text.encode(), "cramps.txt")
    assert isinstance(utf16, Article), utf16
    fields = lambda a: a.model_dump(exclude={"id", "source"})  # noqa: E731
    assert fields(utf16) == fields(utf8)
