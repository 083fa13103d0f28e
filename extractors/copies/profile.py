"""What of an article survives machine translation, read from its written record.

A profile is the record's blocks in reading order and one sequence of "words": numbers
and the long words of the text, folded to a Latin skeleton (anyascii transliteration,
lower case, ph/th/c/q/z/y/w spelled one way, no doubled letters), so a cognate such as
hypercortisolism / hipercortisolismo / Hyperkortisolismus, a drug name (Flexeril) or a
dosage (B-12, 400 mg) reads nearly the same in every copy. Short words are left out: they
are the function words that translation changes first.
"""

from __future__ import annotations

import functools
import itertools
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
from anyascii import anyascii

from extractors.copies.config import CopyConfig
from extractors.identity import key_of

try:  # the compiled fold; without it (a checkout not installed) the same words, slower
    from extractors.copies import _fold
except ImportError:
    _fold = None

_LETTER_CODES = 0xE000  # head_code: 27 ** 4 letter heads from here, then the others
_OTHER_CODES = _LETTER_CODES + 27 ** 4
_START_CHARACTERS = 16  # start_folded: characters a word first folded (the 100k bench's records: 15 at most)
_SPELLINGS = (("ph", "f"), ("th", "t"), ("c", "k"), ("q", "k"), ("z", "s"), ("y", "i"), ("w", "v"))


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # heading, paragraph, list, table
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """One article as the copy finder sees it; `words[i]` comes from `blocks[word_blocks[i]]`.
    A profile for grouping has its first words only and no blocks; one for the sibling
    report (`profile_of(..., report=True)`) has its blocks and more words."""

    id: str
    path: str
    key: str
    language: str | None
    published: str | None
    canonical_url: str | None
    lost_list: bool  # the record itself warns that a list was lost
    blocks: tuple[Block, ...]
    text: str = field(repr=False)  # the words joined by spaces: a tenth of a tuple's memory
    word_blocks: tuple[int, ...] = field(repr=False)
    heads: str = field(repr=False)  # each word's first letters as one character (head_code)
    stems: str = field(repr=False)  # the heads of its numbers and long words, each once, in code order

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split(" ")) if self.text else ()


def skeleton(word: str) -> str:
    """A word's spelling across languages and scripts: hipokalemia for ὑποκαλιαιμία and Hypokaliämie."""
    return skeletons([word])[0]


def skeletons(words: list[str]) -> list[str]:
    """The skeletons of `words`, folded together: one transliteration and one pass of each
    spelling over the words joined by newlines (each character folds alone, and no rule
    reaches across a newline): a profile costs a quarter less than with each word folded
    alone (docs/benchmarks.md). A skeleton has no spaces (anyascii spells a few letters,
    such as the ligature \ufdfa, as words) and may be empty (it spells the Arabic alef and
    tatweel as nothing)."""
    folded = _transliterated("\n".join(words)).lower().replace(" ", "")
    for spelling, one in _SPELLINGS:
        folded = folded.replace(spelling, one)
    return _single_letters(folded).split("\n") if words else []


_ASCII: dict[int, str] = {}  # code point -> its anyascii transliteration, filled as met


def _transliterated(text: str) -> str:
    """anyascii(text) through one str.translate table (anyascii loops in Python per character)."""
    if text.isascii():
        return text
    for char in set(text):
        if ord(char) not in _ASCII:
            _ASCII[ord(char)] = anyascii(char)
    return text.translate(_ASCII)


def _single_letters(text: str) -> str:
    """Each run of one character as that character, except newlines: two of them hold an
    empty skeleton between them (text is ASCII: anyascii's output; numpy's comparison of
    neighbours is seven times a regex's speed here)."""
    if len(text) < 2:
        return text
    codes = np.frombuffer(text.encode("ascii"), np.uint8)
    keep = np.empty(len(codes), bool)
    keep[0] = True
    np.not_equal(codes[1:], codes[:-1], out=keep[1:])
    keep[1:] |= codes[1:] == ord("\n")
    return codes[keep].tobytes().decode("ascii")


@functools.lru_cache(maxsize=8)
def _tokens(min_length: int) -> re.Pattern:
    """Numbers, and runs of `min_length` letters or more (a shorter run never matches)."""
    return re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]{%d,}" % min_length)


def words_of(tokens: list[str]) -> list[str]:
    """Numbers (marked '#', compared exactly) and skeletons of words, for `tokens`."""
    folded = iter(skeletons([token for token in tokens if not token[0].isdigit()]))
    return [("#" + token.replace(",", ".")) if token[0].isdigit() else next(folded) for token in tokens]


def blocks_of(record: dict) -> list[Block]:
    """The record's headings and blocks in reading order (a table is its rows' text)."""
    blocks = []
    for section in record.get("sections", []):
        if section.get("heading"):
            blocks.append(Block("heading", section["heading"]))
        for block in section.get("blocks", []):
            kind = block["type"] if block["type"] in ("list", "table") else "paragraph"
            blocks.append(Block(kind, block_text(block), tuple(block["items"]) if kind == "list" else ()))
    return blocks


def block_texts(record: dict) -> Iterator[str]:
    """The texts of `blocks_of`, one at a time and with no Block made (a grouping profile
    reads the first few; making their Blocks too: 116-121 vs 65-99 µs a profile here)."""
    for section in record.get("sections", []):
        if section.get("heading"):
            yield section["heading"]
        for block in section.get("blocks", []):
            yield block_text(block)


def block_text(block: dict) -> str:
    if block["type"] == "list":
        return "\n".join(block["items"])
    if block["type"] == "table":
        return "\n".join(" | ".join(row) for row in block["rows"])
    return block["text"]


def profile_of(record: dict, config: CopyConfig = CopyConfig(), *, report: bool = False) -> Profile:
    """The profile of a written article record (its JSON as a dict): words of
    `config.min_word_length` letters or more, the first `config.max_words` of them
    (scraped copies are often cut short, and the start is what every copy has), or with
    `report` its blocks and its first `config.report_words` words."""
    blocks = blocks_of(record) if report else []
    texts = [block.text for block in blocks] if report else block_texts(record)
    words, codes, stems, starts = start_folded(texts, config, config.report_words if report else config.max_words)
    word_blocks: tuple[int, ...] = ()
    if report:
        block_starts = list(itertools.accumulate((len(block.text) + 1 for block in blocks[:-1]), initial=0))
        word_blocks = tuple((np.searchsorted(block_starts, starts, side="right") - 1).tolist())
    return Profile(
        id=record["id"], path=record["source"]["path"], key=key_of(record),
        language=(record.get("language") or {}).get("code"), published=record.get("published"),
        canonical_url=record.get("canonical_url"),
        lost_list=any(w.get("code") == "lost_list" for w in record.get("warnings", [])),
        blocks=tuple(blocks), text=words, word_blocks=word_blocks, heads=codes, stems=stems)


def start_folded(texts: Iterable[str], config: CopyConfig, max_words: int) -> tuple[str, str, str, list[int]]:
    """`folded_words` of the texts joined by newlines, from the first texts that hold
    `_START_CHARACTERS` per word when their fold has `max_words` words (no token reaches
    across a newline, and the fold stops at its `max_words`-th token: the same result), else
    from all of them. A long record is not joined whole for the start that is kept of it."""
    texts, start, characters = iter(texts), [], 0
    for text in texts:
        start.append(text)
        characters += len(text) + 1
        if characters >= max_words * _START_CHARACTERS:
            folded = folded_words("\n".join(start), config, max_words)
            return folded if len(folded[1]) == max_words else folded_words(
                "\n".join(itertools.chain(start, texts)), config, max_words)
    return folded_words("\n".join(start), config, max_words)


def folded_words(text: str, config: CopyConfig, max_words: int) -> tuple[str, str, str, list[int]]:
    """The words of `text` (of its first `max_words` tokens, those whose skeleton is not empty)
    joined by spaces, their head codes, the stems and where each word starts in `text`:
    by the compiled fold (_fold.c, built by `pip install`) when it is there, else by
    `python_folded_words`, its reference (tests hold the two equal)."""
    if _fold is None:
        return python_folded_words(text, config, max_words)
    return _fold.folded_words(text, config.min_word_length, max_words, config.stem_length,
                              config.stem_min_length, config.max_words, anyascii)


def python_folded_words(text: str, config: CopyConfig, max_words: int) -> tuple[str, str, str, list[int]]:
    """`folded_words` in Python: the compiled fold's reference."""
    tokens = list(itertools.islice(_tokens(config.min_word_length).finditer(text), max_words))
    kept = [(word, token.start()) for word, token in zip(words_of([t.group() for t in tokens]), tokens) if word]
    words = [word for word, _ in kept]
    return " ".join(words), *_coded_heads(words, config), [start for _, start in kept]


def _coded_heads(words: list[str], config: CopyConfig) -> tuple[str, str]:
    """Each word's head code, and the stems of the grouping's words (the first `max_words`,
    in a report profile too)."""
    codes = list(map(head_code, heads(words, config.stem_length)))
    stems = {code for code, word in zip(codes[: config.max_words], words)
             if word[0] == "#" or len(word) >= config.stem_min_length}
    return "".join(codes), "".join(sorted(stems))


def heads(words: list[str] | tuple[str, ...], length: int) -> list[str]:
    """Each word's first `length` letters (a number whole)."""
    return [w if w[0] == "#" else w[:length] for w in words]


@functools.lru_cache(maxsize=1 << 19)
def head_code(head: str) -> str:
    """One character for a word's head, the same in every process: a head of four letters
    a to z or fewer is its base-27 value above the surrogates (one character per head);
    any other (a number, another letter) a CRC-32 above those, where two share a
    character once in half a million (the exact first look of pairs.shared_heads then
    passes a pair more to the full score)."""
    if len(head) <= 4 and head.isascii() and head.isalpha() and head.islower():
        return chr(_LETTER_CODES + sum((ord(c) - 96) * 27 ** i for i, c in enumerate(head)))
    return chr(_OTHER_CODES + zlib.crc32(head.encode()) % (0x110000 - _OTHER_CODES))
