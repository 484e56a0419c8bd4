"""Abstract models the apps share: the shape of an event log and of a message thread."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusEvent(models.Model):
    """Append-only record of one status change: who made it (None: a scheduled task), when,
    and the note that went with it. Subclasses add the object and the status fields."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]


class ThreadMessage(models.Model):
    """One message in a conversation between a talent and an enterprise's team."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
