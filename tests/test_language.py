import subprocess
import sys

from extractors.language import detect_language
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
        "print(d('Tack för maten, det var gott. Vi ses i morgon bitti'))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], env={"PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and "code='sv'" in outputs.pop()
