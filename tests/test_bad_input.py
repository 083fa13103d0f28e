"""Bad inputs end as rejections with a clear reason; none raises."""

import gzip

import pytest

from extractors.contract import Article, Rejection
from extractors.pipeline import clean_page

BAD_INPUTS = {
    "empty": (b"", "empty_input"),
    "whitespace": (b"  \n\n\t ", "empty_input"),
    "png named txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary_input"),
    "gzip named txt": (gzip.compress(b"Rubrik\nText."), "binary_input"),
    "control bytes": (b"\x01\x02\x03\x04garbage\x05\x06\x07\x08" * 20, "binary_input"),
    "only boilerplate": ("Posted on\nFörfattare: X\n• Dela med sig\n• Flip\n• E-post".encode(), "no_content"),
    "digits only": (b"1234 5678\n9999 0000.", "no_language"),
    "html not yet read": (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "unsupported_format"),
}


@pytest.mark.parametrize("data, reason", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_is_rejected_with_a_reason(data, reason):
    record = clean_page(data, "page.txt")
    assert isinstance(record, Rejection)
    assert (record.reason, bool(record.message)) == (reason, True)
    assert record.id == record.source.sha256[:32]


def test_too_large_input_is_rejected_before_any_work():
    record = clean_page(b"a" * 101, "big.txt", max_bytes=100)
    assert (record.reason, "100" in record.message) == ("too_large", True)


def test_random_bytes_never_raise():
    import random

    rng = random.Random(3)
    for size in (1, 10, 100, 1000, 5000):
        data = bytes(rng.randrange(256) for _ in range(size))
        assert isinstance(clean_page(data, "r.txt"), (Article, Rejection))
