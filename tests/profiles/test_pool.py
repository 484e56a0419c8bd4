"""The talent pool's filters, pagination and query count."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from matching.models import MatchScore
from profiles.models import Opportunity, OpportunityType, TalentProfile
from tests.factories import (
    MembershipFactory,
    OpeningFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    TalentProfileFactory,
)

POOL = reverse("profiles:pool")


def _talent(name, *, skills=(), languages=(), **fields):
    profile = TalentProfileFactory(display_name=name, **fields)
    for label in skills:
        ProfileSkillFactory(profile=profile, label=label)
    for code, level in languages:
        ProfileLanguageFactory(profile=profile, language=code, level=level)
    return profile


@pytest.fixture
def pool(db):
    ana = _talent(
        "Ana",
        skills=["Python (computer programming)", "SQL"],
        languages=[("en", 5), ("fi", 2)],
        available_from=dt.date(2027, 1, 1),
    )
    daniel = _talent(
        "Daniel",
        skills=["operate forklift", "warehouse operations"],
        languages=[("en", 7), ("fi", 4)],
        municipality="309",  # Outokumpu, North Karelia
        available_from=dt.date(2026, 12, 1),
    )
    mei = _talent(
        "Mei",
        skills=["Python (computer programming)"],
        languages=[("zh", 7), ("en", 4)],
        municipality="091",  # Helsinki, Uusimaa
        willing_to_relocate=True,
    )
    Opportunity.objects.create(profile=daniel, kind=OpportunityType.JOB)
    Opportunity.objects.create(profile=mei, kind=OpportunityType.INTERNSHIP)
    return {"ana": ana, "daniel": daniel, "mei": mei}


def _names(client, **params):
    response = client.get(POOL, params)
    assert response.status_code == 200
    return sorted(p.display_name for p in response.context["profiles"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Ana", "Daniel", "Mei"]),
        ({"skills": "python"}, ["Ana", "Mei"]),
        ({"skills": "python, sql"}, ["Ana"]),
        ({"skills": "python, sql", "skills_match": "all"}, ["Ana"]),
        ({"skills": "sql, trukki", "skills_match": "any"}, ["Ana", "Daniel"]),
        ({"skills": "gaffeltruck"}, ["Daniel"]),
        ({"language": "fi"}, ["Ana", "Daniel"]),
        ({"language": "fi", "language_level": "4"}, ["Daniel"]),
        ({"language": "en", "language_level": "5"}, ["Ana", "Daniel"]),
        ({"region": "12"}, ["Ana", "Daniel"]),
        ({"region": "12", "relocate": "on"}, ["Ana", "Daniel", "Mei"]),
        ({"opportunity": "internship"}, ["Mei"]),
        ({"available_by": "2026-12-31"}, ["Daniel"]),
        ({"skills": "python", "region": "01"}, ["Mei"]),
    ],
)
def test_pool_filters(client, member, pool, params, expected):
    client.force_login(member)
    assert _names(client, **params) == expected


def test_pool_filters_by_occupation_of_interest(client, member, pool):
    from esco.models import Occupation

    developer = Occupation.objects.get(label_en="software developer")
    pool["mei"].occupations.add(developer)
    client.force_login(member)
    # Words of any of its labels, in any order, case and accents folded.
    assert _names(client, occupation="Developer software") == ["Mei"]
    assert _names(client, occupation=developer.label_fi.upper()) == ["Mei"]
    # An id, from a link made when the filter offered a list.
    assert _names(client, occupation=str(developer.pk)) == ["Mei"]
    assert _names(client, occupation="nurse") == []


def test_an_invalid_filter_value_shows_the_error_not_a_crash(client, member, pool):
    client.force_login(member)
    response = client.get(POOL, {"available_by": "not a date", "region": "99"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_pagination_keeps_the_filters(client, member):
    for number in range(25):
        _talent(f"Talent {number:02}", skills=["SQL"])
    client.force_login(member)

    first = client.get(POOL, {"skills": "sql"})
    assert len(first.context["profiles"]) == 20
    assert "?skills=sql&amp;page=2" in first.content.decode()
    second = client.get(POOL, {"skills": "sql", "page": 2})
    assert len(second.context["profiles"]) == 5


@pytest.mark.parametrize("rows", [1, 15])
def test_pool_query_count_does_not_grow_with_rows(
    client, member, django_assert_max_num_queries, rows
):
    for number in range(rows):
        _talent(
            f"T{number}",
            skills=["SQL", "JavaScript"],
            languages=[("fi", 3), ("en", 5)],
            visibility=TalentProfile.Visibility.ANONYMOUS,
        )
    client.force_login(member)
    with django_assert_max_num_queries(12):
        response = client.get(POOL, {"skills": "sql", "language": "fi"})
    assert len(response.context["profiles"]) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_profile_page_query_count_does_not_grow_with_rows(
    client, member, django_assert_max_num_queries, rows
):
    from esco.models import Skill

    profile = _talent("Ana", languages=[("fi", 3)])
    for skill in Skill.objects.pickable()[:rows]:
        ProfileSkillFactory(profile=profile, skill=skill)
    client.force_login(member)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("profiles:detail", args=[profile.pk]))
    assert response.status_code == 200


def test_a_pasted_wall_of_text_is_not_a_server_error(client, member, pool, talent):
    words = ", ".join(f"word{number}" for number in range(3000))
    client.force_login(member)
    assert client.get(POOL, {"skills": words}).status_code == 200
    client.force_login(talent)
    url = reverse("profiles:section", args=["skills"])
    assert client.get(url, {"q": " ".join(["python"] * 1500)}).status_code == 200


@pytest.mark.django_db
def test_the_pool_ranks_talents_by_match_to_one_of_my_openings(client):
    member = MembershipFactory()
    mine = OpeningFactory(enterprise=member.enterprise, title="Our opening")
    foreign = OpeningFactory(title="Another company's opening")
    good = TalentProfileFactory(display_name="Good fit")
    best = TalentProfileFactory(display_name="Best fit")
    TalentProfileFactory(display_name="Unscored")
    MatchScore.objects.create(profile=good, opening=mine, score=60)
    MatchScore.objects.create(profile=best, opening=mine, score=90)
    client.force_login(member.user)
    html = client.get(reverse("profiles:pool"), {"match_opening": mine.pk}).content.decode()
    assert html.index("Best fit") < html.index("Good fit") < html.index("Unscored")
    assert "Match 90 / 100" in html
    assert "Another company" not in html  # not offered as a choice
    refused = client.get(reverse("profiles:pool"), {"match_opening": foreign.pk})
    assert "Select a valid choice" in refused.content.decode()


def test_a_result_card_names_languages_levels_and_wishes_in_the_readers_language(
    client, member, pool
):
    client.force_login(member)
    html = client.get(POOL).content.decode()
    assert "Languages: English (Native), Finnish (B2 – upper intermediate)</p>" in html
    assert "Looking for: Job</p>" in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    html = client.get(POOL).content.decode()
    assert "englanti (äidinkieli), suomi (B2" in html
    assert ": Työpaikka</p>" in html
