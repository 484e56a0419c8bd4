"""Who on the staff looked at whose personal data, and when.

Rows are only ever added (`audit.services.access_record`); the admin shows them read-only and
offers no way to change or delete one. Both people are kept as links that become empty when an
account is deleted, so the record of the access outlives the data it was about.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLog(models.Model):
    class Action(models.TextChoices):
        PROFILE = "profile", _("Viewed a talent’s profile")
        CV = "cv", _("Downloaded a CV")
        PHOTO = "photo", _("Opened a talent’s photo")
        ADMIN = "admin", _("Opened personal data in the admin")
        EXPORT = "export", _("Exported personal data")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("whose data"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # What was opened, as "app_label.model:pk": enough to tell which record, no copy of it.
    target = models.CharField(_("record"), max_length=100)
    path = models.CharField(_("address"), max_length=300)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        # Viewing is the only right there is: nobody may add, change or delete entries by hand.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["subject", "at"], name="accesslog_subject_at"),
            models.Index(fields=["actor", "at"], name="accesslog_actor_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.target}"
