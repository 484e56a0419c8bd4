import factory

from esco.models import Skill
from profiles.models import ProfileLanguage, ProfileSkill, TalentProfile

from .accounts import TalentUserFactory


class TalentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentProfile

    user = factory.SubFactory(TalentUserFactory)
    display_name = factory.Faker("name")
    headline = "Software developer"
    municipality = "167"  # Joensuu
    visibility = TalentProfile.Visibility.VISIBLE


class ProfileSkillFactory(factory.django.DjangoModelFactory):
    """A skill of the starter taxonomy, by its English label."""

    class Meta:
        model = ProfileSkill

    class Params:
        label = "Python (computer programming)"

    profile = factory.SubFactory(TalentProfileFactory)
    skill = factory.LazyAttribute(lambda o: Skill.objects.get(label_en=o.label))
    level = ProfileSkill.Level.ADVANCED


class ProfileLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileLanguage

    profile = factory.SubFactory(TalentProfileFactory)
    language = "fi"
    level = ProfileLanguage.Level.B1
