"""The public opening browser: the list with filters, and an opening's page."""

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .selectors import opening_for_viewer, opening_job_posting, opening_list

PAGE_SIZE = 20
# Parameters that are not filters: the page number and the sort order.
NOT_FILTERS = {"page", "sort"}
# As django.utils.html.json_script: no "</script>" or "<!--" can end the element early.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json"> element (json_script's type is fixed)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped just above)


def browse(request):
    """Published openings, for anyone, filtered, searched and sorted from the query string."""
    filterset, openings = opening_list(params=request.GET)
    page = Paginator(openings, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(value for key, value in request.GET.items() if key not in NOT_FILTERS)
    return render(
        request,
        "matching/list.html",
        {"filter": filterset, "page": page, "openings": page.object_list, "filtered": filtered},
    )


def detail(request, pk):
    """An opening's page: public when published, a preview for its enterprise and staff."""
    opening = opening_for_viewer(viewer=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("openings:detail", args=[opening.pk]))
    job_posting = opening_job_posting(opening, url=url)
    skills = opening.skills.all()
    return render(
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
