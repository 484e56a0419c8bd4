from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ThreadMessage
from esco.models import Occupation, Skill

from .querysets import TalentProfileQuerySet
from .storage import private_storage


class OpportunityType(models.TextChoices):
    JOB = "job", _("Job")
    INTERNSHIP = "internship", _("Internship")
    JOINT_WORK = "joint_work", _("Joint work period")
    DEVELOPMENT = "development", _("Development period")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship path")


class TalentProfile(models.Model):
    class Visibility(models.TextChoices):
        HIDDEN = "hidden", _("Hidden (only staff)")
        ANONYMOUS = "anonymous", _("Anonymous to verified enterprises")
        VISIBLE = "visible", _("Visible to verified enterprises")

    class WorkTime(models.TextChoices):
        FULL_TIME = "full_time", _("Full-time")
        PART_TIME = "part_time", _("Part-time")
        EITHER = "either", _("Full-time or part-time")

    class RightToWork(models.TextChoices):
        UNSPECIFIED = "", _("Not stated")
        EU = "eu", _("EU/EEA or Nordic citizen: no permit needed")
        PERMIT = "permit", _("Residence permit that allows work")
        PERMIT_LIMITED = "permit_limited", _("Residence permit with limited right to work")
        PENDING = "pending", _("Permit application in progress")
        NEEDS_PERMIT = "needs_permit", _("Would need a work permit")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="talent_profile"
    )
    display_name = models.CharField(_("display name"), max_length=120)
    headline = models.CharField(
        _("headline"),
        max_length=200,
        blank=True,
        help_text=_("One line employers read first, e.g. “Python developer, 5 years in fintech”."),
    )
    about = models.TextField(_("about"), blank=True, max_length=3000)
    municipality = models.CharField(
        _("municipality"),
        max_length=3,
        blank=True,
        db_index=True,
        help_text=_("Where in Finland you live."),
    )
    country = models.CharField(
        _("country of residence"),
        max_length=2,
        blank=True,
        help_text=_("Only if you live outside Finland."),
    )
    willing_to_relocate = models.BooleanField(
        _("willing to relocate within Finland"), default=False
    )
    photo = models.FileField(_("photo"), storage=private_storage, blank=True)
    photo_thumbnail = models.FileField(storage=private_storage, blank=True)
    cv = models.FileField(_("CV"), storage=private_storage, blank=True)
    cv_filename = models.CharField(max_length=200, blank=True)
    occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("occupations of interest")
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    work_time = models.CharField(
        _("working time"), max_length=20, choices=WorkTime.choices, blank=True
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    # Private: only the talent, staff, and enterprises the talent has applied to see it.
    right_to_work = models.CharField(
        _("right to work in Finland"), max_length=20, choices=RightToWork.choices, blank=True
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.HIDDEN,
        db_index=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TalentProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        ordering = ["display_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__isnull=True)
                | models.Q(hours_per_week__gte=1, hours_per_week__lte=60),
                name="profiles_hours_per_week_range",
            )
        ]

    def __str__(self):
        return self.display_name


def level_within(levels: type[models.IntegerChoices], name: str) -> models.CheckConstraint:
    """The database refuses a level off the scale: the match engine reads 0 as "not held"."""
    return models.CheckConstraint(
        condition=models.Q(level__gte=min(levels.values), level__lte=max(levels.values)),
        name=name,
    )


class SkillLevel(models.IntegerChoices):
    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    EXPERT = 4, _("Expert")


class LanguageLevel(models.IntegerChoices):
    # Ordered, so "at least B2" is a simple comparison.
    A1 = 1, _("A1 – beginner")
    A2 = 2, _("A2 – elementary")
    B1 = 3, _("B1 – intermediate")
    B2 = 4, _("B2 – upper intermediate")
    C1 = 5, _("C1 – advanced")
    C2 = 6, _("C2 – proficient")
    NATIVE = 7, _("Native")


class ProfileSkill(models.Model):
    Level = SkillLevel

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("proficiency"), choices=Level.choices, default=Level.INTERMEDIATE
    )

    class Meta:
        ordering = ["-level", "skill__label_en"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "skill"], name="profiles_skill_once"),
            level_within(SkillLevel, "profiles_skill_level"),
        ]

    def __str__(self):
        return f"{self.skill} ({self.get_level_display()})"


class ProfileLanguage(models.Model):
    Level = LanguageLevel

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=3)  # ISO 639-1, or 639-3 without one
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    class Meta:
        ordering = ["-level", "language"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "language"], name="profiles_language_once"),
            level_within(LanguageLevel, "profiles_language_level"),
        ]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


class Education(models.Model):
    class Level(models.TextChoices):
        BASIC = "basic", _("Basic education")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary (general)")
        VOCATIONAL = "vocational", _("Vocational qualification")
        BACHELOR = "bachelor", _("Bachelor’s degree")
        MASTER = "master", _("Master’s degree")
        DOCTORATE = "doctorate", _("Doctorate")
        OTHER = "other", _("Other training")

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    field = models.CharField(_("field of study"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year completed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Leave empty if you are still studying."),
    )

    class Meta:
        ordering = [models.F("year").desc(nulls_first=True), "id"]

    def __str__(self):
        return f"{self.field}, {self.institution}"


class Experience(models.Model):
    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="experience")
    title = models.CharField(_("job title"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty if this is your current job."),
    )
    description = models.TextField(_("what you did"), blank=True, max_length=2000)

    class Meta:
        ordering = [models.F("end_date").desc(nulls_first=True), "-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="profiles_experience_dates_in_order",
            )
        ]

    def __str__(self):
        return f"{self.title}, {self.employer}"


class Opportunity(models.Model):
    """An opportunity type the talent wants; a row each so the pool can filter on it."""

    profile = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="opportunities"
    )
    kind = models.CharField(max_length=20, choices=OpportunityType.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="profiles_opportunity_once")
        ]

    def __str__(self):
        return self.get_kind_display()


class ContactRequest(models.Model):
    """An enterprise asks an anonymous talent to reveal who they are; the talent decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the talent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    profile = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="contact_requests"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="contact_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(
        _("message"),
        max_length=1000,
        blank=True,
        help_text=_("Why you would like to get in touch, e.g. the opening you have in mind."),
    )
    opening = models.ForeignKey(
        "matching.Opening",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about the opening"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "enterprise"], name="profiles_one_contact_request_per_enterprise"
            )
        ]

    def __str__(self):
        return f"{self.enterprise} → {self.profile} ({self.status})"


class EnterpriseBlock(models.Model):
    """A talent no longer wants to hear from an enterprise: it cannot find or contact them."""

    profile = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="blocks")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "enterprise"], name="profiles_block_once")
        ]

    def __str__(self):
        return f"{self.profile} ✕ {self.enterprise}"


class ContactMessage(ThreadMessage):
    """The thread between the talent and the enterprise's team, once the talent accepted."""

    contact_request = models.ForeignKey(
        ContactRequest, on_delete=models.CASCADE, related_name="messages"
    )

    class Meta(ThreadMessage.Meta):
        pass

    def __str__(self):
        return f"{self.contact_request_id}: {self.body[:40]}"
