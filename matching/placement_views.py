"""Placements, seen from both sides: the talent follows theirs, records a check-in, feedback
and the outcome, and records start-ups; the enterprise's team does the same for its placements
and runs them (edits, starts, completes). Anyone else gets 404; staff work in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.selectors import Role
from profiles.services import profile_ensure

from .company_views import team_only
from .models import Placement, Side
from .placement_forms import (
    CheckInForm,
    FeedbackForm,
    OutcomeForm,
    PlacementForm,
    ReasonForm,
    StartUpForm,
)
from .placement_selectors import (
    by_side,
    current_outcome,
    feedback_visible_to,
    placement_of_enterprise,
    placement_of_talent,
    placements_of_enterprise,
    placements_of_talent,
    startups_of_talent,
)
from .services.placements import (
    ALLOWED,
    CHECKIN_OPEN,
    EDITABLE,
    FEEDBACK_OPEN,
    MOVER,
    OUTCOME_OPEN,
    checkin_write,
    feedback_give,
    outcome_record,
    placement_move,
    placement_update,
    startup_record,
)

talent_only = role_required(Role.TALENT)
PAGE_SIZE = 20
Status = Placement.Status
MOVE_LABELS = {
    Status.ONGOING: gettext_lazy("Mark as started"),
    Status.COMPLETED: gettext_lazy("Mark as completed"),
}
MOVE_DONE = {
    Status.ONGOING: gettext_lazy("The placement has started. The talent has been told."),
    Status.COMPLETED: gettext_lazy("The placement is completed. Please give your feedback."),
    Status.INTERRUPTED: gettext_lazy("The placement is interrupted. The other side has been told."),
}


def _refused(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


def _urls(placement: Placement, side: str) -> dict[str, str]:
    """Where the page's forms post, for the viewer's side."""
    names = ["move", "checkin", "feedback", "outcome"]
    if side == Side.TALENT:
        return {
            name: reverse(f"applications:placement_{name}", args=[placement.pk]) for name in names
        }
    args = [placement.enterprise_id, placement.pk]
    return {name: reverse(f"company_openings:placement_{name}", args=args) for name in names}


def _detail(request, placement: Placement, side: str, **forms):
    """The placement page for one side; `forms` are bound forms that failed to validate."""
    allowed = ALLOWED[placement.status]
    moves = [
        (to, MOVE_LABELS[to])
        for to in (Status.ONGOING, Status.COMPLETED)
        if to in allowed and side in MOVER[to]
    ]
    checkins = by_side(placement.checkins.all())
    feedback = feedback_visible_to(placement, side)
    can_interrupt = Status.INTERRUPTED in allowed and side in MOVER[Status.INTERRUPTED]
    context = {
        "placement": placement,
        "enterprise": placement.enterprise,
        "side": side,
        "other_side": Side.ENTERPRISE if side == Side.TALENT else Side.TALENT,
        "urls": _urls(placement, side),
        "moves": moves,
        "can_edit": side == Side.ENTERPRISE and placement.status in EDITABLE,
        "interrupt_form": forms.get("interrupt_form", ReasonForm()) if can_interrupt else None,
        "own_checkin": checkins.get(side),
        "other_checkin": checkins.get(Side.ENTERPRISE if side == Side.TALENT else Side.TALENT),
        "checkin_form": (
            forms.get("checkin_form", CheckInForm())
            if placement.status in CHECKIN_OPEN and side not in checkins
            else None
        ),
        "own_feedback": feedback.get(side),
        "other_feedback": feedback.get(Side.ENTERPRISE if side == Side.TALENT else Side.TALENT),
        "feedback_form": (
            forms.get("feedback_form", FeedbackForm())
            if placement.status in FEEDBACK_OPEN and side not in feedback
            else None
        ),
        "outcome": current_outcome(placement),
        "outcome_form": (
            forms.get("outcome_form", OutcomeForm(placement=placement))
            if placement.status in OUTCOME_OPEN
            else None
        ),
    }
    return render(request, "matching/placements/detail.html", context)


def _back(placement: Placement, side: str):
    if side == Side.TALENT:
        return redirect("applications:placement", placement.pk)
    return redirect("company_openings:placement", placement.enterprise_id, placement.pk)


def _move(request, placement: Placement, side: str):
    to = request.POST.get("to")
    if to not in MOVER or side not in MOVER[to]:
        raise Http404
    note = ""
    if to == Status.INTERRUPTED:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return _detail(request, placement, side, interrupt_form=form)
        note = form.cleaned_data["reason"]
    try:
        placement_move(placement_id=placement.pk, actor=request.user, to=to, note=note)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, MOVE_DONE[to])
    return _back(placement, side)


def _checkin(request, placement: Placement, side: str):
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return _detail(request, placement, side, checkin_form=form)
    try:
        checkin_write(
            placement_id=placement.pk, author=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Thank you: your check-in is saved."))
    return _back(placement, side)


def _feedback(request, placement: Placement, side: str):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _detail(request, placement, side, feedback_form=form)
    try:
        feedback_give(
            placement_id=placement.pk,
            author=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Thank you for your feedback."))
    return _back(placement, side)


def _outcome(request, placement: Placement, side: str):
    form = OutcomeForm(request.POST, placement=placement)
    if not form.is_valid():
        return _detail(request, placement, side, outcome_form=form)
    startup = form.cleaned_data["startup"]
    try:
        outcome_record(
            placement_id=placement.pk,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            startup_id=startup.pk if startup else None,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The outcome is recorded. Thank you."))
    return _back(placement, side)


# The talent's side (mounted in application_urls).


@talent_only
def my_list(request):
    page = Paginator(placements_of_talent(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/placements/list.html",
        {"page": page, "placements": page.object_list},
    )


@talent_only
def detail(request, pk):
    return _detail(request, placement_of_talent(user=request.user, pk=pk), Side.TALENT)


def _talent_post(handler):
    @talent_only
    @require_POST
    def view(request, pk):
        return handler(request, placement_of_talent(user=request.user, pk=pk), Side.TALENT)

    view.__name__ = f"talent{handler.__name__}"
    return view


move = _talent_post(_move)
checkin = _talent_post(_checkin)
feedback = _talent_post(_feedback)
outcome = _talent_post(_outcome)


@talent_only
def startups(request):
    """The talent's start-ups, and a form to record one."""
    form = StartUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            startup_record(
                founder=profile_ensure(user=request.user), actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your start-up is recorded. Congratulations!"))
            return redirect("applications:startups")
    return render(
        request,
        "matching/placements/startups.html",
        {"form": form, "startups": startups_of_talent(user=request.user)},
    )


# The enterprise's side (mounted in company_urls under company_openings).


@team_only
def company_list(request, enterprise):
    page = Paginator(placements_of_enterprise(enterprise=enterprise), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matching/placements/company_list.html",
        {"enterprise": enterprise, "page": page, "placements": page.object_list},
    )


@team_only
def company_detail(request, enterprise, placement_pk):
    placement = placement_of_enterprise(enterprise=enterprise, pk=placement_pk)
    return _detail(request, placement, Side.ENTERPRISE)


@team_only
def company_edit(request, enterprise, placement_pk):
    placement = placement_of_enterprise(enterprise=enterprise, pk=placement_pk)
    if placement.status not in EDITABLE:
        messages.error(request, _("The placement has started; its details can no longer change."))
        return _back(placement, Side.ENTERPRISE)
    initial = {
        "start_date": placement.start_date,
        "end_date": placement.end_date,
        "supervisor": placement.supervisor_id,
        "goals": placement.goals,
    }
    form = PlacementForm(request.POST or None, initial=initial, enterprise=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            placement_update(placement_id=placement.pk, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The placement is updated."))
            return _back(placement, Side.ENTERPRISE)
    return render(
        request,
        "matching/placements/edit.html",
        {"enterprise": enterprise, "placement": placement, "form": form},
    )


def _team_post(handler):
    @team_only
    @require_POST
    def view(request, enterprise, placement_pk):
        placement = placement_of_enterprise(enterprise=enterprise, pk=placement_pk)
        return handler(request, placement, Side.ENTERPRISE)

    view.__name__ = f"company{handler.__name__}"
    return view


company_move = _team_post(_move)
company_checkin = _team_post(_checkin)
company_feedback = _team_post(_feedback)
company_outcome = _team_post(_outcome)
