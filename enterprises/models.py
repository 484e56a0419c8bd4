from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.storage import private_storage

from .validators import validate_business_id


class Industry(models.TextChoices):
    """Main sections of the Finnish TOL 2008 classification (identical to NACE Rev. 2)."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply; sewerage, waste management and remediation")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (the section's letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations and bodies")


class SizeClass(models.TextChoices):
    """The EU SME definition (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro: fewer than 10 people, turnover up to €2 million")
    SMALL = "small", _("Small: fewer than 50 people, turnover up to €10 million")
    MEDIUM = "medium", _("Medium: fewer than 250 people, turnover up to €50 million")
    LARGE = "large", _("Large: 250 people or more")


class EnterpriseQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Enterprise.Status.VERIFIED)

    def of_member(self, user):
        """The enterprises a person belongs to; none for anonymous visitors."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(membership__user=user)


class Enterprise(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=200)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        unique=True,
        validators=[validate_business_id],
        help_text=_("Y-tunnus, e.g. 1234567-1. Find it at ytj.fi."),
    )
    industry = models.CharField(_("industry"), max_length=1, choices=Industry.choices, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=SizeClass.choices, blank=True)
    municipality = models.CharField(_("municipality"), max_length=3, blank=True, db_index=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    logo = models.FileField(_("logo"), storage=private_storage, blank=True)
    # Internationalisation goals: what a talent could help the company with.
    target_markets = models.JSONField(
        _("target markets"), default=list, blank=True, help_text=_("ISO 3166 country codes.")
    )
    languages_needed = models.JSONField(
        _("languages needed"), default=list, blank=True, help_text=_("ISO 639-1 codes.")
    )
    goals = models.TextField(
        _("what a talent could help with"),
        blank=True,
        max_length=3000,
        help_text=_("For example: entering the German market, customer service in Russian."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True, max_length=2000)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="enterprises"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MEMBER = "member", _("Member")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "user"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class Invitation(models.Model):
    """An owner's invitation to join the team, accepted through a signed, expiring link."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and enterprise; inviting again renews it.
            models.UniqueConstraint(
                fields=["enterprise", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="unique_open_invitation",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.enterprise}"
