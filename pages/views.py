"""The content pages: one view per page, a Page row each (404 when missing or unpublished,
except for staff previewing), and the accessibility statement's feedback form."""

from allauth.core import ratelimit
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from privacy.selectors import notice_current
from reports.selectors import headline_figures

from . import selectors, services
from .forms import FeedbackForm
from .models import KnownPage, Page
from .selectors import PageText


def _text(request, *, slug: str, kind: str = Page.Kind.PAGE) -> PageText:
    try:
        page = selectors.page_for(slug=slug, kind=kind, viewer=request.user)
    except Page.DoesNotExist:
        raise Http404 from None
    return PageText(page, language=get_language())


def _render(request, template: str, text: PageText, **context):
    return render(request, template, {"page": text.page, "text": text, **context})


@require_safe
def page(request, slug: str):
    """A page with nothing but its text (for talents, for companies)."""
    return _render(request, "pages/page.html", _text(request, slug=slug))


@require_safe
def privacy(request):
    """The privacy notice, with the version in force: the one consents given now refer to."""
    text = _text(request, slug=KnownPage.PRIVACY)
    return _render(request, "pages/privacy.html", text, notice=notice_current())


@require_safe
def about(request):
    """The story in staff's words, then the live figures of what the service achieved."""
    text = _text(request, slug=KnownPage.ABOUT)
    return _render(request, "pages/about.html", text, headline=headline_figures())


@require_safe
def toolkit(request):
    text = _text(request, slug=KnownPage.TOOLKIT)
    language = get_language()
    guides = [
        PageText(guide, language=language) for guide in selectors.guide_list(viewer=request.user)
    ]
    return _render(request, "pages/toolkit.html", text, guides=guides)


@require_safe
def guide(request, slug: str):
    return _render(request, "pages/guide.html", _text(request, slug=slug, kind=Page.Kind.GUIDE))


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility(request):
    """The statement, with the feedback form under it: open to everyone, signed in or not."""
    text = _text(request, slug=KnownPage.ACCESSIBILITY)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Anyone may post, and each post mails the address given: a few a day per address
        # and per network address (ACCOUNT_RATE_LIMITS), then 429.
        limited = ratelimit.consume_or_429(
            request, action="accessibility_feedback", key=form.cleaned_data["email"].lower()
        )
        if limited:
            return limited
        if not form.is_bot():
            data = form.cleaned_data
            services.feedback_submit(
                email=data["email"],
                name=data["name"],
                page_url=data["page_url"],
                message=data["message"],
                language=get_language(),
            )
        # A bot is thanked like anyone: it learns nothing from the answer.
        messages.success(
            request,
            _(
                "Thank you: we received your feedback. We will answer by email within 14 days; "
                "the confirmation is on its way to your inbox."
            ),
        )
        return redirect("pages:accessibility")
    return _render(request, "pages/accessibility.html", text, form=form)
