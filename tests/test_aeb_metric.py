"""The AEB metric on small hand-computed cases (no corpus files)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.aeb_metric import page_counts, score, shingles, tokens


def test_tokens_are_word_runs_with_case_and_unicode_kept():
    assert tokens("Café, naïve; x-ray 42.") == ["Café", "naïve", "x", "ray", "42"]
    assert tokens(None) == []


def test_shingles_overlap_and_count_repeats():
    assert shingles("a b c d e") == Counter({("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1})
    assert shingles("x y z w x")[("x", "y", "z", "w")] == 1
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2


def test_short_text_is_one_shorter_shingle_and_empty_has_none():
    assert shingles("hello world") == Counter({("hello", "world"): 1})
    assert shingles("  ...  ") == Counter()


def test_identical_texts_score_one():
    text = "The heart pumps blood through the body."
    assert page_counts(text, text) == (1.0, 0.0, 0.0)
    assert score([page_counts(text, text)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_disjoint_texts_score_zero():
    counts = page_counts("one two three four", "five six seven eight")
    assert counts == (0.0, 0.5, 0.5)
    assert score([counts]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_punctuation_is_ignored_but_case_is_not():
    assert page_counts("a, b; c. d!", "a b c d") == (1.0, 0.0, 0.0)
    assert page_counts("Hello world", "hello world") == (0.0, 0.5, 0.5)


def test_short_texts_match_only_as_a_whole():
    assert page_counts("hello world", "hello world") == (1.0, 0.0, 0.0)
    # 3 tokens vs 2 tokens: two different single shingles.
    assert page_counts("hello world again", "hello world") == (0.0, 0.5, 0.5)


def test_counts_are_normalised_to_sum_to_one():
    # Shingles abcd, bcde vs abcd, bcdf: tp 1, fp 1, fn 1 before normalising.
    assert page_counts("a b c d e", "a b c d f") == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_repeated_shingles_count_as_a_multiset():
    # Prediction: xyzw twice, yzwx, zwxy, wxyz; truth: xyzw once -> tp 1, fp 4, fn 0.
    assert page_counts("x y z w x y z w", "x y z w") == pytest.approx((0.2, 0.8, 0.0))


def test_empty_prediction_counts_for_recall_only():
    counts = page_counts("", "a b c d")
    assert counts == (0.0, 0.0, 1.0)
    other = page_counts("e f g h i", "e f g h")  # tp 1, fp 1: precision 0.5, recall 1
    assert score([counts, other]) == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})


def test_page_with_both_texts_empty_is_left_out_of_both_means():
    assert page_counts(None, "") == (0.0, 0.0, 0.0)
    perfect = page_counts("a b c d", "a b c d")
    assert score([page_counts("", ""), perfect]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_nothing_predicted_anywhere_scores_zero_instead_of_failing():
    pages = [page_counts(None, "a b c d"), page_counts("", "e f")]
    assert score(pages) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_f1_is_harmonic_mean_of_per_page_means():
    # Precision: mean(1, 0.5) = 0.75; recall: mean(1, 1) = 1; F1 = 2 * 0.75 / 1.75.
    result = score([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)])
    assert result["precision"] == pytest.approx(0.75)
    assert result["recall"] == pytest.approx(1.0)
    assert result["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_pages_weigh_the_same_whatever_their_length():
    short = page_counts("a b c d", "a b c d")  # precision 1
    long = page_counts(" ".join(f"w{i}" for i in range(100)), "w0 w1 w2 w3")  # precision 1/97
    assert score([short, long])["precision"] == pytest.approx((1 + 1 / 97) / 2)
