"""The self-assessment's logic: answers in, readiness level and next step out."""

import itertools

import pytest

from toolkit.assessment import QUESTIONS, Level, assess

from .answers import NEW, READY, answers


@pytest.mark.parametrize(
    ("given", "level", "kind", "guides", "services"),
    [
        # Everything in place and a permanent role: a job, and the pay subsidy to know about.
        (READY, Level.READY, "job", ("pay-subsidy",), ("recruitment",)),
        # New to all of it and wanting to try: a joint work period, with help for every gap.
        (
            NEW,
            Level.GETTING_STARTED,
            "joint_work",
            ("right-to-work", "working-language", "onboarding"),
            ("recruitment", "work_permits", "language_courses", "integration"),
        ),
        # Wanting a permanent role before being ready: try the fit with a period first.
        (
            answers(NEW, need="permanent"),
            Level.GETTING_STARTED,
            "joint_work",
            ("right-to-work", "working-language", "onboarding"),
            ("recruitment", "work_permits", "language_courses", "integration"),
        ),
        # Training someone: an internship, with schools and internship organisers.
        (
            answers(NEW, need="train"),
            Level.GETTING_STARTED,
            "internship",
            ("right-to-work", "working-language", "onboarding"),
            ("internships", "education", "work_permits", "language_courses", "integration"),
        ),
        # A project for a new market: a development period, whatever the readiness.
        (
            answers(READY, need="develop"),
            Level.READY,
            "development",
            (),
            ("networking", "funding"),
        ),
        # A good base with gaps: permits known only in part and Finnish mentoring only.
        (
            answers(READY, permits="basics", mentor="finnish", need="develop"),
            Level.READY,
            "development",
            ("right-to-work", "onboarding"),
            ("networking", "funding", "work_permits"),
        ),
        # One blank area keeps a high score from "ready": nobody can mentor.
        (
            answers(READY, mentor="nobody"),
            Level.WITH_SUPPORT,
            "joint_work",
            ("onboarding",),
            ("recruitment",),
        ),
        # Ready for a job but with weak spots: at most three guides, the pay subsidy kept.
        (
            answers(READY, permits="basics", language="mixed", mentor="finnish", experience="some"),
            Level.WITH_SUPPORT,
            "joint_work",
            ("right-to-work", "working-language", "onboarding"),
            ("recruitment", "work_permits"),
        ),
        (
            answers(READY, language="mixed", experience="some"),
            Level.READY,
            "job",
            ("working-language", "cultural-awareness", "pay-subsidy"),
            ("recruitment",),
        ),
        # Finnish only at work: Finnish courses are among the organisations to contact.
        (
            answers(READY, language="finnish", onboarding="some", need="try"),
            Level.WITH_SUPPORT,
            "joint_work",
            ("working-language", "onboarding"),
            ("recruitment", "language_courses"),
        ),
    ],
)
def test_suggestion_table(given, level, kind, guides, services):
    result = assess(given)
    assert (result.level, result.kind, result.guides, result.services) == (
        level,
        kind,
        guides,
        services,
    )


@pytest.mark.parametrize(
    ("score_answers", "level"),
    [
        # 3 points: getting started; 4: with support (the threshold).
        (answers(NEW, experience="regular", language="mixed"), Level.GETTING_STARTED),
        (answers(NEW, experience="regular", language="english"), Level.WITH_SUPPORT),
        # 8 points without a blank area: ready; 7: with support.
        (answers(READY, language="mixed", permits="basics"), Level.READY),
        (answers(READY, language="mixed", permits="basics", mentor="finnish"), Level.WITH_SUPPORT),
    ],
)
def test_level_thresholds(score_answers, level):
    assert assess(score_answers).level == level


def test_score_counts_only_the_readiness_questions():
    assert assess(READY).score == 10
    assert assess(NEW).score == 0
    assert assess(answers(NEW, need="develop", timing="now")).score == 0


def test_areas_are_explained_in_words():
    result = assess(answers(READY, permits="unknown", language="mixed"))
    states = {area.name: str(area.state) for area in result.areas}
    assert states["permits"] == "Needs attention"
    assert states["language"] == "Partly in place"
    assert states["mentor"] == "In place"
    assert result.kind_explanation
    assert result.level_explanation


@pytest.mark.parametrize(
    ("given", "note"),
    [
        (answers(READY, timing="later"), "You have time"),
        (answers(READY, timing="now", permits="basics"), "residence permit"),
        (answers(READY, timing="now", mentor="nobody"), "Contact one of the organisations"),
        (answers(READY, timing="now"), None),
        (answers(NEW, timing="soon"), None),
    ],
)
def test_timing_note(given, note):
    result = assess(given)
    if note is None:
        assert result.timing_note is None
    else:
        assert note in str(result.timing_note)


def test_every_combination_gives_a_result_with_links():
    # The table is small enough to walk: no combination fails or suggests nothing.

    names = [question.name for question in QUESTIONS]
    for values in itertools.product(*([v for v, _l in q.choices] for q in QUESTIONS)):
        result = assess(dict(zip(names, values, strict=True)))
        assert result.services
        assert len(result.guides) <= 3


@pytest.mark.parametrize(
    "broken", [answers(READY, permits="maybe"), {k: v for k, v in READY.items() if k != "need"}]
)
def test_incomplete_or_unknown_answers_are_refused(broken):
    with pytest.raises((KeyError, ValueError)):
        assess(broken)
