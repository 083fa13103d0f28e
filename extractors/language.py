"""Language of the cleaned body, by langdetect, made deterministic."""

from __future__ import annotations

import re
import threading

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from extractors.contract import Language
from extractors.records import Failure

SEED = 0
# langdetect averages 7 random trials; 3 gave the same answers on 1,450 five-sentence
# paragraphs in 29 languages (100 %, bench/langid) at 60 % of the cost.
TRIALS = 3
# Most pages are settled by their first 300 characters; only an unsure answer reads on.
FIRST_LOOK_CHARS, SURE = 300, 0.99
_factory: DetectorFactory | None = None
_factory_lock = threading.Lock()
# langdetect names a few languages with region codes; the contract wants ISO 639-1.
_ISO_639_1 = {"zh-cn": "zh", "zh-tw": "zh"}
# How the detector works, not what a rule decides (those are in extractors.config.Thresholds):
# the share of English function words before langdetect is asked, and of non-European letters.
ENGLISH_WORD_SHARE = 0.15
OTHER_SCRIPT_SHARE = 0.3
_LETTER = re.compile(r"[^\W\d_]")
_OTHER_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of to in is are for with that this on you your by from or be as it an at was were".split()
)


def load_language_profiles() -> DetectorFactory:
    """Our own seeded detector factory, loaded once per process.

    The flow calls this before it starts threads; the lock makes a late first call safe too.
    """
    global _factory
    with _factory_lock:
        if _factory is None:
            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.set_seed(SEED)
            _factory = factory
    return _factory


def detect_language(
    text: str,
    *,
    sample_chars: int = 1000,
    hint: str | None = None,
    languages: tuple[str, ...] | None = None,
    min_chars: int = 70,
    min_confidence: float = 0.8,
    hint_wins_below: float = 0.8,
    hint_min_prob: float = 0.15,
) -> Language | Failure:
    """Detect from the first `sample_chars` characters (default 1000: two paragraphs
    give langdetect all the signal it needs, and its cost grows with the text).

    hint: the language the page declares. It only breaks a near tie: it wins when
        langdetect is unsure (top probability below `hint_wins_below`) and gives it at least `hint_min_prob`.
    languages: the only candidates (langdetect codes, e.g. the lexicon's languages); None: all 55.
    min_chars, min_confidence: below either, `code` is null (not sure) and the confidence
        says how unsure; the pipeline then warns `language_uncertain`.
    """
    if languages and _mostly_other_script(text[:sample_chars]):
        languages = None  # Japanese, Korean, Arabic …: none of ours, so ask langdetect about all
    candidates = _ranked(text, sample_chars, languages)
    if languages and (not candidates or candidates[0].prob < min_confidence):
        # Not one of ours, surely (Japanese, Korean …): say which language it is after all.
        candidates = _ranked(text, sample_chars, None) or candidates
    if not candidates:
        return Failure("no_language", "The text has no letters a language can be detected from.")
    best = candidates[0]
    if hint and best.prob < hint_wins_below:
        best = next((c for c in candidates if _code(c.lang) == hint and c.prob >= hint_min_prob), best)
    sure = len(text.strip()) >= min_chars and best.prob >= min_confidence
    return Language(code=_code(best.lang) if sure else None, confidence=round(best.prob, 4), declared=hint)


def _mostly_other_script(text: str) -> bool:
    """More than 30 % of the letters outside the Latin, Greek and Cyrillic alphabets that the
    supported languages use: limiting candidates would force a wrong one (Japanese as 'vi')."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_OTHER_SCRIPT.findall(text)) > OTHER_SCRIPT_SHARE * letters


def _ranked(text: str, sample_chars: int, languages: tuple[str, ...] | None) -> list:
    candidates = _candidates(text[:FIRST_LOOK_CHARS], languages)
    if not candidates or candidates[0].prob < SURE:  # unsure on a short look: read more
        candidates = _candidates(text[:sample_chars], languages)
    return candidates


def reads_as_english(text: str, article_language: str, *, min_chars: int = 40, threshold: float = 0.9) -> bool:
    """Does this block read as English rather than the article's language?

    Only blocks of at least `min_chars` (shorter ones fool langdetect: 13 % false alarms on
    Dutch), and only after a cheap test finds English function words, so most blocks cost
    nothing. Then langdetect chooses between exactly the two languages.
    """
    if article_language == "en" or len(text) < min_chars:
        return False
    words = text.lower().split()
    if sum(w in _ENGLISH_FUNCTION_WORDS for w in words) < ENGLISH_WORD_SHARE * len(words):
        return False
    candidates = _candidates(text[:FIRST_LOOK_CHARS], (article_language, "en"))
    return bool(candidates) and candidates[0].lang == "en" and candidates[0].prob >= threshold


def _candidates(text: str, languages: tuple[str, ...] | None = None) -> list:
    detector = load_language_profiles().create()
    detector.n_trial = TRIALS
    if languages:
        detector.set_prior_map({lang: 1.0 for lang in languages})
    detector.append(text)
    try:
        return detector.get_probabilities()
    except LangDetectException:
        return []


def _code(lang: str) -> str:
    return _ISO_639_1.get(lang, lang)
