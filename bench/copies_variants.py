"""Synthetic variations of the real copies: many distinct articles, grouped as the real ones are.

Variant v of a page rewrites it word by word, the same way in every page of v: a word of
five letters or more whose skeleton's first four letters (extractors.copies.profile.skeleton)
draw "replace" for v has those letters replaced by four letters of its own script drawn from
(v, those letters); every number is replaced by one drawn from (v, number). The other words
stay, so variants of one page still share its common words, as articles on one topic do.
Copies of one article (its translations) start with the same letters in their cognates and
numbers, so variant v of a group's pages is again a group of copies of one new article; the
variants of two pages are as unrelated as their pages, and the variants of one page are
same-topic articles in one language.

The bases: the copies corpus (8 groups, 8 native negatives), the two samples (a ninth group)
and the 60 pages-dev pages, 100 pages; variant v of base page b is `v<v>/page-<b>.txt`.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator

from extractors.copies.profile import skeleton

_WORD = re.compile(r"\d+|[^\W\d_]{5,}")


def _draw(variant: int, key: str) -> int:
    return int.from_bytes(hashlib.blake2b(f"{variant}:{key}".encode(), digest_size=8).digest(), "big")


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ")[0]


@functools.lru_cache(maxsize=None)
def _letters_near(char: str) -> str:
    """Lower-case letters of `char`'s script (Latin: a to z), to draw a replacement from."""
    if char.isascii():
        return "abcdefghijklmnopqrstuvwxyz"
    script = _script(char)
    near = "".join(chr(c) for c in range(max(0, ord(char) - 24), ord(char) + 25)
                   if chr(c).isalpha() and chr(c).islower() and _script(chr(c)) == script)
    return near or char


def vary(text: str, variant: int, *, replace_share: float = 0.7) -> str:
    """Variant `variant` of `text` (the same variant number rewrites every page alike)."""

    def rewrite(match: re.Match) -> str:
        word = match.group()
        if word.isdigit():
            return str(_draw(variant, "#" + word) % 1000)
        key = skeleton(word)[:4]
        draw = _draw(variant, key)
        if draw % 1000 >= replace_share * 1000:
            return word
        near = [_letters_near(c) for c in word[:4]]
        letters = "".join(n[(draw >> (8 * i)) % len(n)] for i, n in enumerate(near))
        return (letters.capitalize() if word[0].isupper() else letters) + word[4:]

    return _WORD.sub(rewrite, text)


def variant_pages(bases: list[tuple[bytes, str | None]], count: int) -> Iterator[tuple[str, bytes, str | None]]:
    """The first `count` (relative path, bytes, group) of the variants of `bases` ((bytes,
    group or None) each), variant 0 of every base, then variant 1, ...; a group is
    '<base group>/v<variant>'."""
    for index in range(count):
        variant, base = divmod(index, len(bases))
        data, group = bases[base]
        text = vary(data.decode("utf-8", errors="replace"), variant)
        yield f"v{variant:04d}/page-{base:03d}.txt", text.encode(), f"{group}/v{variant}" if group else None
