import factory

from profiles.models import TalentProfile

from .accounts import TalentUserFactory


class TalentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentProfile

    user = factory.SubFactory(TalentUserFactory)
    display_name = factory.Faker("name")
    municipality = "Joensuu"
