import factory

from enterprises.models import Enterprise, Invitation, Membership
from enterprises.validators import business_id_check_digit

from .accounts import EnterpriseUserFactory


def valid_business_id(n: int) -> str:
    """The n-th valid Y-tunnus from 2000000 up (digits whose check is impossible are skipped)."""
    digits = 2_000_000 + n * 2
    while business_id_check_digit(f"{digits:07d}") is None:
        digits += 1
    return f"{digits:07d}-{business_id_check_digit(f'{digits:07d}')}"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"Karjalan Yritys {n} Oy")
    business_id = factory.Sequence(valid_business_id)
    municipality = "167"  # Joensuu
    industry = "J"
    size = "small"
    status = Enterprise.Status.VERIFIED


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    enterprise = factory.SubFactory(EnterpriseFactory)
    user = factory.SubFactory(EnterpriseUserFactory)
    role = Membership.Role.OWNER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    enterprise = factory.SubFactory(EnterpriseFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.com")
    role = Membership.Role.MEMBER
