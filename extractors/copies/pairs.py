"""How much of two articles is one text: the longest common subsequence of their words,
where a word matches a word of the other copy when their skeletons are close (rapidfuzz's
Indel similarity) and a number matches only the same number. Translation keeps the order
of an article's names, numbers and cognates; another article on the same topic shares
words too, but not in the same order.

`pair_shares` decides candidate pairs: an exact first look over the words' first letters
(`shared_heads`), then the fuzzy match matrices of the pairs left (`close_words`) and their
LCS lengths, all at once (`common_words`, bit-parallel; a test checks it against the
textbook table). `aligned_runs` is one LCS of the words' first letters, for the sibling
report.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Indel, LCSseq
from rapidfuzz.process import cdist

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile

try:  # the compiled score; without it (a checkout not installed) the same counts, slower
    from extractors.copies import _lcs
except ImportError:
    _lcs = None

_PAIRS_AT_ONCE = 4096  # pairs scored at once by shared_words (their match matrices or parsed words)


def close_words(a: list[str], b: list[str], similarity: float) -> np.ndarray:
    """The match matrix of two `coded` word sequences."""
    return cdist(a, b, scorer=Indel.normalized_similarity, score_cutoff=similarity) > 0


def coded(words: tuple[str, ...], numbers: dict[str, str]) -> list[str]:
    """`words` with each number as one character of Unicode's private use planes, one per
    number in `numbers` (filled as met): a number then matches only the same number ("#40"
    is close to "#400"; a skeleton is ASCII). Past 131,068 numbers in one `numbers`, two
    numbers share a character."""
    return [_number_code(word, numbers) if word[0] == "#" else word for word in words]


def _number_code(number: str, numbers: dict[str, str]) -> str:
    code = numbers.get(number)
    if code is None:
        index = len(numbers) % (2 * 0xFFFE)
        code = numbers[number] = chr(0xF0000 + index if index < 0xFFFE else 0x100000 + index - 0xFFFE)
    return code


def common_words(matrices: list[np.ndarray]) -> np.ndarray:
    """The length of the longest common subsequence over each match matrix, all at once
    (Hyyrö's bit-vector algorithm over 64-bit limbs: one numpy step per row and limb for
    every matrix together)."""
    rows = max((m.shape[0] for m in matrices), default=0)
    limbs = max((-(-m.shape[1] // 64) for m in matrices), default=1) or 1
    bits = np.zeros((len(matrices), rows, limbs), np.uint64)
    as_bytes = bits.view(np.uint8).reshape(len(matrices), rows, limbs * 8)
    for index, matches in enumerate(matrices):
        packed = np.packbits(matches, axis=1, bitorder="little")  # column c: bit c % 8 of byte c // 8
        as_bytes[index, : packed.shape[0], : packed.shape[1]] = packed
    columns = np.array([m.shape[1] for m in matrices], np.int64)
    full = _low_bits(columns, limbs)
    vector = full.copy()
    for row in range(rows):
        shared = vector & bits[:, row]
        vector = (_add(vector, shared) | (vector & ~shared)) & full  # vector - shared: shared is a subset
    return columns - np.bitwise_count(vector).sum(axis=1).astype(np.int64)


def _low_bits(columns: np.ndarray, limbs: int) -> np.ndarray:
    """Per matrix, its first `columns` bits set, as `limbs` little-endian 64-bit limbs."""
    set_in_limb = np.clip(columns[:, None] - 64 * np.arange(limbs)[None, :], 0, 64).astype(np.uint64)
    ones = np.uint64(0xFFFFFFFFFFFFFFFF)
    return np.where(set_in_limb == 64, ones, (np.uint64(1) << (set_in_limb % np.uint64(64))) - np.uint64(1))


def _add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a + b over little-endian limbs (the carry out of the last limb dropped)."""
    total, carry = np.empty_like(a), np.zeros(a.shape[0], np.uint64)
    for limb in range(a.shape[1]):
        partial = a[:, limb] + b[:, limb]
        with_carry = partial + carry
        carry = ((partial < a[:, limb]) | (with_carry < partial)).astype(np.uint64)
        total[:, limb] = with_carry
    return total


def aligned_runs(a: str, b: str) -> list[tuple[int, int, int]]:
    """One longest common subsequence of two profiles' `heads` (their words' first letters),
    as runs of consecutive word pairs in order, (index in a, index in b, length) (rapidfuzz's
    LCS edit operations). For the sibling report: on the copies corpus it finds the five
    real lacks the fuzzy alignment found, and not its one false one (docs/benchmarks.md),
    with no match matrix."""
    return [(block.a, block.b, block.size) for block in LCSseq.editops(a, b).as_matching_blocks() if block.size]


def pair_shares(profiles: Sequence[Profile], pairs: list[tuple[int, int]], config: CopyConfig, *,
                threads: int = 1) -> list[float | None]:
    """The pair decision of each pair of `profiles` (by index): the share of the shorter
    copy's words that the other has in the same order, when the two are copies (1.0 for
    one canonical URL), else None. The bar is higher within one language, where an article
    on the same topic shares ordinary words. A pair whose prefix share (the share of the
    shorter copy's words whose first letters, a number whole, the other has in the same
    order: `shared_heads`, exact and fast) is below `min_prefix_share`, or with fewer than
    `min_words` words in either, is not scored further. `threads`: the compiled score's
    threads (the same decisions at any count)."""
    urls, lengths = [p.canonical_url for p in profiles], [len(p.heads) for p in profiles]
    decided: list[float | None] = [1.0 if urls[i] and urls[i] == urls[j] else None for i, j in pairs]
    shortest = [min(lengths[i], lengths[j]) for i, j in pairs]
    looked = [k for k in range(len(pairs)) if decided[k] is None and shortest[k] >= config.min_words]
    prefixes = shared_heads([p.heads for p in profiles], [pairs[k] for k in looked], threads=threads)
    scored = [k for k, common in zip(looked, prefixes) if common / max(1, shortest[k]) >= config.min_prefix_share]
    scored_pairs = [(profiles[pairs[k][0]], profiles[pairs[k][1]]) for k in scored]
    for k, (a, b), common in zip(scored, scored_pairs, shared_words(scored_pairs, config.word_similarity,
                                                                    threads=threads)):
        share = common / shortest[k]
        bar = config.same_language_share if a.language == b.language else config.cross_language_share
        decided[k] = share if share >= bar else None
    return decided


def shared_heads(heads: list[str], pairs: list[tuple[int, int]], *, threads: int = 1) -> list[int]:
    """The LCS length of each pair of `heads` (by index; the prefix share's numerator): in one
    compiled call when there is one (_lcs.heads_lcs, tests hold it equal to rapidfuzz's),
    else one rapidfuzz call per pair."""
    if _lcs is None:
        return [LCSseq.similarity(heads[i], heads[j]) for i, j in pairs]
    return _lcs.heads_lcs(heads, pairs, threads)


def shared_words(pairs: list[tuple[Profile, Profile]], similarity: float, *, threads: int = 1) -> list[int]:
    """The words each pair shares in order (`close_words` at `similarity`, then their LCS):
    by the compiled score (_lcs.c, built by `pip install`) when it is there, else by
    `python_shared_words`, its reference (tests hold the two equal); `_PAIRS_AT_ONCE` at a time."""
    shared = []
    for start in range(0, len(pairs), _PAIRS_AT_ONCE):
        chunk = pairs[start : start + _PAIRS_AT_ONCE]
        if _lcs is None:
            shared += python_shared_words(chunk, similarity)
        else:
            texts, pair_indices = _indexed(chunk, "text")
            shared += _lcs.common_words(texts, pair_indices, similarity, threads)
    return shared


def _indexed(pairs: list[tuple[Profile, Profile]], field: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Each profile's `field` once, and each pair as two indices into them."""
    index: dict[str, int] = {}
    values = []
    for pair in pairs:
        for profile in pair:
            if profile.id not in index:
                index[profile.id] = len(values)
                values.append(getattr(profile, field))
    return values, [(index[a.id], index[b.id]) for a, b in pairs]


def python_shared_words(pairs: list[tuple[Profile, Profile]], similarity: float) -> list[int]:
    """`shared_words` in Python: the compiled score's reference."""
    numbers: dict[str, str] = {}
    words = {p.id: coded(p.words, numbers) for pair in pairs for p in pair}
    return common_words([close_words(words[a.id], words[b.id], similarity) for a, b in pairs]).tolist()
