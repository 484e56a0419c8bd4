from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from matching.models import KINDS

from .assessment import QUESTIONS_BY_NAME, Level


class Assessment(models.Model):
    """A company's answers to the readiness self-assessment, with the result they gave.

    Stored for signed-in company members only, so staff can see readiness across companies.
    The result is kept as it was computed, even if the scoring changes later.
    """

    # Kept (without the company) when the company is deleted: the readiness figures stay.
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="readiness_assessments",
        verbose_name=_("enterprise"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    score = models.PositiveSmallIntegerField(_("score"))
    level = models.CharField(_("readiness"), max_length=20, choices=Level.choices, db_index=True)
    suggested_kind = models.CharField(
        _("suggested type"), max_length=20, choices=KINDS, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.enterprise or '–'}: {self.get_level_display()}"

    def answer_labels(self) -> list[tuple[str, str]]:
        """(question, answer) in the reader's language; answers the questions no longer have
        are shown as stored."""
        rows = []
        for name, value in self.answers.items():
            question = QUESTIONS_BY_NAME.get(name)
            if question is None:
                rows.append((name, value))
                continue
            try:
                rows.append((question.label, question.label_of(value)))
            except ValueError:
                rows.append((question.label, value))
        return rows
