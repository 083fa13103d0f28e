"""Bytes to text: refuse what is not text, decode what is, normalise once."""

from __future__ import annotations

import codecs
import re
import unicodedata
import zlib

import charset_normalizer
import ftfy
from bs4.dammit import EncodingDetector

from extractors.records import Failure

# Magic numbers of files that scrapers save under a text or HTML name.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "gzip-compressed data",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"RIFF": "a RIFF (WebP/WAV) file",
}
GZIP_MAGIC = b"\x1f\x8b"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# UTF-16 without a BOM, in a Latin script: in the first bytes, the high byte of most pairs
# is NUL (U+0000-U+00FF), the low byte almost never (curly quotes, dashes have other high bytes).
_UTF16_SAMPLE_BYTES = 4096
_UTF16_HIGH_NUL_SHARE = 0.8
_UTF16_LOW_NUL_SHARE = 0.05
# Browsers read a declared latin-1 as windows-1252 (WHATWG); so do we.
_DECLARED_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252"}
# C0 controls other than tab and newlines: real text has almost none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_BINARY_SAMPLE_CHARS = 16_384
# UTF-8 read as cp1252/latin-1 leaves these pairs ("Ã¤" for "ä", "â€™" for "’"). ftfy's own
# check costs ~50 ms on a whole page, so it only runs where this cheap one finds a trace.
_MOJIBAKE_TRACE = re.compile("[ÂÃ][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u017e]|â€")


def inflate(data: bytes, *, max_bytes: int) -> bytes | Failure:
    """Gunzip a `.gz` page, member after member as gzip allows, refusing truncated streams
    and more than `max_bytes` inflated (a bomb stops there, never inflated whole)."""
    parts, size, rest = [], 0, data
    while rest:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            part = inflater.decompress(rest, max_bytes + 1 - size)
        except zlib.error as error:
            return Failure("bad_gzip", f"The gzip data is corrupt: {error}.")
        parts.append(part)
        size += len(part)
        if size > max_bytes:
            return Failure("too_large", f"The page inflates to more than {max_bytes} bytes.")
        if not inflater.eof:
            return Failure("bad_gzip", "The gzip data is truncated.")
        rest = inflater.unused_data
    return b"".join(parts)


def decode_text(data: bytes, *, html: bool = False, charset: str | None = None) -> str | Failure:
    """Decode raw bytes to NFC text with '\\n' newlines, or say why they are not text.

    html: also honour a `<meta charset>` declaration and repair mojibake (ftfy).
    charset: the one the server declared (HTTP Content-Type); tried before the page's own.
    """
    if not data.strip():
        return Failure("empty_input", "The file is empty or holds only whitespace.")
    kind = next((name for sig, name in BINARY_SIGNATURES.items() if data.startswith(sig)), None)
    if kind:
        return Failure("binary_input", f"The file is {kind}, not a text or HTML page.")
    text = _decode(data, declared=(_known_encoding(charset), _declared_encoding(data) if html else None))
    if text is None:
        return Failure("undecodable", "The bytes match no text encoding.")
    sample = text[:_BINARY_SAMPLE_CHARS]  # binary data shows itself early; pages can be long
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        return Failure("binary_input", "The file holds control bytes, so it is binary, not text.")
    if html and _has_mojibake(text):
        text = ftfy.fix_encoding(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):  # ASCII is NFC: skip the scan
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return Failure("empty_input", "The file holds no visible text.")
    return text


def _has_mojibake(text: str) -> bool:
    # Plain substring tests run at C speed; the regex only confirms a hit.
    return ("Ã" in text or "Â" in text or "â€" in text) and bool(_MOJIBAKE_TRACE.search(text))


def _declared_encoding(data: bytes) -> str | None:
    return _known_encoding(EncodingDetector.find_declared_encoding(data[:4096], is_html=True))


def _known_encoding(declared: str | None) -> str | None:
    if not declared:
        return None
    declared = _DECLARED_ALIASES.get(declared.lower(), declared)
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def _decode(data: bytes, *, declared: tuple[str | None, ...]) -> str | None:
    """BOM, then the declared charsets in order (a wrong one fails or leaves mojibake that
    ftfy repairs), then UTF-8, then a guess."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    if utf16 := _utf16_without_bom(data):  # before UTF-8: these bytes are valid UTF-8 too, full of NULs
        return data.decode(utf16, errors="replace")
    for encoding in filter(None, (*declared, "utf-8-sig")):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # On short Western text cp1250 and cp1252 often tie; the web's default wins the tie
    # (otherwise Swedish "många" comes out "mĺnga").
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    return str(next((m for m in tied if m.encoding == "cp1252"), best))


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes show UTF-16's NUL in every other byte; the
    control-byte check after decoding still refuses binary data that happens to look so."""
    sample = data[:_UTF16_SAMPLE_BYTES]
    if len(sample) < 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) >= _UTF16_HIGH_NUL_SHARE * len(high) and low.count(0) <= _UTF16_LOW_NUL_SHARE * len(low):
            return encoding
    return None
