import pytest
from django.utils import translation

from esco.selectors import normalise, occupation_search, skill_search

pytestmark = pytest.mark.django_db


def _labels(results):
    return [concept.label_en for concept in results]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("python", "Python (computer programming)"),
        ("Python", "Python (computer programming)"),
        ("forklift", "operate forklift"),
        ("trukki", "operate forklift"),  # Finnish: käyttää haarukkatrukkia
        ("ohjelmointi", "computer programming"),  # Finnish: tietokoneohjelmointi
        ("gaffeltruck", "operate forklift"),  # Swedish: köra gaffeltruck
        ("datorprogrammering", "computer programming"),
        ("kayttaa haarukkatrukkia", "operate forklift"),  # typed without ä
    ],
)
def test_skill_search_finds_concepts_in_english_finnish_and_swedish(query, expected):
    assert expected in _labels(skill_search(query))


def test_an_exact_label_ranks_before_labels_that_only_contain_the_words():
    assert _labels(skill_search("SQL"))[0] == "SQL"
    assert _labels(skill_search("computer programming"))[0] == "computer programming"


def test_every_word_must_match():
    assert _labels(skill_search("forklift operate")) == ["operate forklift"]


def test_a_query_that_is_too_short_or_unknown_finds_nothing():
    assert skill_search("a") == []
    assert skill_search("qwertyuiop") == []


def test_skill_groups_are_not_offered_as_skills():
    assert all(skill.concept_type == "skill" for skill in skill_search("information"))


def test_labels_show_in_the_readers_language():
    with translation.override("fi"):
        (first, *_rest) = skill_search("python")
        assert first.label == "Python (tietokoneohjelmointi)"


def test_occupation_search_uses_finnish_alternative_labels_too():
    assert "software developer" in _labels(occupation_search("ohjelmistokehittäjä"))


def test_normalise_folds_case_accents_and_spaces():
    assert normalise("  Käyttää   HAARUKKATRUKKIA ") == "kayttaa haarukkatrukkia"
