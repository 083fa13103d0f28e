"""Every number the copy finder decides by, with its default and why (one place)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CopyConfig:
    # Profiles (extractors/copies/profile.py): words this long or longer, the first
    # `max_words` for grouping (the tune half of the copies corpus groups alike from 100 to
    # 200; fewer is cheaper) and the first `report_words` for the sibling report (the lacks
    # found on the copies corpus are the same from 250 to 1,000 words).
    min_word_length: int = 5
    max_words: int = 100
    report_words: int = 300
    # Two words are one word across languages when their skeletons' Indel similarity reaches
    # this (rapidfuzz): potasio / potassium 0.82, sintomas / simptomi 0.75, in / an never (short).
    word_similarity: float = 0.70
    # A pair of copies in two languages shares, in order, at least this share of the shorter
    # one's words (the longest common subsequence); tuned on the tune half of the copies
    # corpus (bench/copies.py), the held half reports it.
    cross_language_share: float = 0.20
    # Before that, a pair whose words' first `stem_length` letters agree, in order, for less
    # than this share is no pair (exact and fast: three quarters of the candidates stop here;
    # the copies of the tune half reach 0.17 or more).
    min_prefix_share: float = 0.14
    # In one language a copy is the same text: most of its words in order.
    same_language_share: float = 0.80
    # Fewer words than this say nothing either way (a stub, a page cut after its title).
    min_words: int = 20
    # Candidate pairs (extractors/copies/candidates.py): each article's stems (the first
    # `stem_length` letters of words of `stem_min_length` letters or more, and numbers),
    # weighted by rarity; a stem in more than `common_stem_articles` articles weighs nothing
    # (a fixed count: each article then costs the same at any size). Each article's
    # `candidates_per_article` most alike articles in other languages and
    # `same_language_candidates` in its own, with a cosine of at least
    # `min_candidate_cosine`, are scored (the tune half groups alike from 2 per article up).
    stem_length: int = 4
    stem_min_length: int = 6
    common_stem_articles: int = 50
    candidates_per_article: int = 3
    same_language_candidates: int = 1
    min_candidate_cosine: float = 0.02
    # Near duplicates (the same text many times, every stem common): MinHash bands.
    duplicate_bands: int = 4
    duplicate_band_rows: int = 4
    # A sibling's block is what a copy lacks when at least this share of the siblings whose
    # text reaches that far have it (a group of two: its one sibling).
    consensus_share: float = 0.5
    # Each copy is compared with at most this many siblings (the original first).
    report_siblings: int = 8
