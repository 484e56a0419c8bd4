"""Support organisations (advisory services, schools, authorities) and the referrals staff
make to them on behalf of talents and enterprises."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.translated import Text, in_language
from profiles.reference import language_choices


class Service(models.TextChoices):
    """What an organisation helps with. Other apps link to the directory by these codes
    (`/organisations/?service=entrepreneurship`): keep them stable."""

    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship and business advice")
    FUNDING = "funding", _("Start-up grant and funding")
    RECRUITMENT = "recruitment", _("Recruitment")
    INTERNSHIPS = "internships", _("Internships")
    WORK_PERMITS = "work_permits", _("Work and residence permits")
    LANGUAGE_COURSES = "language_courses", _("Language courses")
    EDUCATION = "education", _("Education")
    INTEGRATION = "integration", _("Settling in and integration services")
    NETWORKING = "networking", _("Networking")


# Paths of the app's own pages, which an organisation's address must not hide.
RESERVED_SLUGS = frozenset({"entrepreneurship", "my-requests"})


def validate_slug_free(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is taken by a page of the site."), code="reserved")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def offering(self, services):
        """Organisations that offer any of the services (codes)."""
        return self.filter(
            Exists(
                OrganisationService.objects.filter(
                    organisation=OuterRef("pk"), service__in=list(services)
                )
            )
        )

    def serving_in(self, language: str):
        return self.filter(
            Exists(
                OrganisationLanguage.objects.filter(organisation=OuterRef("pk"), language=language)
            )
        )


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("address name"), max_length=80, unique=True, validators=[validate_slug_free]
    )
    description_en = models.TextField(_("description in English"), max_length=1000)
    description_fi = models.TextField(
        _("description in Finnish"),
        max_length=1000,
        blank=True,
        help_text=_("Shown to Finnish readers; the English text is shown when this is empty."),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(
        _("street address"),
        max_length=200,
        blank=True,
        help_text=_("Where people can visit, e.g. “Länsikatu 15, 80110 Joensuu”."),
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=3,
        blank=True,
        db_index=True,
        help_text=_("Statistics Finland code, e.g. 167 for Joensuu."),
    )
    # Organisations are hidden rather than deleted: referrals keep pointing at them.
    is_active = models.BooleanField(_("shown in the directory"), default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def description(self) -> Text:
        """The description in the reader's language, English when there is no Finnish text."""
        return in_language(self, "description")


class OrganisationService(models.Model):
    """A service an organisation offers; a row each so the directory can filter on it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["service"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service"], name="organisations_service_once"
            )
        ]
        # The path page and the directory look organisations up by service.
        indexes = [models.Index(fields=["service", "organisation"], name="org_service_lookup")]

    def __str__(self):
        return self.get_service_display()


class OrganisationLanguage(models.Model):
    """A language the organisation serves people in (ISO 639-1, as talent profiles)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=3, choices=language_choices)

    class Meta:
        verbose_name = _("language served")
        verbose_name_plural = _("languages served")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "language"], name="organisations_language_once"
            )
        ]
        indexes = [models.Index(fields=["language", "organisation"], name="org_language_lookup")]

    def __str__(self):
        return self.get_language_display()


class ReferralQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Referral.Status.CLOSED)

    def of_talent(self, user):
        """The referrals about a talent, whoever made them."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class Referral(models.Model):
    """A talent or an enterprise put in touch with an organisation, and what came of it."""

    class Source(models.TextChoices):
        TALENT = "talent", _("Talent’s own request")
        STAFF = "staff", _("Recorded by staff")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        REFERRED = "referred", _("Passed on to the organisation")
        CONTACTED = "contacted", _("Contacted by the organisation")
        CLOSED = "closed", _("Closed")

    class Result(models.TextChoices):
        NONE = "", _("Not closed yet")
        STARTED_BUSINESS = "started_business", _("Started a business")
        GOT_ADVICE = "got_advice", _("Got advice")
        EMPLOYED = "employed", _("Employed")
        STUDYING = "studying", _("Started studies or a course")
        NOT_INTERESTED = "not_interested", _("No longer interested")
        OTHER = "other", _("Other")

    profile = models.ForeignKey(
        "profiles.TalentProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("talent"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("enterprise"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("organisation"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    service = models.CharField(
        _("topic"), max_length=20, choices=Service.choices, blank=True, db_index=True
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED
    )
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, blank=True, default=Result.NONE
    )
    result_note = models.TextField(_("note on the result"), max_length=2000, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    referred_at = models.DateTimeField(_("passed on"), null=True, blank=True)
    contacted_at = models.DateTimeField(_("contacted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(profile__isnull=False, enterprise__isnull=True)
                | Q(profile__isnull=True, enterprise__isnull=False),
                name="referral_one_subject",
                violation_error_message=_("Choose either a talent or an enterprise, not both."),
            ),
            # A result says how a referral ended: closed ones have one, open ones none.
            models.CheckConstraint(
                condition=Q(status="closed") & ~Q(result="") | ~Q(status="closed") & Q(result=""),
                name="referral_result_when_closed",
            ),
            # One open referral per subject and organisation: a second one is a duplicate.
            models.UniqueConstraint(
                fields=["profile", "organisation"],
                condition=Q(profile__isnull=False) & ~Q(status="closed"),
                name="referral_open_once_per_talent",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "organisation"],
                condition=Q(enterprise__isnull=False) & ~Q(status="closed"),
                name="referral_open_once_per_enterprise",
            ),
        ]
        indexes = [
            # The staff queue: by status, oldest first.
            models.Index(fields=["status", "created_at"], name="referral_queue"),
            # A talent's own list, newest first.
            models.Index(fields=["profile", "-created_at"], name="referral_of_talent"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.organisation}"

    @property
    def subject(self):
        """The talent or the enterprise the referral is about."""
        return self.profile or self.enterprise
