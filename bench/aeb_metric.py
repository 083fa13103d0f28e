"""The article-body metric of the article extraction benchmark (AEB), as pure functions.

Defined in /work/shared/corpora/README.md and in the benchmark's published evaluate.py:

- tokens: the regex ``\\w+`` (Unicode, case kept);
- shingles: overlapping 4-token tuples, counted as a multiset; a text with fewer than
  4 tokens is one shorter shingle, a text without tokens has none;
- per page: tp = shingles in both (min of the counts), fp = only in the prediction,
  fn = only in the truth, then normalised to sum to 1 so long pages do not weigh more;
- precision = mean of tp/(tp+fp) over pages with tp+fp > 0, recall = mean of
  tp/(tp+fn) over pages with tp+fn > 0, F1 = harmonic mean of those two means.

The reference's "a page with fp = fn = 0 scores 1" rule is applied after the tp+fp > 0
(resp. tp+fn > 0) filter, so it only fires when tp > 0, where the ratio is 1 anyway.
Consequences: a page where both texts are empty is left out of both means; an empty
prediction for a non-empty truth is left out of precision and scores 0 on recall.
The reference crashes on a mean over no pages; here that mean is 0.0, so a system that
predicts nothing at all scores 0 everywhere rather than failing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")

Shingle = tuple[str, ...]


class PageCounts(NamedTuple):
    """Normalised multiset counts of one page: tp + fp + fn is 1, or all are 0."""

    tp: float
    fp: float
    fn: float


def tokens(text: str | None) -> list[str]:
    """Word tokens of a text; None counts as empty (extractors may return it)."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[Shingle]:
    """Multiset of overlapping `size`-token shingles of a text."""
    words = tokens(text)
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def page_counts(prediction: str | None, truth: str | None) -> PageCounts:
    """Normalised (tp, fp, fn) of one predicted text against its ground truth."""
    predicted, expected = shingles(prediction), shingles(truth)
    tp = sum((predicted & expected).values())  # & keeps the minimum count
    fp = sum((predicted - expected).values())  # - keeps positive differences
    fn = sum((expected - predicted).values())
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score(pages: Iterable[tuple[float, float, float]]) -> dict[str, float]:
    """Precision, recall and F1 over pages of (tp, fp, fn), as the AEB computes them."""
    counts = [PageCounts(*page) for page in pages]
    precision = _mean([p.tp / (p.tp + p.fp) for p in counts if p.tp + p.fp > 0])
    recall = _mean([p.tp / (p.tp + p.fn) for p in counts if p.tp + p.fn > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
