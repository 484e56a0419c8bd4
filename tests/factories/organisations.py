import factory

from organisations.models import Organisation, OrganisationLanguage, OrganisationService, Referral

from .profiles import TalentProfileFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An active organisation in Joensuu; `services` and `languages` take lists of codes."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Support Service {n}")
    slug = factory.Sequence(lambda n: f"support-service-{n}")
    description_en = "Free advice for international talents."
    description_fi = "Maksutonta neuvontaa kansainvälisille osaajille."
    email = factory.Sequence(lambda n: f"advice{n}@example.com")
    website = "https://example.com"
    municipality = "167"  # Joensuu

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            OrganisationService.objects.bulk_create(
                [OrganisationService(organisation=self, service=code) for code in extracted]
            )

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            OrganisationLanguage.objects.bulk_create(
                [OrganisationLanguage(organisation=self, language=code) for code in extracted]
            )


class ReferralFactory(factory.django.DjangoModelFactory):
    """A talent's own open request."""

    class Meta:
        model = Referral

    profile = factory.SubFactory(TalentProfileFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    source = Referral.Source.TALENT
    message = "I would like to start a bakery."
