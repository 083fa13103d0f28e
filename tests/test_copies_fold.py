"""The copies profile's words: the compiled fold (extractors/copies/_fold.c) against its
Python reference, and words that transliterate to nothing or to several words."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from anyascii import anyascii
from hypothesis import given
from hypothesis import strategies as st

from extractors.copies.config import CopyConfig
from extractors.copies.profile import folded_words, profile_of, python_folded_words

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
# Letters anyascii spells as nothing (alef, tatweel) or as words (the ligature U+FDFA), a
# digit that is no decimal (²), decimals of other scripts, and what the spellings fold.
TRICKY = "ـاﷺ²³٣۴१,. \n-" + "PhThcqzywCQZYW" + "ßæœ" + "αβγ" + "жщ" + "漢字"
# Arabic with runs of tatweel between words: it stopped a whole clean run once.
TATWEEL = ("ضغط الدم المرتفع ـــــ أسبابه وأعراضه ـــــ وطرق علاجه ـــــ\n\n"
           "يعتبر ارتفاع ضغط الدم من الأمراض الشائعة التي تصيب الملايين حول العالم ـــــ "
           "ويسمى القاتل الصامت لأنه لا يسبب أعراضا في أغلب الأحيان.\n")


def fold():
    from extractors.copies import _fold
    return _fold


def compiled(text: str, config: CopyConfig, max_words: int):
    return fold().folded_words(text, config.min_word_length, max_words, config.stem_length,
                               config.stem_min_length, config.max_words, anyascii)


def test_the_compiled_fold_is_built_by_the_install():
    # `make install` builds it (pip install -e .); a missing build would go unseen, slower.
    assert fold().folded_words("", 5, 100, 4, 6, 100, anyascii) == ("", "", "", [])
    from extractors.copies import profile
    assert profile._fold is fold()


def corpus_texts() -> list[str]:
    paths = sorted((SHARED / "pages-dev" / "pages").glob("*.txt")) + sorted((SHARED / "copies" / "pages").glob("*.txt"))
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths]


@pytest.mark.skipif(not (SHARED / "pages-dev").exists(), reason="needs ../shared/corpora")
def test_the_compiled_fold_gives_the_python_words_on_real_pages():
    texts = corpus_texts()
    assert len(texts) == 60 + 38
    for config in (CopyConfig(), CopyConfig(min_word_length=3, stem_length=5, stem_min_length=4, max_words=30)):
        for text in texts:
            for max_words in (config.max_words, config.report_words, 10 ** 6):
                assert compiled(text, config, max_words) == python_folded_words(text, config, max_words)


def test_the_compiled_fold_gives_the_python_words_for_every_letter_of_unicode():
    letters = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isalnum()]
    text = " ".join(c * 5 for c in letters) + "\n" + " ".join("ph" + c + "yy" + c + "th" for c in letters)
    words = python_folded_words(text, CopyConfig(), 10 ** 7)
    assert len(words[0].split(" ")) > 200_000 and folded_words(text, CopyConfig(), 10 ** 7) == words


@given(st.text(st.sampled_from(TRICKY) | st.characters(), max_size=300),
       st.integers(1, 6), st.integers(1, 6), st.integers(0, 8))
def test_the_compiled_fold_gives_the_python_words_on_any_text(text, min_length, stem_length, grouping):
    config = CopyConfig(min_word_length=min_length, stem_length=stem_length, max_words=grouping, stem_min_length=3)
    for max_words in (grouping, 40):
        assert compiled(text, config, max_words) == python_folded_words(text, config, max_words)


def test_a_word_spelled_as_nothing_is_no_word_and_one_spelled_as_words_is_one():
    words, heads, _, starts = folded_words(TATWEEL, CopyConfig(), 300)
    assert len(words.split(" ")) == len(heads) == len(starts) > 10
    assert "" not in words.split(" ") and "ـ" not in "".join(TATWEEL[s] for s in starts)
    # anyascii: 'salla Allah `alayhi wa-sallam'; a skeleton has no spaces.
    assert folded_words("sallallahu ﷺﷺﷺﷺﷺ", CopyConfig(), 10)[0].split(" ") == [
        "salalahu", "salalah`alaihiva-salam" * 5]
    record = {"id": "a", "source": {"path": "a.txt"}, "sections": [{"heading": "ضغط الدم", "blocks": [
        {"type": "paragraph", "text": line} for line in TATWEEL.splitlines() if line]}]}
    report = profile_of(record, report=True)
    assert len(report.words) == len(report.word_blocks) == len(report.heads)


def test_a_page_of_words_spelled_as_nothing_is_cleaned_and_profiled(tmp_path):
    from flows.run.batch import clean_and_write
    from flows.store.copies_kept import fresh_words, made_by
    from flows.store.storage import Zone
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "ضغط.txt").write_text(TATWEEL * 3, encoding="utf-8")
    clean_and_write(str(tmp_path / "raw"), str(tmp_path / "out"), ["ضغط.txt"])
    [record] = [json.loads(p.read_text()) for p in (tmp_path / "out" / "articles").glob("*.json")]
    fresh = fresh_words(Zone(str(tmp_path / "out")), made_by(CopyConfig()))[0]
    assert fresh[record["id"]].fields["text"] == profile_of(record).text and "ـ" not in profile_of(record).text


@pytest.mark.skipif(not (SHARED / "pages-dev").exists(), reason="needs ../shared/corpora")
@pytest.mark.parametrize("max_words", [1, 7, 100, 300, 5000])
def test_a_profile_folds_the_start_of_a_record_as_the_whole_of_it(max_words):
    from extractors.copies.profile import start_folded
    config = CopyConfig()
    for path in sorted((SHARED / "pages-dev" / "pages").glob("*.txt")):
        blocks = path.read_text(encoding="utf-8").split("\n")  # each line a block
        assert start_folded(blocks, config, max_words) == folded_words("\n".join(blocks), config, max_words)


@given(st.lists(st.text(st.sampled_from(TRICKY + "abcdefghij0123456789"), max_size=80), max_size=30),
       st.integers(1, 40))
def test_the_start_folded_is_the_whole_folded_for_any_blocks(blocks, max_words):
    from extractors.copies.profile import start_folded
    config = CopyConfig()
    assert start_folded(blocks, config, max_words) == folded_words("\n".join(blocks), config, max_words)
