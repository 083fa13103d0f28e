"""Candidate pairs of copies, near linear in the number of articles.

Each article is a set of word stems (the first letters of its long words, and its numbers:
the profile's `stems`), weighted by how rare the stem is in the output (inverse document
frequency); a stem that more than `common_stem_articles` articles have weighs nothing, as a
stopword would: it says little of copying, and it would make every article's row cost more
as the output grows.
Each article's candidates are the `candidates_per_article` articles most like it by the
cosine of those weights (a sparse matrix product, row block by row block): a copy shares
the rare words (names, drugs, cognates, numbers) of its article, a same-topic article
shares fewer. Every article then costs at most that many scored pairs, however many
same-topic articles the output holds. The same text many times (every stem common) is
found apart, by MinHash bands over the stems (`near_duplicate_pairs`).

Measured before this (bench/copies_scale.py): MinHash LSH at the Jaccard threshold
translated copies need (0.06) made 711 candidates per article at 10,000 articles, and more
the larger the output: the copies' Jaccard (0.06 to 0.3) is what same-topic articles have.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sparse

from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile

try:  # the compiled ranking; without it (a checkout not installed) the same pairs, slower
    from extractors.copies import _candidates
except ImportError:
    _candidates = None

_ROWS_AT_ONCE = 2048  # rows of the similarity product held at once (memory, not results)
_PRIME = (1 << 31) - 1  # MinHash: stem column -> (a * column + b) mod this prime
_CODE_POINTS = 0x110000
_SORT_FLOOR = 0.05  # candidates are found among the entries at this cosine or more first (exact: _first_of_each)


def incidence(profiles: list[Profile]) -> tuple[np.ndarray, np.ndarray, int]:
    """(row, stem column) of every stem of every article (its `stems`, one character each),
    rows in order and columns in code order within a row; the column count. A column is
    its code's rank among the codes met (a table over code points: no sort of every stem)."""
    codes = np.frombuffer("".join(p.stems for p in profiles).encode("utf-32-le"), np.uint32)
    rows = np.repeat(np.arange(len(profiles), dtype=np.int64), [len(p.stems) for p in profiles])
    met = np.zeros(_CODE_POINTS, bool)
    met[codes] = True
    rank = np.cumsum(met, dtype=np.int64) - 1
    return rows, rank[codes], int(rank[-1]) + 1


def stem_matrix(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int], config: CopyConfig) -> sparse.csr_matrix:
    """Articles x stems, each row its stems' inverse document frequencies, L2-normalised."""
    matrix = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=shape)
    frequency = np.bincount(cols, minlength=shape[1])
    common = frequency > config.common_stem_articles
    # Smoothed as scikit-learn's: a stem that every article of a small output has still counts.
    weight = np.where(common, 0.0, 1 + np.log((1 + shape[0]) / (1 + frequency))).astype(np.float32)
    matrix = matrix @ sparse.diags(weight)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1 / np.where(norms > 0, norms, 1)).astype(np.float32) @ matrix
    matrix.eliminate_zeros()
    return matrix.tocsr()


def near_duplicate_pairs(rows: np.ndarray, cols: np.ndarray, config: CopyConfig, *, threads: int = 1) -> np.ndarray:
    """Each article paired with the next one whose stems' MinHash agrees with its own in one
    of `duplicate_bands` bands of `duplicate_band_rows` hashes (stem sets alike, Jaccard
    about 0.7 and up): the same text scraped many times, whose every stem is too common for
    the rare-stem candidates. Linear: a bucket of n articles gives n - 1 pairs. As index
    pairs (i < j), one a row, some more than once."""
    if not len(rows):
        return np.zeros((0, 2), np.int64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    owners = rows[starts]
    draws = np.random.default_rng(1).integers(1, _PRIME, size=(config.duplicate_bands, config.duplicate_band_rows, 2))
    hashes = min_hashes(cols, starts, draws.reshape(-1, 2), threads=threads)
    pairs = []
    for band in range(config.duplicate_bands):
        signature = hashes[:, band * config.duplicate_band_rows:(band + 1) * config.duplicate_band_rows]
        order = np.lexsort(signature.T[::-1])
        same = np.all(signature[order][1:] == signature[order][:-1], axis=1)
        first, second = owners[order][:-1][same], owners[order][1:][same]
        pairs.append(np.stack([np.minimum(first, second), np.maximum(first, second)], axis=1))
    return np.concatenate(pairs).astype(np.int64)


def min_hashes(cols: np.ndarray, starts: np.ndarray, hashes: np.ndarray, *, threads: int = 1) -> np.ndarray:
    """Rows x hashes: each row's least (column * a + b) mod _PRIME for each hash (a, b), over
    the row's columns (`cols[starts[r]:starts[r + 1]]`): compiled (_candidates.min_hashes,
    in threads) when there, else `python_min_hashes`, its reference."""
    if _candidates is None:
        return python_min_hashes(cols, starts, hashes)
    found = _candidates.min_hashes(*(np.ascontiguousarray(a, np.int64) for a in (cols, starts, hashes)), threads)
    return np.frombuffer(found, np.int64).reshape(len(starts), len(hashes))


def python_min_hashes(cols: np.ndarray, starts: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    return np.stack([np.minimum.reduceat((cols * a + b) % _PRIME, starts) for a, b in hashes], axis=1)


def candidate_pairs(profiles: list[Profile], config: CopyConfig, *, threads: int = 1) -> list[tuple[int, int]]:
    """Index pairs (i < j), in order and each once, where j is among i's most alike
    articles (cosine at least `min_candidate_cosine`), or i among j's: the `candidates_per_article` most alike in
    other languages (translations) and the `same_language_candidates` most alike in its
    own (the same text scraped twice: same-topic articles in one language share more words
    than translations do, so they rank apart), and the near duplicates. Ties go to the
    lower index. `threads`: the compiled ranking's threads (the same pairs at any count)."""
    rows, cols, columns = incidence(profiles)
    matrix = stem_matrix(rows, cols, (len(profiles), columns), config)
    codes: dict[str | None, int] = {}
    languages = np.array([codes.setdefault(p.language, len(codes)) for p in profiles], np.int64)
    duplicates = near_duplicate_pairs(rows, cols, config, threads=threads)
    if _candidates is None:
        return _in_order(np.concatenate([duplicates, python_top_pairs(matrix, languages, config)]), len(profiles))
    transposed = matrix.T.tocsr()
    found = np.frombuffer(_candidates.top_pairs(
        *(np.ascontiguousarray(part, dtype) for m in (matrix, transposed)
          for part, dtype in ((m.indptr, np.int64), (m.indices, np.int64), (m.data, np.float32))),
        languages, config.candidates_per_article, config.same_language_candidates, config.min_candidate_cosine,
        threads), np.int64).reshape(-1, 2)
    return _in_order(np.concatenate([duplicates, found]), len(profiles))


def _in_order(pairs: np.ndarray, articles: int) -> list[tuple[int, int]]:
    """Index pairs (rows of two) each once, in order (a sort of numbers, not of tuples)."""
    keys = np.sort(pairs[:, 0] * articles + pairs[:, 1])  # np.unique: ten times the time here
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return list(zip((keys // articles).tolist(), (keys % articles).tolist()))


def python_top_pairs(matrix: sparse.csr_matrix, languages: np.ndarray, config: CopyConfig) -> np.ndarray:
    """`candidate_pairs`' most alike articles (all but the near duplicates) by scipy's product,
    row block by row block, as index pairs (i < j): the compiled ranking's reference (_candidates.c)."""
    transposed = matrix.T.tocsr()  # a CSC right operand is made CSR again by every block's product
    pairs = [np.zeros((0, 2), np.int64)]
    for start in range(0, matrix.shape[0], _ROWS_AT_ONCE):
        block = (matrix[start:start + _ROWS_AT_ONCE] @ transposed).tocoo()
        articles, others, cosines = block.row + start, block.col, block.data
        keep = (others != articles) & (cosines >= config.min_candidate_cosine)
        articles, others, cosines = articles[keep], others[keep], cosines[keep]
        same = languages[articles] == languages[others]
        chosen = _first_of_each(articles, same, cosines, others,
                                np.where(same, config.same_language_candidates, config.candidates_per_article))
        pairs.append(np.stack([np.minimum(articles, others)[chosen], np.maximum(articles, others)[chosen]], axis=1))
    return np.concatenate(pairs).astype(np.int64)


def _first_of_each(rows, same, cosines, others, counts) -> np.ndarray:
    """The entries that are among the first `counts` of their (row, same) by cosine, the
    lower `others` first on a tie. Only a (row, same) with fewer than its count at
    `_SORT_FLOOR` or more has its weaker entries sorted too (a tenth of them are sorted:
    the result is the same)."""
    groups = rows * 2 + same
    strong = cosines >= _SORT_FLOOR
    short = np.bincount(groups[strong], minlength=int(groups.max(initial=0)) + 1)[groups] < counts
    subset = np.flatnonzero(strong | short)
    order = subset[np.lexsort((others[subset], -cosines[subset], groups[subset]))]
    ordered_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, ordered_groups[1:] != ordered_groups[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    return order[rank < counts[order]]
