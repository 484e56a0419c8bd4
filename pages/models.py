"""Content pages, and the feedback channel the accessibility statement promises.

The site's content (about, for talents, for companies, privacy, accessibility, the toolkit and
its guides) is a `Page` row, not a template, so the city's staff edit it in the admin without
a deploy. Each page holds its text in English and Finnish; a Finnish field left empty falls
back to English, marked `lang="en"` so a screen reader pronounces it right.

Bodies are Markdown, rendered by `pages.markdown` with raw HTML switched off: staff write
headings, lists and links, and cannot add markup or script to the page. The known pages
have fixed slugs, because code links to them by URL name; staff may add guides of their own.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MARKDOWN_HELP = _(
    "Markdown: a line starting with ## is a heading, - starts a list item, **bold**, "
    "[link text](https://example.fi). HTML is shown as text, not as markup."
)


class KnownPage(models.TextChoices):
    """The site's own pages: each has a URL name (`pages:<slug with _>`) that code links to."""

    ABOUT = "about", _("About TalentHub")
    FOR_TALENTS = "for-talents", _("For talents")
    FOR_COMPANIES = "for-companies", _("For companies")
    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    TOOLKIT = "toolkit", _("Internationalisation toolkit")


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Everyone sees published pages; staff who may view pages preview the others too."""
        if user.is_staff and user.has_perm("pages.view_page"):
            return self
        return self.published()

    def guides(self):
        return self.filter(kind=Page.Kind.GUIDE).order_by("position", "title_en")


class Page(models.Model):
    class Kind(models.TextChoices):
        PAGE = "page", _("Site page")
        GUIDE = "guide", _("Toolkit guide")

    slug = models.SlugField(
        _("address name"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page’s address. A guide’s may be chosen freely."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GUIDE)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Guides are listed in this order, lowest first.")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_fi = models.CharField(_("title (Finnish)"), max_length=200, blank=True)
    summary_en = models.CharField(
        _("summary (English)"),
        max_length=300,
        help_text=_("One or two sentences for search engines and the toolkit’s cards."),
    )
    summary_fi = models.CharField(_("summary (Finnish)"), max_length=300, blank=True)
    body_en = models.TextField(_("text (English)"), help_text=MARKDOWN_HELP)
    body_fi = models.TextField(
        _("text (Finnish)"), blank=True, help_text=_("Left empty, the English text is shown.")
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
        ordering = ["kind", "position", "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="page") | Q(slug__in=KnownPage.values),
                name="pages_page_known_slug",
                violation_error_message=_(
                    "A site page must have the address name of a known page."
                ),
            ),
        ]

    def __str__(self):
        return self.title_en

    def get_absolute_url(self):
        if self.kind == self.Kind.GUIDE:
            return reverse("pages:guide", args=[self.slug])
        return reverse(f"pages:{self.slug.replace('-', '_')}")


# The Act on the Provision of Digital Services (306/2019) gives two weeks to answer.
ANSWER_WITHIN = timedelta(days=14)


class AccessibilityFeedback(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("message"))
    # The sender's language: the acknowledgement and the answer are mailed in it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    received_at = models.DateTimeField(_("received"))
    due_on = models.DateField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        indexes = [models.Index(fields=["status", "due_on"], name="pages_feedback_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", answered_at__isnull=True)
                | (Q(status="answered", answered_at__isnull=False) & ~Q(answer="")),
                name="pages_feedback_answered_with_answer",
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.received_at:%Y-%m-%d})"
