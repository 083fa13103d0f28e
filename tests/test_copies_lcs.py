"""The copies' pair score: the compiled words-in-common (extractors/copies/_lcs.c) against
its Python reference (rapidfuzz's cdist, then the numpy LCS)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.copies import pairs as scores
from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile, folded_words

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def profile(record_id: str, words: list[str]) -> Profile:
    return Profile(id=record_id, path=f"{record_id}.txt", key=record_id, language=None, published=None,
                   canonical_url=None, lost_list=False, blocks=(), text=" ".join(words), word_blocks=(),
                   heads="", stems="")


def test_the_compiled_score_is_built_by_the_install():
    from extractors.copies import _lcs
    assert scores._lcs is _lcs
    assert _lcs.common_words(["abc #1 defg", "abd defg #1"], [(0, 1), (1, 1)], 0.6) == [2, 3]


@pytest.mark.skipif(not (SHARED / "copies").exists(), reason="needs ../shared/corpora")
def test_the_compiled_score_gives_the_python_counts_on_real_pages():
    paths = sorted((SHARED / "pages-dev" / "pages").glob("*.txt")) + sorted((SHARED / "copies" / "pages").glob("*.txt"))
    config = CopyConfig()
    profiles = [profile(path.name, folded_words(path.read_text(encoding="utf-8"), config, config.max_words)[0].split(" "))
                for path in paths]
    assert len(profiles) == 60 + 38
    every_pair = list(itertools.combinations(profiles, 2)) + [(p, p) for p in profiles]
    for similarity in (0.5, config.word_similarity, 0.85):
        expected = scores.python_shared_words(every_pair, similarity)
        assert scores.shared_words(every_pair, similarity) == expected
        assert scores.shared_words(every_pair, similarity, threads=3) == expected  # any slicing of the pairs
        assert sum(expected) > len(every_pair)  # pages of one site share their boilerplate


# Skeleton letters, numbers as the profile writes them, and letters past ASCII (a skeleton
# of an unspellable letter keeps it), in words up to past 64 characters.
WORD = st.one_of(st.text(st.sampled_from("abcdeiklmnorst"), min_size=1, max_size=12),
                 st.text(st.sampled_from("abé漢\U0001d538"), min_size=1, max_size=5),
                 st.text(st.sampled_from("ab"), min_size=60, max_size=70),
                 st.integers(0, 12).map(lambda n: f"#{n}"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=140), min_size=2, max_size=4),
       st.sampled_from([0.5, 0.7, 0.75, 0.9, 1.0]))
def test_the_compiled_score_gives_the_python_counts_on_any_words(texts, similarity):
    profiles = [profile(str(k), words) for k, words in enumerate(texts)]
    every_pair = list(itertools.product(profiles, repeat=2))
    assert scores.shared_words(every_pair, similarity) == scores.python_shared_words(every_pair, similarity)


# Heads are one character a word: letter heads from U+E000, others past the BMP.
HEADS = st.text(st.sampled_from("\ue000\ue001\ue002\U00081bf1\U00081bf2ab"), max_size=200)


@settings(max_examples=300, deadline=None)
@given(st.lists(HEADS, min_size=1, max_size=4), st.integers(1, 3))
def test_the_compiled_first_look_is_rapidfuzz_lcs_on_any_heads(heads, threads):
    from rapidfuzz.distance import LCSseq

    from extractors.copies import _lcs
    every_pair = list(itertools.product(range(len(heads)), repeat=2))
    assert _lcs.heads_lcs(heads, every_pair, threads) == [LCSseq.similarity(heads[a], heads[b]) for a, b in every_pair]


@pytest.mark.skipif(not (SHARED / "copies").exists(), reason="needs ../shared/corpora")
def test_the_pair_decisions_are_those_of_the_python_first_look_on_real_pages(monkeypatch):
    paths = sorted((SHARED / "copies" / "pages").glob("*.txt"))
    config = CopyConfig()
    profiles = []
    for path in paths:
        text, heads, stems, _ = folded_words(path.read_text(encoding="utf-8"), config, config.max_words)
        language = path.name.split("_")[1]  # <group>_<language>_<site>.txt
        profiles.append(Profile(id=path.name, path=path.name, key=path.name, language=language, published=None,
                                canonical_url=None, lost_list=False, blocks=(), text=text, word_blocks=(),
                                heads=heads, stems=stems))
    every_pair = list(itertools.combinations(range(len(profiles)), 2))
    compiled = scores.pair_shares(profiles, every_pair, config, threads=2)
    monkeypatch.setattr(scores, "_lcs", None)
    assert compiled == scores.pair_shares(profiles, every_pair, config)
    assert sum(share is not None for share in compiled) > 30  # the corpus's copies


def test_a_number_is_shared_only_with_itself():
    a, b = profile("a", ["#40", "mg", "#400"]), profile("b", ["#400", "mg", "#40"])
    assert scores.shared_words([(a, b)], 0.5) == scores.python_shared_words([(a, b)], 0.5) == [1]


def test_a_bad_call_is_an_error_not_a_crash():
    from extractors.copies import _lcs
    with pytest.raises(IndexError):
        _lcs.common_words(["a b"], [(0, 1)], 0.7)
    with pytest.raises(TypeError):
        _lcs.common_words([b"a b"], [(0, 0)], 0.7)
    with pytest.raises(IndexError):
        _lcs.heads_lcs(["ab"], [(0, -1)])
    with pytest.raises(TypeError):
        _lcs.heads_lcs([None], [(0, 0)])
