"""Applications, seen from both sides: the talent applies, follows and answers; the
enterprise's team reads its applicants and moves them along the pipeline."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.selectors import Role
from profiles.services import profile_ensure
from profiles.storage import private_storage

from .application_forms import PROFILE_CV, ApplyForm, MessageForm, RejectForm
from .application_selectors import (
    applicant_counts,
    applicants_of_opening,
    application_for_member,
    application_of_talent,
    application_of_talent_for,
    applications_of_talent,
)
from .company_views import team_only
from .models import Application, Opening
from .services.applications import (
    ALLOWED,
    MOVER,
    THREAD_CLOSED,
    Side,
    application_create,
    application_message_post,
    application_move,
)

logger = logging.getLogger(__name__)
talent_only = role_required(Role.TALENT)
PAGE_SIZE = 20
Status = Application.Status
# The buttons each move has, and what the person who pressed it is told.
MOVE_LABELS = {
    Status.SHORTLISTED: gettext_lazy("Shortlist"),
    Status.INTERVIEW: gettext_lazy("Invite to an interview"),
    Status.OFFERED: gettext_lazy("Make an offer"),
    Status.REJECTED: gettext_lazy("Reject"),
    Status.ACCEPTED: gettext_lazy("Accept the offer"),
    Status.DECLINED: gettext_lazy("Decline the offer"),
    Status.WITHDRAWN: gettext_lazy("Withdraw the application"),
}
MOVE_DONE = {
    Status.SHORTLISTED: gettext_lazy("Shortlisted. The talent has been told."),
    Status.INTERVIEW: gettext_lazy("Invitation sent. Agree the time with the talent."),
    Status.OFFERED: gettext_lazy("Offer made. The talent can accept or decline it here."),
    Status.REJECTED: gettext_lazy("Rejected. The talent has been told."),
    Status.ACCEPTED: gettext_lazy("You accepted the offer. Congratulations!"),
    Status.DECLINED: gettext_lazy("You declined the offer. The company has been told."),
    Status.WITHDRAWN: gettext_lazy("Your application is withdrawn. The company has been told."),
}


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _moves(application: Application, side: str) -> list[tuple[str, str]]:
    """The moves the side may make now, in pipeline order, with their button labels."""
    allowed = ALLOWED[application.status]
    return [
        (status, MOVE_LABELS[status])
        for status in Status.values
        if status in allowed and MOVER.get(status) == side
    ]


def _cv_response(application: Application):
    """The CV sent with the application, as a download no browser or cache keeps."""
    if not application.cv:
        raise Http404
    try:
        handle = private_storage().open(application.cv.name)
    except FileNotFoundError:
        logger.error("Application %s: %s is missing from private storage", application.pk, "cv")
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=application.cv_filename or "cv.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _post_message(request, application: Application) -> None:
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message of at most 2000 characters."))
        return
    try:
        application_message_post(
            application_id=application.pk, author=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Message sent."))


# The talent's side.


@talent_only
def my_list(request):
    page = Paginator(applications_of_talent(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/applications/list.html",
        {"page": page, "applications": page.object_list},
    )


@talent_only
def apply(request, opening_pk):
    opening = get_object_or_404(
        Opening.objects.published().select_related("enterprise"), pk=opening_pk
    )
    existing = application_of_talent_for(user=request.user, opening=opening)
    if existing is not None:
        messages.info(request, _("You have already applied to this opening."))
        return redirect("applications:detail", existing.pk)
    profile = profile_ensure(user=request.user)
    form = ApplyForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_create(
                profile=profile,
                opening_id=opening.pk,
                motivation=form.cleaned_data["motivation"],
                attach_cv=form.cleaned_data["cv"] == PROFILE_CV,
            )
        except Opening.DoesNotExist:
            raise Http404 from None
        except ValidationError as error:
            if error.code == "already_applied":
                _refused(request, error)
                return redirect("applications:list")
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Application sent. You will get an email when the company answers.")
            )
            return redirect("applications:detail", application.pk)
    return render(
        request,
        "matching/applications/apply.html",
        {"opening": opening, "enterprise": opening.enterprise, "form": form, "profile": profile},
    )


@talent_only
def detail(request, pk):
    application = application_of_talent(user=request.user, pk=pk)
    return render(
        request,
        "matching/applications/detail.html",
        {
            "application": application,
            "opening": application.opening,
            "enterprise": application.opening.enterprise,
            "can_withdraw": Status.WITHDRAWN in ALLOWED[application.status],
            "answers": [
                move for move in _moves(application, Side.TALENT) if move[0] != Status.WITHDRAWN
            ],
            "message_form": MessageForm() if application.status not in THREAD_CLOSED else None,
        },
    )


@talent_only
def withdraw(request, pk):
    """Confirm, then withdraw: the company is told, and keeps what it has already seen."""
    application = application_of_talent(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            application_move(application_id=application.pk, actor=request.user, to=Status.WITHDRAWN)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, MOVE_DONE[Status.WITHDRAWN])
        return redirect("applications:detail", application.pk)
    return render(
        request,
        "matching/applications/withdraw.html",
        {
            "application": application,
            "opening": application.opening,
            "enterprise": application.opening.enterprise,
            "can_withdraw": Status.WITHDRAWN in ALLOWED[application.status],
        },
    )


@talent_only
@require_POST
def respond(request, pk):
    """The talent accepts or declines an offer."""
    application = application_of_talent(user=request.user, pk=pk)
    to = request.POST.get("to")
    if to not in (Status.ACCEPTED, Status.DECLINED):
        raise Http404
    try:
        application_move(application_id=application.pk, actor=request.user, to=to)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, MOVE_DONE[to])
    return redirect("applications:detail", application.pk)


@talent_only
@require_POST
def message(request, pk):
    application = application_of_talent(user=request.user, pk=pk)
    _post_message(request, application)
    return redirect("applications:detail", application.pk)


@talent_only
def cv(request, pk):
    """The talent downloads the CV exactly as they sent it."""
    return _cv_response(application_of_talent(user=request.user, pk=pk))


# The enterprise's side (mounted in company_urls under company_openings).


def _statuses_with_counts(counts: dict[str, int]):
    return [(value, label, counts.get(value, 0)) for value, label in Status.choices]


@team_only
def applicants(request, enterprise, pk):
    """An opening's applicants: tabs by status with counts, newest applications first."""
    opening = get_object_or_404(enterprise.openings, pk=pk)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    counts = applicant_counts(opening=opening)
    page = Paginator(applicants_of_opening(opening=opening, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/applications/company_list.html",
        {
            "enterprise": enterprise,
            "opening": opening,
            "status": status,
            "statuses": _statuses_with_counts(counts),
            "total": sum(counts.values()),
            "page": page,
            "applications": page.object_list,
        },
    )


def _member_application(request, enterprise, application_pk) -> Application:
    return application_for_member(enterprise=enterprise, viewer=request.user, pk=application_pk)


@team_only
def company_detail(request, enterprise, application_pk):
    application = _member_application(request, enterprise, application_pk)
    moves = _moves(application, Side.ENTERPRISE)
    return render(
        request,
        "matching/applications/company_detail.html",
        {
            "enterprise": enterprise,
            "application": application,
            "opening": application.opening,
            "profile": application.applicant,
            "moves": [move for move in moves if move[0] != Status.REJECTED],
            "reject_form": RejectForm() if Status.REJECTED in dict(moves) else None,
            "message_form": MessageForm() if application.status not in THREAD_CLOSED else None,
        },
    )


@team_only
@require_POST
def company_move(request, enterprise, application_pk):
    application = get_object_or_404(
        Application.objects.filter(opening__enterprise=enterprise), pk=application_pk
    )
    to = request.POST.get("to")
    if MOVER.get(to) != Side.ENTERPRISE:
        raise Http404
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message of at most 2000 characters."))
        return redirect("company_openings:application", enterprise.pk, application.pk)
    note = form.cleaned_data["note"] if to == Status.REJECTED else ""
    try:
        application_move(application_id=application.pk, actor=request.user, to=to, note=note)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, MOVE_DONE[to])
    return redirect("company_openings:application", enterprise.pk, application.pk)


@team_only
@require_POST
def company_message(request, enterprise, application_pk):
    application = get_object_or_404(
        Application.objects.filter(opening__enterprise=enterprise), pk=application_pk
    )
    _post_message(request, application)
    return redirect("company_openings:application", enterprise.pk, application.pk)


@team_only
def company_cv(request, enterprise, application_pk):
    application = get_object_or_404(
        Application.objects.filter(opening__enterprise=enterprise), pk=application_pk
    )
    return _cv_response(application)
