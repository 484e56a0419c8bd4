"""Reads for a person's notification centre and preferences."""

from django.contrib.auth import get_user_model

from .mail import unsubscribe_read
from .models import Notification, Preferences


def preferences_for(user) -> Preferences:
    """The person's preferences: unsaved defaults when they never changed them."""
    return Preferences.objects.filter(user=user).first() or Preferences(user=user)


def notification_list(user):
    return Notification.objects.for_reader(user).only(
        "pk", "kind", "category", "context", "url", "read_at", "created_at"
    )


def unread_count(user) -> int:
    return Notification.objects.for_reader(user).unread().count()


def unsubscribe_target(*, token: str):
    """The person and category an unsubscribe link names: BadSignature for a forged or
    altered link, User.DoesNotExist when the account is gone."""
    user_id, category = unsubscribe_read(token)
    return get_user_model().objects.get(pk=user_id), category
