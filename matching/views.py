"""The public opening browser (the list with filters, an opening's page) and a talent's
recommendations."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.selectors import Role
from core.pagecache import public_page
from profiles.services import profile_ensure

from .models import Opening
from .selectors import opening_for_viewer, opening_job_posting, opening_list, recommendations
from .services.scores import opening_dismiss, opening_undismiss

PAGE_SIZE = 20
# Parameters that are not filters: the page number and the sort order.
NOT_FILTERS = {"page", "sort"}
# As django.utils.html.json_script: no "</script>" or "<!--" can end the element early.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> element (json_script's type is fixed)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped just above)


@public_page
def browse(request):
    """Published openings, for anyone, filtered, searched and sorted from the query string."""
    filterset, openings = opening_list(params=request.GET)
    page = Paginator(openings, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(value for key, value in request.GET.items() if key not in NOT_FILTERS)
    return TemplateResponse(
        request,
        "matching/list.html",
        {"filter": filterset, "page": page, "openings": page.object_list, "filtered": filtered},
    )


@public_page
def detail(request, pk):
    """An opening's page: public when published, a preview for its enterprise and staff."""
    opening = opening_for_viewer(viewer=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("openings:detail", args=[opening.pk]))
    job_posting = opening_job_posting(opening, url=url)
    skills = opening.skills.all()
    return TemplateResponse(
        request,
        "matching/detail.html",
        {
            "opening": opening,
            "enterprise": opening.enterprise,
            "essential_skills": [item for item in skills if item.essential],
            "other_skills": [item for item in skills if not item.essential],
            "job_posting": json_ld(job_posting) if job_posting else None,
        },
    )


@role_required(Role.TALENT)
def recommended(request):
    """Openings that fit the talent best, each with the reasons, best first."""
    profile = profile_ensure(user=request.user)
    page = Paginator(recommendations(profile=profile), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "matching/recommended.html",
        {"page": page, "matches": page.object_list, "has_skills": profile.skills.exists()},
    )


@role_required(Role.TALENT)
@require_POST
def dismiss(request, pk):
    """Not interested: the opening leaves the talent's recommendations, with a way back."""
    opening = get_object_or_404(Opening.objects.published(), pk=pk)
    opening_dismiss(profile=profile_ensure(user=request.user), opening_id=opening.pk)
    messages.success(
        request,
        _("“%(title)s” is no longer recommended to you. You can still find it in the list.")
        % {"title": opening.title},
    )
    return redirect("openings:recommended")


@role_required(Role.TALENT)
@require_POST
def undismiss(request, pk):
    opening = get_object_or_404(Opening.objects.published(), pk=pk)
    opening_undismiss(profile=profile_ensure(user=request.user), opening_id=opening.pk)
    messages.success(
        request, _("“%(title)s” can be recommended to you again.") % {"title": opening.title}
    )
    return redirect("openings:detail", opening.pk)
