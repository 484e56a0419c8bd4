"""Stored match scores: written when profiles and openings change, rebuilt, read by pages."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from esco.models import Skill
from matching.models import Dismissal, MatchScore, Opening
from matching.services import scores
from profiles import services as profile_services
from profiles.models import TalentProfile
from tests.factories import (
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    StaffUserFactory,
    TalentProfileFactory,
)

pytestmark = pytest.mark.django_db


def skill(label):
    return Skill.objects.get(label_en=label)


def talent(name, skills=(), languages=(("en", 5),), **fields):
    profile = TalentProfileFactory(display_name=name, **fields)
    for label, level in skills:
        ProfileSkillFactory(profile=profile, label=label, level=level)
    for code, level in languages:
        ProfileLanguageFactory(profile=profile, language=code, level=level)
    return profile


def developer_opening(**fields):
    opening = OpeningFactory(title="Python developer", hours_per_week=None, **fields)
    OpeningSkillFactory(opening=opening, label="Python (computer programming)", level=3)
    OpeningSkillFactory(opening=opening, label="SQL", essential=False, level=2)
    OpeningLanguageFactory(opening=opening, language="en", level=4)
    return opening


def five_talents() -> dict:
    """Against `developer_opening` they score Ana 95, Cai 63, Eve 62, Dana 57, Bo 56."""
    return {
        "Ana": talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)]),
        "Bo": talent("Bo", [("Python (computer programming)", 2)], languages=(("en", 3),)),
        "Cai": talent("Cai", [("SQL", 3)], municipality="091"),
        # JavaScript and Python are both essential for ESCO's software developers: related.
        "Dana": talent("Dana", [("JavaScript", 3)]),
        "Eve": talent("Eve", [("Python (computer programming)", 3)], languages=()),
    }


def ranking(opening):
    return list(
        MatchScore.objects.filter(opening=opening)
        .order_by("-score", "profile__display_name")
        .values_list("profile__display_name", "score")
    )


def test_the_same_data_gives_these_exact_scores_on_every_database():
    # CI runs this on SQLite and on PostgreSQL: equal numbers on both prove the engine
    # does not depend on the database.
    opening = developer_opening()
    five_talents()
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert ranking(opening) == [("Ana", 95), ("Cai", 63), ("Eve", 62), ("Dana", 57), ("Bo", 56)]


def test_reasons_are_stored_with_each_score():
    opening = developer_opening()
    ana = talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    scores.scores_refresh_opening(opening_id=opening.pk)
    codes = [row["code"] for row in MatchScore.objects.get(profile=ana).reasons]
    assert codes[:2] == ["skills_essential", "skills_nice"]
    assert "language" in codes


def test_only_published_openings_keep_scores():
    opening = developer_opening()
    talent("Ana", [("Python (computer programming)", 3)])
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert MatchScore.objects.count() == 1
    Opening.objects.filter(pk=opening.pk).update(status=Opening.Status.CLOSED)
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert not MatchScore.objects.exists()


def test_a_profile_edit_rescores_that_talent_after_the_commit(django_capture_on_commit_callbacks):
    opening = developer_opening()
    ana = talent("Ana", [("SQL", 2)])
    with django_capture_on_commit_callbacks(execute=True):
        profile_services.profile_skill_set(
            profile=ana, skill=skill("Python (computer programming)"), level=3
        )
    # Every skill and language asked; 95, not 100, as Ana named no preference for jobs.
    assert MatchScore.objects.get(profile=ana, opening=opening).score == 95


def test_a_rolled_back_edit_enqueues_nothing(django_capture_on_commit_callbacks):
    developer_opening()
    ana = talent("Ana", [("SQL", 2)])

    @transaction.atomic
    def edit_that_fails():
        profile_services.profile_skill_set(
            profile=ana, skill=skill("Python (computer programming)"), level=3
        )
        raise RuntimeError("the save failed")

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(RuntimeError):
        edit_that_fails()
    assert callbacks == []
    assert not MatchScore.objects.exists()


def test_approving_scores_the_opening_and_closing_removes_its_scores(
    django_capture_on_commit_callbacks,
):
    from matching import services

    opening = developer_opening(status=Opening.Status.SUBMITTED, published_at=None)
    talent("Ana", [("Python (computer programming)", 3)])
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_approve(opening_id=opening.pk, actor=StaffUserFactory())
    assert MatchScore.objects.filter(opening=opening).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_close(opening_id=opening.pk, actor=None, reason="filled")
    assert not MatchScore.objects.exists()


def test_a_talent_is_scored_against_every_published_opening():
    first, second = developer_opening(), developer_opening()
    developer_opening(status=Opening.Status.DRAFT, published_at=None)
    ana = talent("Ana", [("Python (computer programming)", 3)])
    assert scores.scores_refresh_profile(profile_id=ana.pk) == 2
    assert set(MatchScore.objects.values_list("opening", flat=True)) == {first.pk, second.pk}


def test_not_interested_removes_the_opening_and_keeps_it_away():
    opening = developer_opening()
    ana = talent("Ana", [("Python (computer programming)", 3)])
    scores.scores_refresh_profile(profile_id=ana.pk)
    scores.opening_dismiss(profile=ana, opening_id=opening.pk)
    assert not MatchScore.objects.exists()
    scores.scores_refresh_profile(profile_id=ana.pk)
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert not MatchScore.objects.exists()
    assert Dismissal.objects.filter(profile=ana).count() == 1


def test_rebuild_is_idempotent_and_reports_progress(capsys):
    opening = developer_opening()
    talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    talent("Bo", [("Python (computer programming)", 2)])
    call_command("rebuild_matches")
    first = ranking(opening)
    call_command("rebuild_matches")
    assert ranking(opening) == first
    assert len(first) == 2
    out = capsys.readouterr().out
    assert "1/1 openings scored" in out
    assert "2 match scores stored" in out


def test_an_inactive_talent_is_not_scored():
    opening = developer_opening()
    ana = talent("Ana", [("Python (computer programming)", 3)])
    ana.user.is_active = False
    ana.user.save()
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert not MatchScore.objects.exists()


def test_scoring_an_opening_takes_the_same_queries_for_few_and_many_talents(
    django_assert_max_num_queries,
):
    opening = developer_opening()
    talent("Ana", [("Python (computer programming)", 3)])
    with django_assert_max_num_queries(30) as few:
        scores.scores_refresh_opening(opening_id=opening.pk)
    for number in range(40):
        talent(f"T{number}", [("Python (computer programming)", 2), ("SQL", 2)])
    with django_assert_max_num_queries(len(few)):
        scores.scores_refresh_opening(opening_id=opening.pk)


def test_the_rebuild_and_the_incremental_refresh_store_the_same_rows():
    openings = [developer_opening(), developer_opening(occupation=None)]
    talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    talent("Bo", [("JavaScript", 2)], municipality="091", willing_to_relocate=True)
    talent("Cai", [("SQL", 1)], languages=(("en", 7), ("fi", 3)))
    scores.scores_rebuild()
    rebuilt = sorted(MatchScore.objects.values_list("profile", "opening", "score", "reasons"))
    MatchScore.objects.all().delete()
    for opening in openings:
        scores.scores_refresh_opening(opening_id=opening.pk)
    assert sorted(MatchScore.objects.values_list("profile", "opening", "score", "reasons")) == (
        rebuilt
    )
    assert len(rebuilt) >= 4


def test_the_rebuild_keeps_the_best_talents_at_the_cut(monkeypatch):
    # Scored at once in arrays, only the best are worded: the cut must be the same as
    # ranking every candidate one by one (ties to the older profile), dismissals left out.
    opening = developer_opening()
    talents = five_talents()
    Dismissal.objects.create(profile=talents["Cai"], opening=opening)
    monkeypatch.setattr(scores, "MAX_PER_OPENING", 3)
    scores.scores_rebuild()
    rebuilt = ranking(opening)
    MatchScore.objects.all().delete()
    scores.scores_refresh_opening(opening_id=opening.pk)
    assert rebuilt == ranking(opening) == [("Ana", 95), ("Eve", 62), ("Dana", 57)]


def test_a_profile_refresh_stores_what_the_rebuild_stores_for_that_talent():
    developer_opening()
    developer_opening(occupation=None)
    ana = talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    bo = talent("Bo", [("JavaScript", 2)], municipality="091", willing_to_relocate=True)
    talent("Cai", [("wash the laundry", 3)])  # nothing near what the openings ask
    scores.scores_rebuild()
    rebuilt = sorted(MatchScore.objects.values_list("profile", "opening", "score", "reasons"))
    MatchScore.objects.all().delete()
    for profile in TalentProfile.objects.all():
        scores.scores_refresh_profile(profile_id=profile.pk)
    refreshed = sorted(MatchScore.objects.values_list("profile", "opening", "score", "reasons"))
    assert refreshed == rebuilt
    assert {row[0] for row in rebuilt} == {ana.pk, bo.pk}


def test_an_opening_published_during_the_rebuild_reaches_the_next_profile_refresh(
    monkeypatch,
):
    developer_opening()
    ana = talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    late = developer_opening(status=Opening.Status.DRAFT, published_at=None)
    loaded = scores._context

    def published_meanwhile(openings):
        # After the rebuild has read the published openings, before it caches them.
        Opening.objects.filter(pk=late.pk).update(
            status=Opening.Status.PUBLISHED, published_at=late.created_at
        )
        return loaded(openings)

    monkeypatch.setattr(scores, "_context", published_meanwhile)
    scores.scores_rebuild()
    scores.scores_refresh_profile(profile_id=ana.pk)
    assert MatchScore.objects.filter(profile=ana, opening=late).exists()


def test_a_worker_reads_the_openings_from_the_cache_only_when_they_changed(monkeypatch):
    opening = developer_opening()
    ana = talent("Ana", [("Python (computer programming)", 3), ("SQL", 2)])
    scores.scores_refresh_profile(profile_id=ana.pk)
    reads = []
    real_get = scores.cache.get
    monkeypatch.setattr(scores.cache, "get", lambda key, *a: reads.append(key) or real_get(key, *a))

    scores.scores_refresh_profile(profile_id=ana.pk)
    assert reads == []

    opening.title = "Senior backend developer"
    opening.save()
    scores.scores_refresh_profile(profile_id=ana.pk)
    assert reads == [scores._OPENINGS_KEY]
    assert MatchScore.objects.filter(profile=ana, opening=opening).exists()


@pytest.mark.parametrize(
    ("factory", "levels"),
    [
        (ProfileSkillFactory, (0, 5)),
        (OpeningSkillFactory, (0, 5)),
        (ProfileLanguageFactory, (0, 8)),
        (OpeningLanguageFactory, (0, 8)),
    ],
)
def test_a_level_off_the_scale_is_refused_by_the_database(factory, levels):
    # The engine reads level 0 as "not held": no row may say a talent holds a skill at 0.
    for level in levels:
        with pytest.raises(IntegrityError), transaction.atomic():
            factory(level=level)
