from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import StatusEvent, ThreadMessage
from enterprises.models import Enterprise, Industry
from enterprises.validators import validate_business_id
from esco.models import Occupation, Skill
from profiles.models import OpportunityType, ProfileLanguage, ProfileSkill, level_within
from profiles.storage import private_storage

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
    # When the matching talents were notified; empty while a published opening awaits that.
    matches_notified_at = models.DateTimeField(null=True, blank=True)
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
            level_within(ProfileSkill.Level, "opening_skill_level"),
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
            level_within(ProfileLanguage.Level, "opening_language_level"),
        ]

    def __str__(self):
        return f"{self.language} {self.get_level_display()}"


class OpeningEvent(StatusEvent):
    """Every status change of an opening: who moved it, when, and why."""

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Opening.Status.choices)
    to_status = models.CharField(max_length=20, choices=Opening.Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.opening_id}: {self.from_status} → {self.to_status}"


class MatchScore(models.Model):
    """How well a talent fits a published opening, 0 to 100, with the reasons.

    Written by the match engine (matching/engine.py) when a profile or an opening changes;
    pages only read these rows. `reasons` holds engine.Reason rows, shown in the viewer's
    language when the page renders them.
    """

    profile = models.ForeignKey(
        "profiles.TalentProfile", on_delete=models.CASCADE, related_name="match_scores"
    )
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="match_scores")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("match score")
        verbose_name_plural = _("match scores")
        constraints = [
            models.UniqueConstraint(fields=["profile", "opening"], name="unique_match_score"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="match_score_range"),
        ]
        indexes = [
            # Best talents for an opening, best openings for a talent: both an index range scan.
            models.Index(fields=["opening", "-score"], name="match_opening_score"),
            models.Index(fields=["profile", "-score"], name="match_profile_score"),
        ]

    def __str__(self):
        return f"{self.profile_id} × {self.opening_id}: {self.score}"


class Dismissal(models.Model):
    """A talent's "not interested" in an opening: it is never recommended to them again."""

    profile = models.ForeignKey(
        "profiles.TalentProfile", on_delete=models.CASCADE, related_name="dismissals"
    )
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "opening"], name="unique_dismissal"),
        ]

    def __str__(self):
        return f"{self.profile_id} ✕ {self.opening_id}"


class ApplicationQuerySet(models.QuerySet):
    def of_talent(self, user):
        """The applications a talent has sent; none for anyone else."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)

    def of_member(self, user):
        """Applications to the openings of the enterprises a person belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(opening__enterprise__membership__user=user)

    def undecided(self):
        return self.filter(status__in=Application.UNDECIDED)


class Application(models.Model):
    """A talent's application to a published opening, moved along the hiring pipeline.

    The CV is a copy made when the talent applied: the enterprise reads what was sent, even if
    the talent later replaces or deletes the CV on their profile. Status changes go through
    matching.services.applications and are recorded as ApplicationEvent rows.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        INTERVIEW = "interview", _("Invited to an interview")
        OFFERED = "offered", _("Offer made")
        ACCEPTED = "accepted", _("Offer accepted")
        DECLINED = "declined", _("Offer declined")
        REJECTED = "rejected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Still open: the talent may withdraw, the enterprise has not decided yet.
    UNDECIDED = (Status.RECEIVED, Status.SHORTLISTED, Status.INTERVIEW)

    profile = models.ForeignKey(
        "profiles.TalentProfile", on_delete=models.CASCADE, related_name="applications"
    )
    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="applications")
    motivation = models.TextField(_("why you are interested"), max_length=2000)
    cv = models.FileField(_("CV"), storage=private_storage, blank=True)
    cv_filename = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.RECEIVED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    # The last status change or message: what "last change" in the lists means.
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "opening"],
                name="unique_application",
                violation_error_message=_("You have already applied to this opening."),
            ),
        ]
        indexes = [
            models.Index(fields=["opening", "status"], name="application_opening_status"),
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.opening_id} ({self.status})"


class ApplicationEvent(StatusEvent):
    """An application's steps: who moved it, when, and the note sent to the talent."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    # Empty for the first event: the talent applied.
    from_status = models.CharField(max_length=20, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("application step")
        verbose_name_plural = _("application steps")

    def __str__(self):
        return f"{self.application_id}: {self.from_status or '–'} → {self.to_status}"


class ApplicationMessage(ThreadMessage):
    """The thread between the applicant and the enterprise's team."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")

    class Meta(ThreadMessage.Meta):
        pass

    def __str__(self):
        return f"{self.application_id}: {self.body[:40]}"


class ApplyInvitation(models.Model):
    """An enterprise asked a suggested talent to apply to an opening; once per pair."""

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="apply_invitations")
    profile = models.ForeignKey(
        "profiles.TalentProfile", on_delete=models.CASCADE, related_name="apply_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        constraints = [
            models.UniqueConstraint(fields=["opening", "profile"], name="unique_apply_invitation"),
        ]

    def __str__(self):
        return f"{self.opening_id} → {self.profile_id}"


# Placements: what an accepted application (or an arrangement staff record) becomes.


class Side(models.TextChoices):
    """The two parties of a placement; staff act in the admin on behalf of either."""

    TALENT = "talent", _("Talent")
    ENTERPRISE = "enterprise", _("Enterprise")


class PlacementQuerySet(models.QuerySet):
    def of_talent(self, user):
        """The talent's own placements; none for anyone else."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)

    def of_member(self, user):
        """Placements at the enterprises a person belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(enterprise__membership__user=user)


class Placement(models.Model):
    """A talent working at an SME: a job, an internship, a joint work or development period.

    Made when a talent accepts an offer (or recorded by staff for an arrangement made outside
    the portal) and moved through matching.services.placements, recorded as PlacementEvent
    rows. `started_on` and `ended_on` are the days it actually started and ended.
    """

    class Status(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        INTERRUPTED = "interrupted", _("Interrupted")

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("enterprise"),
    )
    profile = models.ForeignKey(
        "profiles.TalentProfile",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("talent"),
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("application"),
    )
    opening = models.ForeignKey(
        Opening,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("opening"),
    )
    title = models.CharField(_("role"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=KINDS, db_index=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for an open-ended job.")
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("supervisor"),
    )
    goals = models.TextField(_("goals"), blank=True, max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AGREED, db_index=True
    )
    interruption_reason = models.TextField(
        _("reason for interruption"), blank=True, max_length=2000
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What the daily task has mailed, each once.
    checkin_requested_at = models.DateTimeField(null=True, blank=True)
    outcome_reminder_3_sent_at = models.DateTimeField(null=True, blank=True)
    outcome_reminder_6_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["status", "start_date"], name="placement_status_start"),
            models.Index(fields=["status", "end_date"], name="placement_status_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="placement_end_after_start",
                violation_error_message=_("The end date must be after the start date."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="interrupted") | ~models.Q(interruption_reason=""),
                name="placement_interruption_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.profile_id} @ {self.enterprise_id})"

    @property
    def is_period(self) -> bool:
        return self.kind in PERIOD_KINDS


class PlacementEvent(StatusEvent):
    """A placement's steps: who moved it (None: the daily task), when, and the note (the
    reason for an interruption)."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="events")
    # Empty for the first event: the placement was agreed.
    from_status = models.CharField(max_length=20, choices=Placement.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Placement.Status.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("placement step")
        verbose_name_plural = _("placement steps")

    def __str__(self):
        return f"{self.placement_id}: {self.from_status or '–'} → {self.to_status}"


class CheckIn(models.Model):
    """A side's short note at the mid-point of a period: how is it going?"""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checkins")
    side = models.CharField(
        pgettext_lazy("talent or enterprise", "side"), max_length=20, choices=Side.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("check-in"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="unique_checkin_side"),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.side}: {self.text[:40]}"


class Feedback(models.Model):
    """Each side's rating of a completed placement, once; the other side reads it after
    giving its own."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="feedback")
    side = models.CharField(
        pgettext_lazy("talent or enterprise", "side"), max_length=20, choices=Side.choices
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("a few words"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="unique_feedback_side"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_range"
            ),
        ]

    def __str__(self):
        return f"{self.placement_id} {self.side}: {self.rating}"


class StartUp(models.Model):
    """A company a talent founded: the programme's entrepreneurship path."""

    founder = models.ForeignKey(
        "profiles.TalentProfile",
        on_delete=models.PROTECT,
        related_name="startups",
        verbose_name=_("founder"),
    )
    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 1234567-1, once the company is registered."),
    )
    founded_on = models.DateField(_("founded on"))
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    support_organisation = models.CharField(
        _("organisation that helped"),
        max_length=200,
        blank=True,
        help_text=_("For example a business advisory service or an incubator."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("start-up")
        verbose_name_plural = _("start-ups")
        ordering = ["-founded_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_id"],
                condition=~models.Q(business_id=""),
                name="unique_startup_business_id",
                violation_error_message=_("A start-up with this business ID is already recorded."),
            ),
        ]

    def __str__(self):
        return self.name


class Outcome(models.Model):
    """What the talent did after a placement. Recorded again when it changes: the rows are
    its history, and exactly one per placement is current."""

    class Kind(models.TextChoices):
        EMPLOYED_SAME_SME = "employed_same_sme", _("Employed by the same company")
        EMPLOYED_ELSEWHERE = "employed_elsewhere", _("Employed elsewhere")
        STUDIES = "studies", _("Continued studies")
        STARTUP = "startup", _("Founded a start-up")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Unknown")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=20, choices=Kind.choices, db_index=True)
    startup = models.ForeignKey(
        StartUp,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name=_("start-up"),
    )
    note = models.TextField(_("details"), blank=True, max_length=2000)
    is_current = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement"],
                condition=models.Q(is_current=True),
                name="unique_current_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(startup__isnull=True) | models.Q(kind="startup"),
                name="outcome_startup_only_when_founded",
            ),
        ]

    def __str__(self):
        return f"{self.placement_id}: {self.kind}"
