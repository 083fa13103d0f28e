"""Bylines to people (credentials stay with their person) and <title> to title and site name."""

from __future__ import annotations

import pytest

from extractors.titles import split_title
from extractors.people import is_credential, split_people

# --- split_people ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "byline, people",
    [
        ("Grant Tinsley, PhD", ["Grant Tinsley, PhD"]),
        ("Jane Doe, MD, PhD", ["Jane Doe, MD, PhD"]),
        ("Jane Doe, M.D.", ["Jane Doe, M.D."]),
        ("Andrea Brown, MS, RDN, CDN", ["Andrea Brown, MS, RDN, CDN"]),
    ],
)
def test_credentials_stay_with_their_person(byline, people):
    assert split_people(byline) == people


@pytest.mark.parametrize(
    "byline, people",
    [
        ("By A. Smith, MD and B. Jones", ["A. Smith, MD", "B. Jones"]),
        ("Jane Doe, RD & John Roe", ["Jane Doe, RD", "John Roe"]),
        ("Jane Doe; John Roe / Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
    ],
)
def test_several_people_are_split(byline, people):
    assert split_people(byline) == people


def test_oxford_comma_and_splits_two_people():
    assert split_people("By A. Smith, MD, and B. Jones") == ["A. Smith, MD", "B. Jones"]


@pytest.mark.parametrize(
    "byline",
    ["Anna Svensson och Erik Lind", "Av Anna Svensson och Erik Lind"],
)
def test_swedish_och_joins_two_people(byline):
    assert split_people(byline) == ["Anna Svensson", "Erik Lind"]


@pytest.mark.parametrize(
    "byline, people",
    [
        ("Jane Doe and Jane Doe", ["Jane Doe"]),
        ("Jane Doe, MD; John Roe; Jane Doe, MD", ["Jane Doe, MD", "John Roe"]),
    ],
)
def test_repeated_people_are_listed_once_in_first_order(byline, people):
    assert split_people(byline) == people


def test_words_containing_a_joiner_are_not_split():
    assert split_people("Brandon Anderson") == ["Brandon Anderson"]


@pytest.mark.parametrize("word, expected", [("PhD", True), ("M.D.", True), ("rdn", True), ("Smith", False)])
def test_is_credential(word, expected):
    assert is_credential(word) is expected


# --- split_title ---------------------------------------------------------------------------


def test_site_suffix_is_peeled_when_it_names_the_site():
    assert split_title("Muscle cramps | Verywell Health", site_name="Verywell Health", h1=None) == (
        "Muscle cramps",
        "Verywell Health",
        [],
    )


def test_site_suffix_matches_regardless_of_case_and_separator():
    title, _, _ = split_title("Muscle cramps - verywell  health", site_name="Verywell Health", h1=None)
    assert title == "Muscle cramps"


def test_suffix_is_peeled_when_the_rest_equals_the_h1_and_names_the_site():
    assert split_title("Muscle cramps | Healthline", site_name=None, h1="Muscle cramps") == (
        "Muscle cramps",
        "Healthline",
        [],
    )


def test_category_between_title_and_site_is_peeled():
    assert split_title("Muscle cramps | Nutrition | Verywell Health", site_name="Verywell Health", h1="Muscle cramps") == (
        "Muscle cramps",
        "Verywell Health",
        ["Nutrition"],
    )


@pytest.mark.parametrize(
    "site_name, h1",
    [(None, None), ("Healthline", None), ("Healthline", "Muscle cramps: an overview"), (None, "Something else")],
)
def test_title_merely_containing_a_dash_stays_whole(site_name, h1):
    title = "Muscle cramps - causes and treatment"
    assert split_title(title, site_name=site_name, h1=h1) == (title, site_name, [])


def test_suffix_naming_another_site_stays():
    assert split_title("Muscle cramps | Healthline", site_name="Medical News Today", h1=None) == (
        "Muscle cramps | Healthline",
        "Medical News Today",
        [],
    )


def test_no_title_gives_none():
    assert split_title(None, site_name="Healthline", h1=None) == (None, "Healthline", [])


@pytest.mark.parametrize("byline, people", [
    ("Nicolas Perriault —", ["Nicolas Perriault"]),  # readability's byline, with the template's dash
    ("~ Rachel M", ["Rachel M"]),
    ("By:", []),
    ("Name *", ["Name"]),  # a comment form's label: no rule can tell it from a name, only the star goes
    ("The Pennsylvania State University ©", ["The Pennsylvania State University"]),
    ("— ·", []),
])
def test_separators_and_marks_around_a_name_are_not_part_of_it(byline, people):
    assert split_people(byline) == people
