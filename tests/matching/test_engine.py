"""The match engine's arithmetic on hand-built facts: every factor moves the score the right
way, hard filters hold, and the reasons read as a person would say them."""

import datetime

import numpy as np
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.engine import (
    OpeningFacts,
    Reason,
    Requirement,
    TalentColumns,
    TalentFacts,
    explain,
    idf,
    score,
    values,
)

PYTHON, DJANGO, SQL, EXCEL = 1, 2, 3, 4
RELATED = {PYTHON: frozenset({DJANGO})}


def opening(**fields):
    defaults = {
        "id": 1,
        "kind": "development",
        "paid": True,
        "requirements": (
            Requirement(PYTHON, essential=True, level=3, labels={"en": "Python"}),
            Requirement(SQL, essential=False, level=2, labels={"en": "SQL"}),
        ),
        "languages": {"en": 4},
        "finnish_not_required": True,
        "municipality": "167",
        "region": "12",
    }
    return OpeningFacts(**{**defaults, **fields})


def talent(**fields):
    defaults = {
        "id": 1,
        "skills": {PYTHON: 3, SQL: 2},
        "languages": {"en": 5, "fi": 2},
        "kinds": frozenset({"development"}),
        "municipality": "167",
        "region": "12",
    }
    return TalentFacts(**{**defaults, **fields})


def value(t, o=None, rarity=None):
    result = score(t, o or opening(), rarity=rarity or {}, related=RELATED)
    return None if result is None else result.value


def test_a_talent_with_everything_asked_scores_100():
    assert value(talent()) == 100


def test_a_missing_essential_skill_costs_more_than_a_missing_nice_to_have():
    without_essential = value(talent(skills={SQL: 2}))
    without_nice = value(talent(skills={PYTHON: 3}))
    assert without_essential < without_nice < 100


def test_a_rare_skill_weighs_more_than_a_common_one():
    both = opening(
        requirements=(
            Requirement(PYTHON, essential=True, level=2),
            Requirement(EXCEL, essential=True, level=2),
        )
    )
    rarity = {PYTHON: idf(5, 1000), EXCEL: idf(600, 1000)}
    rare = value(talent(skills={PYTHON: 2}), both, rarity)
    common = value(talent(skills={EXCEL: 2}), both, rarity)
    assert rare > common


def test_a_lower_level_counts_partly():
    full = value(talent(skills={PYTHON: 3, SQL: 2}))
    short = value(talent(skills={PYTHON: 2, SQL: 2}))
    none = value(talent(skills={SQL: 2}))
    assert full > short > none


def test_a_related_skill_counts_partly():
    django = value(talent(skills={DJANGO: 3, SQL: 2}))
    assert value(talent(skills={SQL: 2})) < django < value(talent())


def test_the_same_occupation_counts_more_than_the_same_isco_group():
    with_occupation = opening(occupation_id=10, isco_group_id=100)
    same = value(talent(occupation_ids=frozenset({10})), with_occupation)
    group = value(talent(isco_group_ids=frozenset({100})), with_occupation)
    other = value(talent(), with_occupation)
    assert same > group > other


def test_a_language_one_level_below_counts_partly():
    met = value(talent(languages={"en": 4}))
    below = value(talent(languages={"en": 3}))
    missing = value(talent(languages={}))
    assert met > below > missing


@pytest.mark.parametrize(
    ("talent_fields", "opening_fields"),
    [
        ({"kinds": frozenset({"job"})}, {}),  # asked only for jobs
        ({"right_to_work": "needs_permit"}, {"paid": True}),
    ],
)
def test_hard_filters_give_no_score(talent_fields, opening_fields):
    assert value(talent(**talent_fields), opening(**opening_fields)) is None


def test_without_a_right_to_work_an_unpaid_period_is_still_possible():
    assert value(talent(right_to_work="needs_permit"), opening(paid=False)) == 100


def test_a_talent_without_stated_preferences_is_not_filtered_but_scores_less():
    assert value(talent(kinds=frozenset())) < 100


def test_place_remote_first_then_municipality_region_and_relocation():
    far = {"municipality": "091", "region": "01"}
    remote = value(talent(**far), opening(remote=True))
    region = value(talent(municipality="276", region="12"))
    relocate = value(talent(**far, willing_to_relocate=True))
    stays = value(talent(**far))
    assert remote == value(talent()) > region > relocate > stays


def test_availability_before_the_start_fits_and_late_fits_less():
    start = datetime.date(2027, 3, 15)
    with_start = opening(start_date=start)
    early = value(talent(available_from=datetime.date(2027, 3, 1)), with_start)
    late = value(talent(available_from=datetime.date(2027, 4, 1)), with_start)
    very_late = value(talent(available_from=datetime.date(2027, 8, 1)), with_start)
    assert early > late > very_late


def test_hours_far_from_what_the_talent_wants_count_less():
    with_hours = opening(hours_per_week=37)
    assert value(talent(hours_per_week=35), with_hours) > value(
        talent(hours_per_week=15), with_hours
    )


def test_the_reasons_say_why_in_plain_words():
    result = score(
        talent(
            skills={PYTHON: 3, DJANGO: 2},
            available_from=datetime.date(2027, 3, 1),
        ),
        opening(
            remote=True,
            start_date=datetime.date(2027, 3, 15),
            requirements=(
                Requirement(PYTHON, essential=True, level=3),
                Requirement(SQL, essential=True, level=2, labels={"en": "SQL"}),
            ),
        ),
        rarity={},
        related={SQL: frozenset({DJANGO})},
    )
    with translation.override("en"):
        texts = [reason.text for reason in result.reasons]
    assert texts == [
        "1 of 2 essential skills",
        "A skill related to SQL",
        "Finnish A2 – not required",
        "English C1 (B2 required)",
        "Interested in: Development period",
        "Remote work possible",
        "Available from 1 March 2027 (start 15 March 2027)",
    ]


def test_reasons_are_stored_as_data_and_worded_in_the_readers_language():
    reason = Reason("language", {"language": "en", "have": 5, "need": 4})
    stored = Reason.from_dict(reason.as_dict())
    assert stored == reason
    with translation.override("fi"):
        finnish = stored.text
    with translation.override("en"):
        english = stored.text
    assert english == "English C1 (B2 required)"
    assert finnish != english
    assert "C1" in finnish


# --- many talents at once: the rebuild's arrays give score()'s values and reasons exactly --

SKILLS = st.integers(1, 6)
PLACES = st.sampled_from(["", "091", "167", "276"])
REGIONS = st.sampled_from(["", "01", "12"])
DATES = st.none() | st.dates(datetime.date(2027, 1, 1), datetime.date(2027, 4, 1))
HOURS = st.none() | st.integers(5, 40)
KINDS = st.sampled_from(["job", "internship", "development"])
LANGUAGES = st.dictionaries(st.sampled_from(["en", "fi", "sv"]), st.integers(1, 7), max_size=3)

random_talents = st.lists(
    st.builds(
        TalentFacts,
        id=st.just(0),
        skills=st.dictionaries(SKILLS, st.integers(1, 4), max_size=4),
        occupation_ids=st.frozensets(st.integers(1, 3), max_size=2),
        isco_group_ids=st.frozensets(st.integers(1, 3), max_size=2),
        languages=LANGUAGES,
        kinds=st.frozensets(KINDS, max_size=2),
        right_to_work=st.sampled_from(["", "citizen", "needs_permit"]),
        municipality=PLACES,
        region=REGIONS,
        willing_to_relocate=st.booleans(),
        available_from=DATES,
        hours_per_week=HOURS,
    ),
    min_size=1,
    max_size=30,
)
random_openings = st.builds(
    OpeningFacts,
    id=st.just(1),
    kind=KINDS,
    paid=st.booleans(),
    requirements=st.lists(
        st.builds(
            Requirement,
            SKILLS,
            st.booleans(),
            st.integers(1, 4),
            SKILLS.map(lambda number: {"en": f"skill {number}", "fi": f"taito {number}"}),
        ),
        max_size=5,
        unique_by=lambda need: need.skill_id,
    ).map(tuple),
    occupation_id=st.none() | st.integers(1, 3),
    isco_group_id=st.none() | st.integers(1, 3),
    languages=LANGUAGES,
    finnish_not_required=st.booleans(),
    municipality=PLACES,
    region=REGIONS,
    remote=st.booleans(),
    start_date=DATES,
    hours_per_week=HOURS,
)


# The same examples on every run (as tests/security), and no .hypothesis/ folder.
@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    talents=random_talents,
    opening=random_openings,
    rarity=st.dictionaries(SKILLS, st.floats(1.0, 8.0)),
    related=st.dictionaries(SKILLS, st.frozensets(SKILLS, max_size=3)),
)
def test_scoring_many_talents_at_once_gives_the_same_values(talents, opening, rarity, related):
    talents = [TalentFacts(**{**vars(t), "id": number}) for number, t in enumerate(talents)]
    expected = [score(t, opening, rarity=rarity, related=related) for t in talents]
    got = values(TalentColumns(talents), opening, rarity=rarity, related=related)
    assert list(got) == [-1 if result is None else result.value for result in expected]


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    talents=random_talents,
    opening=random_openings,
    related=st.dictionaries(SKILLS, st.frozensets(SKILLS, max_size=3)),
    data=st.data(),
)
def test_explaining_many_talents_at_once_gives_the_same_reasons(talents, opening, related, data):
    talents = [TalentFacts(**{**vars(t), "id": number}) for number, t in enumerate(talents)]
    expected = {}
    for row, talent in enumerate(talents):
        result = score(talent, opening, rarity={}, related=related)
        if result is not None:
            expected[row] = [reason.as_dict() for reason in result.reasons]
    # The rebuild asks for its kept talents best first, in no order of rows.
    rows = data.draw(st.permutations(sorted(expected)))
    got = explain(TalentColumns(talents), np.array(rows, dtype=np.int64), opening, related=related)
    assert got == [expected[row] for row in rows]
