"""The privacy notice's published versions, and the consents people give under them.

Each saved change of the privacy page's text is a new `NoticeVersion` (privacy.services
`notice_sync`): a consent names the exact text the person was shown. A `Consent` row is one
decision, never edited: the current choice is the latest row per purpose, the older rows are
the proof of what was agreed when. They outlive the account (which stays as a nameless stub).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    SHOWN_TO_COMPANIES = "shown_to_companies", _("Verified companies may find my profile")
    MATCH_MAIL = "match_mail", _("Email me new openings that match my profile")


class NoticeVersion(models.Model):
    number = models.PositiveIntegerField(_("version"), unique=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    body_en = models.TextField(_("text (English)"))
    body_fi = models.TextField(_("text (Finnish)"), blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("privacy:notice_version", args=[self.number])


class Consent(models.Model):
    class Source(models.TextChoices):
        SIGNUP = "signup", _("Sign-up")
        CHOICES = "choices", _("Privacy choices page")
        PROFILE = "profile", _("Profile visibility")
        MAIL_SETTINGS = "mail_settings", _("Email settings")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribe link")
        DELETION = "deletion", _("Account deleted")

    # SET_NULL: an administrator removing an account outright must not take the proof with it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="consents",
        verbose_name=_("person"),
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    granted = models.BooleanField(_("given"))
    notice = models.ForeignKey(
        NoticeVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("privacy notice version"),
    )
    source = models.CharField(_("where"), max_length=20, choices=Source.choices)
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"], name="consent_latest")]

    def __str__(self):
        state = _("given") if self.granted else _("withdrawn")
        return f"{self.get_purpose_display()}: {state}"
