from django.db import models
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise


class OpeningQuerySet(models.QuerySet):
    def published(self):
        """What anyone may see: published openings of verified enterprises."""
        return self.filter(
            status=Opening.Status.PUBLISHED, enterprise__status=Enterprise.Status.VERIFIED
        )


class Opening(models.Model):
    class Kind(models.TextChoices):
        JOB = "job", _("Job")
        INTERNSHIP = "internship", _("Internship")
        JOINT_WORK = "joint_work", _("Joint work period")
        DEVELOPMENT = "development", _("Development period")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="openings")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"))
    municipality = models.CharField(_("municipality"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

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
        ]

    def __str__(self):
        return self.title
