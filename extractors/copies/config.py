"""Every number the copy finder decides by, with its default and why (one place)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CopyConfig:
    # Profiles (extractors/copies/profile.py): words this long or longer, the first this many.
    min_word_length: int = 5
    max_words: int = 200
    # Two words are one word across languages when their skeletons' Indel similarity reaches
    # this (rapidfuzz): potasio / potassium 0.82, sintomas / simptomi 0.75, in / an never (short).
    word_similarity: float = 0.70
    # A pair of copies in two languages shares, in order, at least this share of the shorter
    # one's words (the longest common subsequence); tuned on the tune half of the copies
    # corpus (bench/copies.py), the held half reports it.
    cross_language_share: float = 0.20
    # In one language a copy is the same text: most of its words in order.
    same_language_share: float = 0.80
    # Fewer words than this say nothing either way (a stub, a page cut after its title).
    min_words: int = 20
    # Candidate pairs: MinHash LSH (datasketch) over each profile's word stems (the first
    # `stem_length` letters of words of `stem_min_length` letters or more, and numbers), at a
    # low Jaccard threshold: copies share few exact stems (0.08 to 0.3 on the copies corpus).
    stem_length: int = 4
    stem_min_length: int = 6
    lsh_threshold: float = 0.06
    num_perm: int = 128
    # A sibling's block is what a copy lacks when at least this share of the siblings whose
    # text reaches that far have it (a group of two: its one sibling).
    consensus_share: float = 0.5
