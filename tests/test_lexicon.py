from importlib import resources

import pytest
from pydantic import ValidationError

from extractors.lexicon import compile_lexicon, load_lexicon, parse_language_file

CORE_GROUPS = {
    "labels": {"author", "published", "updated"},
    "lines": {"share", "toc"},
    "prefixes": {"branding"},
}


def language_files():
    folder = resources.files("extractors") / "lexicons"
    return sorted(p for p in folder.iterdir() if p.name.endswith(".toml"))


@pytest.mark.parametrize("path", language_files(), ids=lambda p: p.name)
def test_each_language_file_is_valid_and_covers_the_core_groups(path):
    lexicon = parse_language_file(path.read_text(encoding="utf-8"))
    assert path.name == f"{lexicon.language}.toml"
    for section, groups in CORE_GROUPS.items():
        present = getattr(lexicon, section).model_dump(exclude_none=True)
        assert groups <= present.keys(), f"{path.name} lacks {groups - present.keys()} in [{section}]"


def test_an_empty_group_is_an_error():
    with pytest.raises(ValidationError):
        parse_language_file('language = "xx"\n[lines]\nshare = []\n')


def test_an_unknown_group_is_an_error():
    with pytest.raises(ValidationError):
        parse_language_file('language = "xx"\n[lines]\nshare_buttons = ["Share"]\n')


def test_a_blank_phrase_is_an_error():
    with pytest.raises(ValidationError):
        parse_language_file('language = "xx"\n[lines]\nshare = ["  "]\n')


def test_labels_capture_the_value_after_the_colon():
    lexicon = load_lexicon()
    assert lexicon.labels["author"].match("Författare: Charles Brown")["value"] == "Charles Brown"
    assert lexicon.labels["published"].match("Skapelsedatum : 9 Februari 2021")["value"] == "9 Februari 2021"
    assert lexicon.labels["author"].match("Författare Charles Brown")["value"] == "Charles Brown"
    assert lexicon.labels["updated"].match("Updated on March 3, 2022")["value"] == "March 3, 2022"


def test_whole_line_groups_match_whole_lines_only_and_ignore_case():
    lines = load_lexicon().lines
    assert lines["share"].match("dela MED sig")
    assert lines["toc"].match("Inhoudsopgave")
    assert lines["share"].match("Flip over the page") is None


def test_prefix_groups_take_any_brand():
    branding = load_lexicon().prefixes["branding"]
    assert branding.match("Ett ord från Verywell")["value"] == "Verywell"
    assert branding.match("Een woord van Health Life Guide")["value"] == "Health Life Guide"
    assert branding.match("Ett ord från")["value"] is None  # the rule then requires a brand


def test_adding_a_language_is_adding_a_file():
    german = parse_language_file('language = "de"\n[prefixes]\nbranding = ["Ein Wort von"]\n')
    assert compile_lexicon([german]).prefixes["branding"].match("Ein Wort von Gesundheit")
