from .models import Enterprise, Membership


def enterprises_of(user):
    return Enterprise.objects.filter(membership__user=user).order_by("name")


def is_verified_member(user) -> bool:
    """Whether the person belongs to at least one verified enterprise."""
    return Membership.objects.filter(
        user=user, enterprise__status=Enterprise.Status.VERIFIED
    ).exists()
