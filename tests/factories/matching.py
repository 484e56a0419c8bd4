import datetime

import factory
from django.utils import timezone

from esco.models import Skill
from matching.models import (
    Application,
    MatchScore,
    Opening,
    OpeningLanguage,
    OpeningSkill,
    Placement,
)

from .enterprises import EnterpriseFactory
from .profiles import ProfileSkillFactory, TalentProfileFactory


class OpeningFactory(factory.django.DjangoModelFactory):
    """A published job with a salary and a deadline four weeks ahead."""

    class Meta:
        model = Opening

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"Opening {n}")
    kind = "job"
    description = "Work with us on something real."
    tasks = "Build and ship features with the team."
    offer = "A friendly team and a real product."
    municipality = "167"  # Joensuu
    salary_min = 3000
    salary_max = 4000
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=28))
    status = Opening.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class OpeningSkillFactory(factory.django.DjangoModelFactory):
    """A required skill of the starter taxonomy, by its English label."""

    class Meta:
        model = OpeningSkill

    class Params:
        label = "Python (computer programming)"

    opening = factory.SubFactory(OpeningFactory)
    skill = factory.LazyAttribute(lambda o: Skill.objects.get(label_en=o.label))
    essential = True
    level = 2


class OpeningLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningLanguage

    opening = factory.SubFactory(OpeningFactory)
    language = "en"
    level = 4  # B2


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A received application without a CV (the service makes CV copies; see the tests)."""

    class Meta:
        model = Application

    profile = factory.SubFactory(TalentProfileFactory)
    opening = factory.SubFactory(OpeningFactory)
    motivation = "I would love to help you enter the Polish market."
    status = Application.Status.RECEIVED


class PlacementFactory(factory.django.DjangoModelFactory):
    """An agreed internship of three months starting in a week, made without an application
    (as staff record one); pass `application` and `opening` for one from an accepted offer."""

    class Meta:
        model = Placement

    enterprise = factory.SubFactory(EnterpriseFactory)
    profile = factory.SubFactory(TalentProfileFactory)
    title = factory.Sequence(lambda n: f"Placement {n}")
    kind = "internship"
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=91))
    goals = "Learn the sales process; prepare one market entry plan."
    status = Placement.Status.AGREED


def scored_talent(opening, score, **profile_fields):
    """A talent with a skill and a stored match to `opening`, as the engine would leave it."""
    profile = TalentProfileFactory(**profile_fields)
    ProfileSkillFactory(profile=profile)
    reasons = [{"code": "skills_essential", "matched": 1, "total": 1}]
    MatchScore.objects.create(profile=profile, opening=opening, score=score, reasons=reasons)
    return profile
