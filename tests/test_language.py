import subprocess
import sys

from extractors.language import detect_language, reads_as_english
from extractors.records import Failure

SENTENCES = {
    "sv": "Muskelspasmer kan vara en källa till betydande smärta hos många personer med fibromyalgi.",
    "nl": "Spierkrampen kunnen een bron van aanzienlijke pijn zijn bij veel mensen met fibromyalgie.",
    "en": "Muscle spasms can be a source of significant pain for many people with fibromyalgia.",
    "de": "Muskelkrämpfe können bei vielen Menschen mit Fibromyalgie erhebliche Schmerzen verursachen.",
}


def test_detects_the_languages_of_the_samples():
    for code, text in SENTENCES.items():
        result = detect_language(text)
        assert (result.code, result.confidence > 0.9) == (code, True)


def test_text_without_letters_is_a_failure_with_a_reason():
    result = detect_language("1234 5678 !!! ...")
    assert isinstance(result, Failure) and result.reason == "no_language"


def test_same_answer_in_another_process_with_another_hash_seed():
    code = (
        "from extractors.language import detect_language as d;"
        "print(d('Tack för maten, det var gott. Vi ses i morgon bitti vid stationen innan tåget går.'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and "code='sv'" in outputs.pop()


def test_short_or_unsure_text_has_no_code():
    result = detect_language("Tack för maten.")
    assert (result.code, result.confidence > 0) == (None, True)


def test_candidates_limited_to_supported_languages_but_others_still_named():
    supported = ("sv", "nl", "en", "de")
    assert detect_language(SENTENCES["sv"], languages=supported).code == "sv"
    japanese = "そんな用途を考慮してか、Kindleや楽天koboにはデスクトップアプリが用意されています。今回はその話です。" * 2
    assert detect_language(japanese, languages=supported).code == "ja"


def test_english_block_in_a_swedish_article():
    assert reads_as_english("Trigger point injections are one of the treatments for the pain of fibromyalgia.", "sv")
    assert not reads_as_english(SENTENCES["sv"], "sv")
    assert not reads_as_english("Read more", "sv")  # too short to judge


def test_other_scripts_are_not_forced_into_a_supported_language():
    korean = "악녀의 덫에 걸린 이유리, 의외로 막장극 어울리는 남상미 Entermedia VIP SBS KBS MBC " * 3
    assert detect_language(korean, languages=("vi", "et", "id", "en")).code == "ko"
