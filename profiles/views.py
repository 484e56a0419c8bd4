import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.selectors import Role, user_role
from audit.models import AccessLog
from audit.services import access_record
from core.pagecache import private_page
from enterprises.selectors import enterprises_of
from esco.selectors import occupation_search, skill_search
from matching.selectors import recommendation_headlines

from . import forms as profile_forms
from . import services
from .filters import TalentPoolFilter
from .models import (
    ContactRequest,
    Education,
    Experience,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)
from .selectors import (
    blocked_enterprises,
    can_see_right_to_work,
    completeness,
    contact_request_of,
    contact_thread_for,
    contact_thread_of,
    open_contact_requests,
    profile_for_editor,
    profile_for_overview,
    profile_for_viewer,
    talent_pool,
)
from .storage import private_storage

logger = logging.getLogger(__name__)
talent_only = role_required(Role.TALENT)
POOL_PAGE_SIZE = 20
RECOMMENDED_ON_START = 3


def _update(profile, form):
    services.profile_update(profile=profile, changes=form.cleaned_data)


def _add_item(profile, form):
    services.profile_item_add(profile=profile, item=form.instance)


@dataclass(frozen=True)
class Section:
    title: str
    template: str
    form: type[forms.BaseForm]
    # Hands a valid form to the service that writes it.
    save: Callable[[TalentProfile, forms.BaseForm], Any]
    # For sections that list items the talent adds and removes.
    model: type[models.Model] | None = None

    @property
    def edits_profile(self) -> bool:
        """A form over the profile's own fields (not a file, nor an item added to a list)."""
        return self.template == "form"

    @property
    def lists_items(self) -> bool:
        """The talent adds one item after another here (skills, languages, ...)."""
        return self.template not in ("form", "file")


SECTIONS = {
    "basics": Section(gettext_lazy("Introduction"), "form", profile_forms.BasicsForm, _update),
    "preferences": Section(
        gettext_lazy("What you are looking for"), "form", profile_forms.PreferencesForm, _update
    ),
    "visibility": Section(
        gettext_lazy("Who can see you"), "form", profile_forms.VisibilityForm, _update
    ),
    "photo": Section(
        gettext_lazy("Photo"),
        "file",
        profile_forms.PhotoForm,
        lambda profile, form: services.profile_photo_set(profile=profile, photo=form.processed),
    ),
    "cv": Section(
        gettext_lazy("CV"),
        "file",
        profile_forms.CVForm,
        lambda profile, form: services.profile_cv_set(
            profile=profile, upload=form.cleaned_data["cv"]
        ),
    ),
    "skills": Section(
        gettext_lazy("Skills"),
        "skills",
        profile_forms.SkillForm,
        lambda profile, form: services.profile_skill_set(profile=profile, **form.cleaned_data),
        ProfileSkill,
    ),
    "occupations": Section(
        gettext_lazy("Occupations of interest"),
        "occupations",
        profile_forms.OccupationForm,
        lambda profile, form: services.profile_occupation_add(profile=profile, **form.cleaned_data),
    ),
    "languages": Section(
        gettext_lazy("Languages"),
        "items",
        profile_forms.LanguageForm,
        lambda profile, form: services.profile_language_set(profile=profile, **form.cleaned_data),
        ProfileLanguage,
    ),
    "education": Section(
        gettext_lazy("Education"), "items", profile_forms.EducationForm, _add_item, Education
    ),
    "experience": Section(
        gettext_lazy("Work experience"),
        "items",
        profile_forms.ExperienceForm,
        _add_item,
        Experience,
    ),
}


def _section(name: str) -> Section:
    if name not in SECTIONS:
        raise Http404
    return SECTIONS[name]


@private_page
@talent_only
def start(request):
    """The editor's overview: how complete the profile is, and every section."""
    profile = profile_for_overview(request.user)
    if profile is None:  # the talent's first visit
        services.profile_ensure(user=request.user)
        profile = profile_for_overview(request.user)
    contacts = open_contact_requests(profile)
    return TemplateResponse(
        request,
        "profiles/editor.html",
        {
            "profile": profile,
            "completeness": completeness(profile),
            "contact_requests": contacts.pending,
            "accepted_contact_requests": contacts.accepted,
            "blocks": blocked_enterprises(profile),
            "recommended": recommendation_headlines(profile=profile, limit=RECOMMENDED_ON_START),
        },
    )


@talent_only
def section(request, name):
    """One section of the editor, saved on its own."""
    spec = _section(name)
    profile = services.profile_ensure(user=request.user)
    instance = {"instance": profile} if spec.edits_profile else {}
    form = spec.form(request.POST or None, request.FILES or None, **instance)
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(profile, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved: %(section)s.") % {"section": spec.title})
            # Adding items keeps the talent on the section, to add the next one.
            if not spec.lists_items:
                return redirect("profiles:start")
            return redirect("profiles:section", name)
    context = {
        "name": name,
        "section": spec,
        "form": form,
        "profile": profile_for_editor(profile),
        "search_form": profile_forms.SearchForm(request.GET or None),
    }
    search = context["search_form"]
    query = search.cleaned_data["q"] if search.is_valid() else ""
    if name == "skills":
        context["results"] = skill_search(query)
        context["add_form"] = profile_forms.SkillForm()
    elif name == "occupations":
        context["results"] = occupation_search(query)
    return render(request, f"profiles/section_{spec.template}.html", context)


@talent_only
@require_POST
def item_delete(request, name, pk):
    spec = _section(name)
    profile = services.profile_ensure(user=request.user)
    if name == "occupations":
        removed = services.profile_occupation_remove(profile=profile, occupation_id=pk)
    elif spec.model is not None:
        removed = services.profile_item_delete(profile=profile, model=spec.model, pk=pk)
    else:
        raise Http404
    if not removed:
        raise Http404
    messages.success(request, _("Removed."))
    return redirect("profiles:section", name)


@talent_only
@require_POST
def file_delete(request, name):
    profile = services.profile_ensure(user=request.user)
    if name == "photo" and profile.photo:
        services.profile_photo_delete(profile=profile)
    elif name == "cv" and profile.cv:
        services.profile_cv_delete(profile=profile)
    else:
        raise Http404
    messages.success(request, _("Removed: %(section)s.") % {"section": _section(name).title})
    return redirect("profiles:start")


def _asking_enterprise(user):
    # A person in several companies asks as the first verified one.
    return enterprises_of(user).verified().first()


@role_required(Role.TALENT, Role.ENTERPRISE, Role.STAFF)
def detail(request, pk, contact_form=None):
    profile = profile_for_viewer(viewer=request.user, pk=pk)
    access_record(
        request=request, subject_id=profile.user_id, action=AccessLog.Action.PROFILE, target=profile
    )
    identity = profile.identity
    enterprise_viewer = user_role(request.user) == Role.ENTERPRISE
    asks = enterprise_viewer and not identity
    status = contact_request_of(request.user, profile) if asks else None
    # Once the talent accepted, the enterprise's team writes to them on the thread.
    thread = contact_thread_of(request.user, profile) if enterprise_viewer else None
    return render(
        request,
        "profiles/detail.html",
        {
            "profile": profile,
            "identity": identity,
            "right_to_work": can_see_right_to_work(request.user, profile),
            "own": profile.user_id == request.user.pk,
            "contact_status": status,
            "contact_thread": thread,
            "contact_form": (
                contact_form
                or profile_forms.ContactRequestForm(enterprise=_asking_enterprise(request.user))
            )
            if asks and status is None
            else None,
        },
    )


@role_required(Role.ENTERPRISE)
@require_POST
def contact_request(request, pk):
    """A verified enterprise's member asks an anonymous talent to get in touch."""
    profile = profile_for_viewer(viewer=request.user, pk=pk)
    enterprise = _asking_enterprise(request.user)
    form = profile_forms.ContactRequestForm(request.POST, enterprise=enterprise)
    if not form.is_valid():
        return detail(request, pk, contact_form=form)
    try:
        services.contact_request_create(
            profile=profile,
            enterprise=enterprise,
            requested_by=request.user,
            message=form.cleaned_data["message"],
            opening=form.cleaned_data["opening"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Request sent. You will see the talent’s details here once they accept.")
        )
    return redirect("profiles:detail", pk)


@talent_only
@require_POST
def contact_decide(request, pk, decision):
    if decision not in ("accept", "decline", "block"):
        raise Http404
    profile = services.profile_ensure(user=request.user)
    try:
        contact = services.contact_request_decide(
            profile=profile, pk=pk, accept=decision == "accept", block=decision == "block"
        )
    except ContactRequest.DoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        text = (
            _("%(enterprise)s can now see your name, photo, contact details and CV.")
            if contact.status == ContactRequest.Status.ACCEPTED
            else _("You declined the request from %(enterprise)s.")
            if decision == "decline"
            else _("You declined the request; %(enterprise)s can no longer find or contact you.")
        )
        messages.success(request, text % {"enterprise": contact.enterprise.name})
    return redirect("profiles:start")


# Errors about what was typed stay on the form with the text; others are about the thread.
MESSAGE_BODY_ERRORS = {"required", "max_length"}


@role_required(Role.TALENT, Role.ENTERPRISE)
@require_http_methods(["GET", "POST"])
def contact_thread(request, pk):
    """The talent and the team of an enterprise whose contact request the talent accepted
    write to each other here."""
    contact = contact_thread_for(user=request.user, pk=pk)
    form = profile_forms.ContactMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_message_post(
                contact_id=contact.pk, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            if error.code not in MESSAGE_BODY_ERRORS:
                messages.error(request, " ".join(error.messages))
                return redirect("profiles:contact_thread", contact.pk)
            form.add_error("body", error)
        else:
            messages.success(request, _("Message sent."))
            return redirect("profiles:contact_thread", contact.pk)
    return render(
        request,
        "profiles/contact_thread.html",
        {
            "contact": contact,
            "profile": contact.profile,
            "enterprise": contact.enterprise,
            "side": "talent" if contact.profile.user_id == request.user.pk else "enterprise",
            "message_form": None if contact.blocked else form,
        },
    )


@talent_only
@require_POST
def block(request, enterprise_pk):
    profile = services.profile_ensure(user=request.user)
    try:
        services.enterprise_block(profile=profile, enterprise_id=enterprise_pk)
    except ContactRequest.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Blocked: the company can no longer find or contact you."))
    return redirect("profiles:start")


@talent_only
@require_POST
def unblock(request, enterprise_pk):
    profile = services.profile_ensure(user=request.user)
    if not services.enterprise_unblock(profile=profile, enterprise_id=enterprise_pk):
        raise Http404
    messages.success(request, _("Unblocked: the company can find you in the talent pool again."))
    return redirect("profiles:start")


def _private_file(request, profile: TalentProfile, field: str, *, attachment: bool, filename=""):
    name = getattr(profile, field).name
    if not name or not profile.identity:
        raise Http404
    try:
        handle = private_storage().open(name)
    except FileNotFoundError:
        logger.error("Profile %s: %s is missing from private storage", profile.pk, name)
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=attachment,
        filename=filename or name.rsplit("/", 1)[-1],
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Personal data: never kept by shared caches, nor by the browser beyond this view.
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.TALENT, Role.ENTERPRISE, Role.STAFF)
def photo(request, pk, variant):
    field = {"full": "photo", "thumbnail": "photo_thumbnail"}.get(variant)
    if field is None:
        raise Http404
    profile = profile_for_viewer(viewer=request.user, pk=pk)
    response = _private_file(request, profile, field, attachment=False)
    if variant == "full":  # thumbnails come with a page that is logged already
        access_record(
            request=request,
            subject_id=profile.user_id,
            action=AccessLog.Action.PHOTO,
            target=profile,
        )
    return response


@role_required(Role.TALENT, Role.ENTERPRISE, Role.STAFF)
def cv(request, pk):
    profile = profile_for_viewer(viewer=request.user, pk=pk)
    response = _private_file(request, profile, "cv", attachment=True, filename=profile.cv_filename)
    access_record(
        request=request, subject_id=profile.user_id, action=AccessLog.Action.CV, target=profile
    )
    return response


@private_page
@role_required(Role.ENTERPRISE, Role.STAFF)
def pool(request):
    """The talent pool: members of verified enterprises (and staff) search talents."""
    queryset = talent_pool(viewer=request.user)
    if queryset is None:
        # A member of a company still waiting for verification: say why, don't pretend.
        return render(request, "profiles/pool_locked.html", status=403)
    pool_filter = TalentPoolFilter(request.GET or None, queryset=queryset, request=request)
    page = Paginator(pool_filter.qs, POOL_PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "profiles/pool.html",
        {"filter": pool_filter, "page": page, "profiles": page.object_list},
    )
