"""Rows the impact figures count: start-ups and placement outcomes."""

import datetime

import factory

from matching.models import Outcome, StartUp

from .matching import PlacementFactory
from .profiles import TalentProfileFactory


class StartUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartUp

    founder = factory.SubFactory(TalentProfileFactory)
    name = factory.Sequence(lambda n: f"Pohjois-Karjalan Startup {n} Oy")
    founded_on = datetime.date(2024, 6, 1)
    industry = "J"


class OutcomeFactory(factory.django.DjangoModelFactory):
    """A current "employed by the same company" outcome (recorded_at is set on save: move it
    with `Outcome.objects.filter(...).update(recorded_at=...)`)."""

    class Meta:
        model = Outcome

    placement = factory.SubFactory(PlacementFactory)
    kind = Outcome.Kind.EMPLOYED_SAME_SME
    is_current = True
