"""An enterprise's own openings: the dashboard, the editor and each lifecycle action."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.selectors import Role
from core.pagecache import private_page
from enterprises.models import Enterprise
from esco.selectors import occupation_search, skill_search

from . import forms, services
from .models import Opening, OpeningLanguage, OpeningSkill
from .selectors import suggested_talents
from .services.applications import apply_invitation_send

# The order a busy team reads its openings in: what waits on staff, what is live, then the rest.
DASHBOARD_ORDER = [
    Opening.Status.SUBMITTED,
    Opening.Status.PUBLISHED,
    Opening.Status.DRAFT,
    Opening.Status.REJECTED,
    Opening.Status.CLOSED,
    Opening.Status.EXPIRED,
]
SUGGESTIONS_PAGE_SIZE = 20
REQUIREMENT_MODELS = {"skill": OpeningSkill, "language": OpeningLanguage}


def team_only(view):
    """Members of the enterprise only; anyone else gets 404, as if it did not exist."""

    @role_required(Role.ENTERPRISE)
    @wraps(view)
    def wrapper(request, enterprise_pk, *args, **kwargs):
        enterprise = get_object_or_404(Enterprise.objects.of_member(request.user), pk=enterprise_pk)
        return view(request, enterprise, *args, **kwargs)

    return wrapper


def _opening(enterprise, pk) -> Opening:
    return get_object_or_404(
        enterprise.openings.select_related("enterprise", "occupation", "contact"), pk=pk
    )


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@team_only
def dashboard(request, enterprise):
    openings = list(
        enterprise.openings.select_related("occupation")
        .annotate(applicant_count=Count("applications"))
        .order_by("-updated_at", "-pk")
    )
    counts = dict(
        enterprise.openings.values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    groups = [
        (status, [o for o in openings if o.status == status], counts.get(status, 0))
        for status in DASHBOARD_ORDER
    ]
    return render(
        request,
        "enterprises/openings/dashboard.html",
        {"enterprise": enterprise, "groups": groups, "total": len(openings)},
    )


@team_only
def create(request, enterprise):
    form = forms.OpeningForm(
        request.POST or None, enterprise=enterprise, initial={"contact": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        opening = services.opening_create(
            enterprise=enterprise, actor=request.user, data=form.cleaned_data
        )
        messages.success(request, _("Draft saved. Next, add the skills and languages it needs."))
        return redirect("company_openings:requirements", enterprise.pk, opening.pk)
    return render(
        request,
        "enterprises/openings/form.html",
        {"enterprise": enterprise, "form": form, "opening": None},
    )


@team_only
def edit(request, enterprise, pk):
    opening = _opening(enterprise, pk)
    form = forms.OpeningForm(request.POST or None, instance=opening, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        was = opening.status
        try:
            opening = services.opening_update(
                opening_id=opening.pk,
                actor=request.user,
                changes={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            # On the form, with what was typed: nothing is lost.
            form.add_error(None, error)
        else:
            if was == Opening.Status.PUBLISHED and opening.status == Opening.Status.SUBMITTED:
                messages.warning(
                    request,
                    _("Saved. The changes go to staff review; the opening is hidden until then."),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("company_openings:dashboard", enterprise.pk)
    return render(
        request,
        "enterprises/openings/form.html",
        {"enterprise": enterprise, "form": form, "opening": opening},
    )


@team_only
def requirements(request, enterprise, pk):
    """Skills, occupation and languages: search and add one at a time, without JavaScript."""
    opening = _opening(enterprise, pk)
    action = request.POST.get("action")
    bound = {
        "skill": forms.SkillRequirementForm,
        "occupation": forms.OccupationChoiceForm,
        "language": forms.LanguageRequirementForm,
    }
    form = bound[action](request.POST) if request.method == "POST" and action in bound else None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "skill":
                services.opening_skill_set(opening_id=opening.pk, actor=request.user, **data)
            elif action == "language":
                services.opening_language_set(opening_id=opening.pk, actor=request.user, **data)
            else:
                services.opening_update(opening_id=opening.pk, actor=request.user, changes=data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Saved."))
        return redirect(request.get_full_path())
    if form is not None and action != "language":
        # Hidden fields only (a skill or occupation that no longer exists): say so.
        messages.error(request, _("That choice is no longer available; search again."))
    search = forms.SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "enterprises/openings/requirements.html",
        {
            "enterprise": enterprise,
            "opening": opening,
            "skills": opening.skills.select_related("skill"),
            "languages": opening.languages.all(),
            "search_form": search,
            "skill_results": skill_search(query),
            "occupation_results": occupation_search(query)[:10] if query else [],
            "skill_form": forms.SkillRequirementForm(),
            "language_form": form if action == "language" else forms.LanguageRequirementForm(),
        },
    )


@team_only
@require_POST
def requirement_delete(request, enterprise, pk, kind, item):
    opening = _opening(enterprise, pk)
    if kind not in REQUIREMENT_MODELS:
        raise Http404
    try:
        removed = services.opening_requirement_delete(
            opening_id=opening.pk, actor=request.user, model=REQUIREMENT_MODELS[kind], pk=item
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        if not removed:
            raise Http404
        messages.success(request, _("Removed."))
    return redirect("company_openings:requirements", enterprise.pk, opening.pk)


@team_only
def submit(request, enterprise, pk):
    """Show the checks before staff see the opening; the enterprise may submit with warnings."""
    opening = _opening(enterprise, pk)
    if request.method == "POST":
        try:
            services.opening_submit(opening_id=opening.pk, actor=request.user)
        except ValidationError as error:
            _refused(request, error)
            return redirect("company_openings:submit", enterprise.pk, opening.pk)
        messages.success(request, _("Submitted. Staff usually review openings within two days."))
        return redirect("company_openings:dashboard", enterprise.pk)
    return render(
        request,
        "enterprises/openings/submit.html",
        {
            "enterprise": enterprise,
            "opening": opening,
            "problems": services.submission_problems(opening),
            "warnings": services.quality_warnings(opening),
            "can_submit": opening.status in (Opening.Status.DRAFT, Opening.Status.REJECTED),
        },
    )


@team_only
def close(request, enterprise, pk):
    opening = _opening(enterprise, pk)
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.opening_close(
                opening_id=opening.pk, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("The opening is closed and no longer shown to talents."))
        return redirect("company_openings:dashboard", enterprise.pk)
    return render(
        request,
        "enterprises/openings/close.html",
        {"enterprise": enterprise, "opening": opening, "form": form},
    )


@team_only
@require_POST
def repost(request, enterprise, pk):
    opening = _opening(enterprise, pk)
    try:
        copy = services.opening_repost(opening_id=opening.pk, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("company_openings:dashboard", enterprise.pk)
    messages.success(request, _("A new draft is ready: set its dates and submit it for review."))
    return redirect("company_openings:edit", enterprise.pk, copy.pk)


@team_only
def delete(request, enterprise, pk):
    opening = _opening(enterprise, pk)
    if request.method == "POST":
        try:
            services.opening_delete_draft(opening_id=opening.pk)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Draft deleted."))
        return redirect("company_openings:dashboard", enterprise.pk)
    return render(
        request, "enterprises/openings/delete.html", {"enterprise": enterprise, "opening": opening}
    )


@private_page
@team_only
def suggestions(request, enterprise, pk):
    """The talents the engine suggests for a published opening, best first."""
    opening = _opening(enterprise, pk)
    talents = suggested_talents(viewer=request.user, opening=opening)
    page = Paginator(talents, SUGGESTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "enterprises/openings/suggestions.html",
        {"enterprise": enterprise, "opening": opening, "page": page, "profiles": page.object_list},
    )


@team_only
@require_POST
def invite_to_apply(request, enterprise, pk, profile_pk):
    opening = _opening(enterprise, pk)
    try:
        apply_invitation_send(opening_id=opening.pk, profile_id=profile_pk, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Invitation sent. The talent decides whether to apply."))
    page = reverse("company_openings:suggestions", args=[enterprise.pk, pk])
    return redirect(f"{page}#talent-{profile_pk}")
