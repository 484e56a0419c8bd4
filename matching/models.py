from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from esco.models import Occupation, Skill
from profiles.models import OpportunityType, ProfileLanguage, ProfileSkill

from .querysets import OpeningQuerySet

# Openings are the four ways an SME offers work; the entrepreneurship path has no employer.
KINDS = [(value, label) for value, label in OpportunityType.choices if value != "entrepreneurship"]
# The programme's cooperation periods: they have a duration.
PERIOD_KINDS = frozenset(
    {OpportunityType.INTERNSHIP, OpportunityType.JOINT_WORK, OpportunityType.DEVELOPMENT}
)


class Opening(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class WorkMode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        HYBRID = "hybrid", _("Hybrid")
        REMOTE = "remote", _("Remote")

    class CloseReason(models.TextChoices):
        FILLED = "filled", _("Filled")
        CANCELLED = "cancelled", _("Cancelled")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="openings")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=KINDS, db_index=True)
    description = models.TextField(_("description"), max_length=5000)
    tasks = models.TextField(_("what the talent will do"), blank=True, max_length=5000)
    offer = models.TextField(_("what we offer"), blank=True, max_length=5000)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation"),
    )
    finnish_not_required = models.BooleanField(_("Finnish not required"), default=False)
    municipality = models.CharField(_("municipality"), max_length=3, blank=True, db_index=True)
    work_mode = models.CharField(
        _("where the work is done"),
        max_length=10,
        choices=WorkMode.choices,
        default=WorkMode.ON_SITE,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    paid = models.BooleanField(_("paid"), default=True)
    salary_min = models.PositiveIntegerField(_("salary from (€ per month)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary up to (€ per month)"), null=True, blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True, db_index=True)
    positions = models.PositiveSmallIntegerField(
        _("number of positions"), default=1, validators=[MinValueValidator(1)]
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Stored at submission as QualityWarning.as_dict() rows; shown to the enterprise and staff.
    quality_warnings = models.JSONField(_("quality warnings"), default=list, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    close_reason = models.CharField(
        _("closed because"), max_length=20, choices=CloseReason.choices, blank=True
    )
    reposted_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpeningQuerySet.as_manager()

    class Meta:
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="opening_status_published")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="opening_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="opening_salary_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # Staff reach the page from the admin ("View on site") to review it as talents see it.
        return reverse("openings:detail", args=[self.pk])

    @property
    def is_period(self) -> bool:
        return self.kind in PERIOD_KINDS


class OpeningSkill(models.Model):
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    essential = models.BooleanField(_("essential"), default=True)
    level = models.PositiveSmallIntegerField(
        _("level"), choices=ProfileSkill.Level.choices, default=ProfileSkill.Level.INTERMEDIATE
    )

    class Meta:
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        ordering = ["-essential", "skill__label_en"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "skill"], name="unique_opening_skill"),
        ]

    def __str__(self):
        return str(self.skill)


class OpeningLanguage(models.Model):
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3)
    level = models.PositiveSmallIntegerField(
        _("minimum level"), choices=ProfileLanguage.Level.choices
    )

    class Meta:
        verbose_name = _("required language")
        verbose_name_plural = _("required languages")
        ordering = ["-level", "language"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "language"], name="unique_opening_language"),
        ]

    def __str__(self):
        return f"{self.language} {self.get_level_display()}"


class OpeningEvent(models.Model):
    """Append-only record of every status change: who moved the opening, when, and why."""

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Opening.Status.choices)
    to_status = models.CharField(max_length=20, choices=Opening.Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.opening_id}: {self.from_status} → {self.to_status}"
