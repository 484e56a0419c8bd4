"""The outbox: one row per notification, written in the transaction of the event behind it.

A row is the durable promise that a person hears of something. It is shown in their
notification centre and, as their preferences say, mailed at once, gathered into a digest,
or not mailed at all. What the mail and the centre say is rendered from `context`, a snapshot
taken when the event happened, in the language of the reader at the time they read it.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    """What a person can tune; ACCOUNT is transactional and always mailed at once."""

    MATCHES = "matches", _("New openings that match my profile")
    APPLICATIONS = "applications", _("Applications")
    MESSAGES = "messages", _("Messages")
    OPENINGS = "openings", _("My company’s openings")
    PLACEMENTS = "placements", _("Cooperation periods and jobs in progress")
    ACCOUNT = "account", _("Account and company verification")


class Frequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("Immediately")
    DAILY = "daily", _("In a daily digest")
    WEEKLY = "weekly", _("In a weekly digest")
    OFF = "off", pgettext_lazy("mail", "Not by email")


DIGESTS = (Frequency.DAILY, Frequency.WEEKLY)
# What a person may switch off; account mail always goes.
TUNABLE = frozenset(Category.values) - {Category.ACCOUNT}


class NotificationQuerySet(models.QuerySet):
    def for_reader(self, user):
        """What a person sees in their centre: their own rows, not the digests that carried
        some of them."""
        return self.filter(recipient=user).exclude(kind="digest")

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # Shown in the centre only: the person turned this mail off, or has no address.
        SKIPPED = "skipped", _("Not mailed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # For someone without an account yet (a team invitation): the address and its language.
    email = models.EmailField(blank=True)
    language = models.CharField(max_length=8, blank=True)
    kind = models.CharField(max_length=40, db_index=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    # One row per recipient and key: the same event noticed twice notifies once.
    key = models.CharField(max_length=120)
    # Rows written by one call share a batch, which the task after the commit delivers.
    batch = models.UUIDField(db_index=True)
    url = models.CharField(max_length=300, blank=True)
    context = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField()
    # When a task was last given the row: the relay hands it out again only long after.
    queued_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The digest mail that carried this row, when it went in one.
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=Q(recipient__isnull=False),
                name="notification_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["email", "key"],
                condition=Q(recipient__isnull=True),
                name="notification_once_per_address",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notification_has_recipient",
            ),
        ]
        indexes = [
            # The relay's and the digest's scans: due rows by status and time.
            models.Index(fields=["status", "frequency", "next_attempt_at"], name="notif_due"),
            # A person's centre and unread count.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_centre"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.recipient_id or self.email} ({self.status})"


def _frequency(label) -> models.CharField:
    return models.CharField(
        label, max_length=12, choices=Frequency.choices, default=Frequency.IMMEDIATELY
    )


class Preferences(models.Model):
    """How a person wants each category mailed; no row means the defaults below."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    matches = _frequency(_("new openings that match my profile"))
    match_threshold = models.PositiveSmallIntegerField(
        _("tell me about openings that match at least"),
        default=60,
        validators=[MinValueValidator(20), MaxValueValidator(100)],
        help_text=_("A match score from 20 to 100 %. Higher means fewer, closer matches."),
    )
    applications = _frequency(_("applications"))
    messages = _frequency(_("messages"))
    openings = _frequency(_("my company’s openings"))
    placements = _frequency(_("cooperation periods and jobs in progress"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.CheckConstraint(
                condition=Q(match_threshold__gte=20, match_threshold__lte=100),
                name="match_threshold_range",
            )
        ]

    def __str__(self):
        return str(self.user)

    def frequency(self, category: str) -> str:
        if category == Category.ACCOUNT:
            return Frequency.IMMEDIATELY
        return getattr(self, category)
