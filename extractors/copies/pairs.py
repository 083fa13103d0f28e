"""How much of two articles is one text: the longest common subsequence of their words,
where a word matches a word of the other copy when their skeletons are close (rapidfuzz's
Indel similarity) and a number matches only the same number. Translation keeps the order
of an article's names, numbers and cognates; another article on the same topic shares
words too, but not in the same order.

`common_words` is the LCS length (bit-parallel, for scoring many candidate pairs);
`aligned_words` the LCS itself (word index pairs, for the sibling report). Same LCS, two
costs; a test checks they agree.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile


def match_matrix(a: tuple[str, ...], b: tuple[str, ...], similarity: float) -> np.ndarray:
    """Which word of `a` matches which word of `b` (a boolean len(a) x len(b) matrix)."""
    close = cdist(list(a), list(b), scorer=Indel.normalized_similarity, score_cutoff=similarity) > 0
    numbers_a = np.fromiter((w[0] == "#" for w in a), bool, len(a))[:, None]
    numbers_b = np.fromiter((w[0] == "#" for w in b), bool, len(b))[None, :]
    same = np.asarray(a, dtype=object)[:, None] == np.asarray(b, dtype=object)[None, :]
    return np.where(numbers_a | numbers_b, same, close)


def common_words(matches: np.ndarray) -> int:
    """The length of the longest common subsequence over a match matrix (Hyyrö's bit-vector
    algorithm: one big-integer step per row)."""
    rows, columns = matches.shape
    full = (1 << columns) - 1
    vector = full
    packed = np.packbits(matches, axis=1, bitorder="little")
    for row in range(rows):
        row_bits = int.from_bytes(packed[row].tobytes(), "little")
        if row_bits:
            shared = vector & row_bits
            vector = ((vector + shared) | (vector - shared)) & full
    return columns - vector.bit_count()


def aligned_words(matches: np.ndarray) -> list[tuple[int, int]]:
    """One longest common subsequence as (index in a, index in b) pairs, in order."""
    rows, columns = matches.shape
    table = np.zeros((rows + 1, columns + 1), dtype=np.int32)
    for row in range(rows):
        step = np.where(matches[row], table[row, :-1] + 1, table[row, 1:])
        table[row + 1, 1:] = np.maximum.accumulate(step)
    pairs, row, column = [], rows, columns
    while row and column:
        if matches[row - 1, column - 1] and table[row, column] == table[row - 1, column - 1] + 1:
            pairs.append((row - 1, column - 1))
            row, column = row - 1, column - 1
        elif table[row - 1, column] >= table[row, column - 1]:
            row -= 1
        else:
            column -= 1
    return pairs[::-1]


def shared_share(a: Profile, b: Profile, config: CopyConfig) -> float:
    """The share of the shorter profile's words that the other has in the same order (0..1);
    0 when either has fewer than `min_words` words."""
    if min(len(a.words), len(b.words)) < config.min_words:
        return 0.0
    common = common_words(match_matrix(a.words, b.words, config.word_similarity))
    return common / min(len(a.words), len(b.words))


def pair_share(a: Profile, b: Profile, config: CopyConfig) -> float | None:
    """The pair decision: the shared share when `a` and `b` are copies (1.0 for one
    canonical URL), else None. The bar is higher within one language, where an article on
    the same topic shares ordinary words."""
    if a.canonical_url and a.canonical_url == b.canonical_url:
        return 1.0
    bar = config.same_language_share if a.language == b.language else config.cross_language_share
    share = shared_share(a, b, config)
    return share if share >= bar else None
