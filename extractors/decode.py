"""Bytes to text: refuse what is not text, decode what is, normalise once."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

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
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than tab and newlines: real text has almost none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> str | Failure:
    """Decode raw bytes to NFC text with '\\n' newlines, or say why they are not text."""
    if not data.strip():
        return Failure("empty_input", "The file is empty or holds only whitespace.")
    kind = next((name for sig, name in BINARY_SIGNATURES.items() if data.startswith(sig)), None)
    if kind:
        return Failure("binary_input", f"The file is {kind}, not a text or HTML page.")
    text = _decode(data)
    if text is None:
        return Failure("undecodable", "The bytes match no text encoding.")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        return Failure("binary_input", "The file holds control bytes, so it is binary, not text.")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return Failure("empty_input", "The file holds no visible text.")
    return text


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first, since nearly all scraped dumps are; then guess."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else None
