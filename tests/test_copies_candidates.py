"""The copies' candidate ranking: the compiled top pairs (extractors/copies/_candidates.c)
against its Python reference (scipy's product, then a sort of each row's entries)."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.copies import candidates
from extractors.copies.config import CopyConfig
from extractors.copies.profile import Profile, folded_words

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def profile(name: str, language: str, stems: str) -> Profile:
    return Profile(id=name, path=name, key=name, language=language, published=None, canonical_url=None,
                   lost_list=False, blocks=(), text="", word_blocks=(), heads="", stems=stems)


def both(profiles: list[Profile], config: CopyConfig, monkeypatch, threads: int) -> tuple[set, set]:
    compiled = candidates.candidate_pairs(profiles, config, threads=threads)
    with monkeypatch.context() as patched:
        patched.setattr(candidates, "_candidates", None)
        return compiled, candidates.candidate_pairs(profiles, config)


def test_the_compiled_ranking_is_built_by_the_install():
    from extractors.copies import _candidates
    assert candidates._candidates is _candidates


@pytest.mark.skipif(not (SHARED / "copies").exists(), reason="needs ../shared/corpora")
@pytest.mark.parametrize("threads", [1, 2])
def test_the_compiled_ranking_gives_the_python_pairs_on_real_pages(monkeypatch, threads):
    config = CopyConfig()
    profiles = []
    for corpus, language_at in (("pages-dev", 0), ("copies", 1)):  # <language>_<site>_<slug>, <group>_<language>_<site>
        for path in sorted((SHARED / corpus / "pages").glob("*.txt")):
            stems = folded_words(path.read_text(encoding="utf-8"), config, config.max_words)[2]
            profiles.append(profile(path.name, path.name.split("_")[language_at], stems))
    for each in (config, replace(config, candidates_per_article=1, same_language_candidates=0),
                 replace(config, candidates_per_article=8, common_stem_articles=5)):
        compiled, python = both(profiles, each, monkeypatch, threads)
        assert compiled == python and len(python) >= len(profiles) // 2


@pytest.mark.parametrize("seed", range(6))
def test_the_compiled_ranking_gives_the_python_pairs_with_ties(monkeypatch, seed):
    # Few stems drawn from a small pool: many articles alike, many equal cosines.
    rng = random.Random(seed)
    pool = [chr(0xE000 + k) for k in range(40)]
    profiles = [profile(str(k), rng.choice("abc"), "".join(sorted(set(rng.choices(pool, k=rng.randint(0, 12))))))
                for k in range(rng.randint(1, 400))]
    config = replace(CopyConfig(), common_stem_articles=rng.choice([3, 50, 1000]), min_candidate_cosine=0.0)
    compiled, python = both(profiles, config, monkeypatch, threads=rng.randint(1, 4))
    assert compiled == python


def test_a_bad_call_is_an_error_not_a_crash():
    import numpy as np

    from extractors.copies import _candidates
    ints, reals = np.zeros(2, np.int64), np.zeros(0, np.float32)
    with pytest.raises(TypeError):
        _candidates.top_pairs(ints.astype(np.int32), ints[:0], reals, ints, ints[:0], reals, ints[:1], 3, 1, 0.02, 1)
    with pytest.raises(ValueError):
        _candidates.top_pairs(ints, ints[:0], reals, ints, ints[:0], reals, ints, 3, 1, 0.02, 1)


@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_min_hashes_are_the_python_ones(seed):
    import numpy as np
    rng = np.random.default_rng(seed)
    lengths = rng.integers(1, 90, size=rng.integers(1, 500))
    starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.int64)
    cols = rng.integers(0, 1 << 21, size=int(lengths.sum())).astype(np.int64)
    hashes = rng.integers(1, candidates._PRIME, size=(16, 2))
    expected = candidates.python_min_hashes(cols, starts, hashes)
    for threads in (1, 3):
        assert np.array_equal(candidates.min_hashes(cols, starts, hashes, threads=threads), expected)


def test_a_bad_min_hashes_call_is_an_error_not_a_crash():
    import numpy as np

    from extractors.copies import _candidates
    with pytest.raises(ValueError):  # an empty row
        _candidates.min_hashes(np.zeros(3, np.int64), np.array([0, 3], np.int64), np.ones(2, np.int64), 1)
    with pytest.raises(TypeError):
        _candidates.min_hashes(np.zeros(3, np.float32), np.array([0], np.int64), np.ones(2, np.int64), 1)
