"""How much of two articles is one text: the longest common subsequence of their words,
where a word matches a word of the other copy when their skeletons are close (rapidfuzz's
Indel similarity) and a number matches only the same number. Translation keeps the order
of an article's names, numbers and cognates; another article on the same topic shares
words too, but not in the same order.

`common_words` is the LCS length (bit-parallel, for scoring many candidate pairs);
`aligned_words` the LCS itself (word index pairs, for the sibling report), traced back over
the same bit vectors; a test checks both against the textbook table.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel, LCSseq
from rapidfuzz.process import cdist

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile


def match_matrix(a: tuple[str, ...], b: tuple[str, ...], similarity: float) -> np.ndarray:
    """Which word of `a` matches which word of `b` (a boolean len(a) x len(b) matrix)."""
    close = cdist(a, b, scorer=Indel.normalized_similarity, score_cutoff=similarity) > 0
    numbers_a = [i for i, w in enumerate(a) if w[0] == "#"]
    numbers_b: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        if w[0] == "#":
            numbers_b.setdefault(w, []).append(j)
    if numbers_a or numbers_b:  # a number matches the same number only ("#40" is close to "#400")
        close[numbers_a, :] = False
        close[:, [j for js in numbers_b.values() for j in js]] = False
        for i in numbers_a:
            close[i, numbers_b.get(a[i], [])] = True
    return close


def common_words(matches: np.ndarray) -> int:
    """The length of the longest common subsequence over a match matrix (Hyyrö's bit-vector
    algorithm: one big-integer step per row)."""
    vectors, _ = _lcs_rows(matches)
    return _length(vectors[-1], matches.shape[1])


def aligned_words(matches: np.ndarray) -> list[tuple[int, int]]:
    """One longest common subsequence as (index in a, index in b) pairs, in order: traced
    back over the bit-vector rows (the LCS length of any prefix pair is a popcount)."""
    vectors, row_bits = _lcs_rows(matches)
    pairs, row, column = [], matches.shape[0], matches.shape[1]
    remaining = _length(vectors[row], column)
    while remaining:
        if vectors[row - 1] == vectors[row] or _length(vectors[row - 1], column) == remaining:
            row -= 1  # this row adds nothing to the subsequence that ends here
            continue
        # It does: its rightmost match left of `column` ends a longest one (the lengths
        # of the row above only grow to the right, up to remaining - 1).
        row, column, remaining = row - 1, (row_bits[row - 1] & ((1 << column) - 1)).bit_length() - 1, remaining - 1
        pairs.append((row, column))
    return pairs[::-1]


def _lcs_rows(matches: np.ndarray) -> tuple[list[int], list[int]]:
    """Hyyrö's bit vectors after each row (a zero bit j: the LCS grows at column j) and
    each row's match bits."""
    columns = matches.shape[1]
    full = (1 << columns) - 1
    vectors, row_bits = [full], []
    packed = np.packbits(matches, axis=1, bitorder="little")
    for row in range(matches.shape[0]):
        bits = int.from_bytes(packed[row].tobytes(), "little")
        vector = vectors[-1]
        if bits:
            shared = vector & bits
            vector = ((vector + shared) | (vector - shared)) & full
        vectors.append(vector)
        row_bits.append(bits)
    return vectors, row_bits


def _length(vector: int, columns: int) -> int:
    """The LCS length of the rows so far and the first `columns` columns."""
    return columns - (vector & ((1 << columns) - 1)).bit_count()


def prefix_share(a: tuple[str, ...], b: tuple[str, ...], length: int) -> float:
    """The share of the shorter word sequence whose words' first `length` letters (a number
    whole) the other has in the same order: exact and fast, a first look before `shared_share`."""
    prefixes_a = [w if w[0] == "#" else w[:length] for w in a]
    prefixes_b = [w if w[0] == "#" else w[:length] for w in b]
    return LCSseq.similarity(prefixes_a, prefixes_b) / max(1, min(len(a), len(b)))


def shared_share(a: tuple[str, ...], b: tuple[str, ...], config: CopyConfig) -> float:
    """The share of the shorter word sequence that the other has in the same order (0..1);
    0 when either has fewer than `min_words` words."""
    if min(len(a), len(b)) < config.min_words:
        return 0.0
    return common_words(match_matrix(a, b, config.word_similarity)) / min(len(a), len(b))


def pair_share(a: Profile, b: Profile, config: CopyConfig) -> float | None:
    """The pair decision: the shared share when `a` and `b` are copies (1.0 for one
    canonical URL), else None. The bar is higher within one language, where an article on
    the same topic shares ordinary words. A pair whose `prefix_share` is below
    `min_prefix_share` is not scored further."""
    if a.canonical_url and a.canonical_url == b.canonical_url:
        return 1.0
    words_a, words_b = a.words, b.words
    if prefix_share(words_a, words_b, config.stem_length) < config.min_prefix_share:
        return None
    bar = config.same_language_share if a.language == b.language else config.cross_language_share
    share = shared_share(words_a, words_b, config)
    return share if share >= bar else None
