import factory
from django.utils import timezone

from matching.models import Opening

from .enterprises import EnterpriseFactory


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    enterprise = factory.SubFactory(EnterpriseFactory)
    title = factory.Sequence(lambda n: f"Opening {n}")
    kind = Opening.Kind.JOB
    description = "Work with us on something real."
    municipality = "Joensuu"
    status = Opening.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
