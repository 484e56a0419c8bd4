from .models import Enterprise


def enterprises_of(user):
    return Enterprise.objects.filter(membership__user=user).order_by("name")
