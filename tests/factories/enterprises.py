import factory

from enterprises.models import Enterprise, Membership

from .accounts import EnterpriseUserFactory


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"Karjalan Yritys {n} Oy")
    business_id = factory.Sequence(lambda n: f"{1000000 + n:07d}-0")
    municipality = "Joensuu"
    status = Enterprise.Status.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    enterprise = factory.SubFactory(EnterpriseFactory)
    user = factory.SubFactory(EnterpriseUserFactory)
    role = Membership.Role.OWNER
