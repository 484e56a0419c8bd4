import logging
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.selectors import Role, user_role
from profiles.storage import private_storage

from . import services
from .documents import LOGO_CONTENT_TYPE
from .forms import EnterpriseForm, HandOverForm, InvitationForm
from .models import Enterprise, Invitation, Membership
from .selectors import (
    enterprise_for_logo,
    enterprise_for_member,
    enterprise_for_viewer,
    invitations_for,
    memberships_of,
    open_invitations,
    team_counts,
    team_of,
)

logger = logging.getLogger(__name__)
company_side = role_required(Role.ENTERPRISE)
company_side_or_staff = role_required(Role.ENTERPRISE, Role.STAFF)

# How an unusable invitation link answers: a malformed one is a bad request, one that
# worked once (cancelled, expired, used) is gone; someone else's is not theirs to use.
INVITATION_ERROR_STATUS = {"invalid": 400, "gone": 410, "expired": 410, "used": 410}


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _owned(request, pk: int) -> Enterprise:
    """The enterprise if the person is one of its owners; 404 for anyone else."""
    enterprise = enterprise_for_member(user=request.user, pk=pk)
    if enterprise.viewer_role != Membership.Role.OWNER:
        raise Http404
    return enterprise


def _team_member(enterprise: Enterprise, membership_pk: int) -> Membership:
    try:
        return Membership.objects.select_related("user").get(
            enterprise=enterprise, pk=membership_pk
        )
    except Membership.DoesNotExist:
        raise Http404 from None


@company_side
def start(request):
    """A company representative's first stop: their companies, invitations, registering one."""
    invitations = [
        (invitation, services.invitation_token(invitation))
        for invitation in invitations_for(user=request.user)
    ]
    return render(
        request,
        "enterprises/start.html",
        {"memberships": memberships_of(user=request.user), "invitations": invitations},
    )


@company_side
def register(request):
    form = EnterpriseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in EnterpriseForm.Meta.fields}
        try:
            enterprise = services.enterprise_register(
                user=request.user, data=data, logo=form.processed_logo
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is registered. TalentHub staff will verify it, usually within "
                    "a working day or two; we will email you."
                )
                % {"name": enterprise.name},
            )
            return redirect("enterprises:detail", enterprise.pk)
    return render(request, "enterprises/form.html", {"form": form, "enterprise": None})


@company_side_or_staff
def detail(request, pk):
    enterprise = enterprise_for_viewer(user=request.user, pk=pk)
    return render(
        request,
        "enterprises/detail.html",
        {"enterprise": enterprise, "counts": team_counts(enterprise)},
    )


@company_side
def edit(request, pk):
    enterprise = enterprise_for_member(user=request.user, pk=pk)
    was = enterprise.status
    form = EnterpriseForm(
        request.POST or None,
        request.FILES or None,
        instance=enterprise,
        editor=enterprise.viewer_role,
    )
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.enterprise_update(
                enterprise=enterprise, changes=form.changes(), actor=request.user
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if updated.status == Enterprise.Status.PENDING and was != Enterprise.Status.PENDING:
                messages.warning(
                    request,
                    _(
                        "Saved. The company now waits for staff to verify it again; until "
                        "then you cannot publish openings or browse the talent pool."
                    ),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("enterprises:detail", enterprise.pk)
    return render(request, "enterprises/form.html", {"form": form, "enterprise": enterprise})


def logo(request, pk):
    """The logo: public for a verified company (openings show it), else members and staff."""
    enterprise = enterprise_for_logo(user=request.user, pk=pk)
    try:
        handle = private_storage().open(enterprise.logo.name)
    except FileNotFoundError:
        logger.error("Enterprise %s: %s is missing from private storage", pk, enterprise.logo.name)
        raise Http404 from None
    response = FileResponse(handle, content_type=LOGO_CONTENT_TYPE)
    response["X-Content-Type-Options"] = "nosniff"
    # Links carry ?v=<last change>, so a new logo is a new URL and an hour is safe to keep.
    response["Cache-Control"] = (
        "public, max-age=3600" if enterprise.is_verified else "private, max-age=0, no-cache"
    )
    return response


@company_side_or_staff
def team(request, pk, invite_form=None):
    enterprise = enterprise_for_viewer(user=request.user, pk=pk)
    is_owner = enterprise.viewer_role == Membership.Role.OWNER
    memberships = list(team_of(enterprise))
    return render(
        request,
        "enterprises/team.html",
        {
            "enterprise": enterprise,
            "memberships": memberships,
            "owner_count": sum(m.role == Membership.Role.OWNER for m in memberships),
            "is_owner": is_owner,
            "invitations": open_invitations(enterprise) if is_owner else None,
            "invite_form": (invite_form or InvitationForm()) if is_owner else None,
        },
    )


@company_side
@require_POST
def invite(request, pk):
    enterprise = _owned(request, pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                enterprise=enterprise, invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("enterprises:team", pk)
    return team(request, pk, invite_form=form)


@company_side
@require_POST
def invitation_cancel(request, pk, invitation_pk):
    enterprise = _owned(request, pk)
    try:
        services.invitation_cancel(
            enterprise=enterprise, invitation_id=invitation_pk, actor=request.user
        )
    except Invitation.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Invitation cancelled: its link no longer works."))
    return redirect("enterprises:team", pk)


def _race_is_404(view):
    """Another owner was quicker (the teammate is gone, or I am no longer an owner): 404, as for
    any object the person may not act on, rather than an error page."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        try:
            return view(*args, **kwargs)
        except (Membership.DoesNotExist, PermissionDenied):
            raise Http404 from None

    return wrapper


def _confirm(request, enterprise, **context):
    return render(request, "enterprises/confirm.html", {"enterprise": enterprise, **context})


@company_side
@_race_is_404
def member_remove(request, pk, membership_pk):
    enterprise = _owned(request, pk)
    membership = _team_member(enterprise, membership_pk)
    if request.method == "POST":
        try:
            services.membership_remove(
                enterprise=enterprise, membership_id=membership.pk, actor=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("%(person)s was removed from the team.") % {"person": membership.user}
            )
            if membership.user_id == request.user.pk:
                return redirect("enterprises:start")
        return redirect("enterprises:team", pk)
    return _confirm(
        request,
        enterprise,
        title=_("Remove %(person)s from the team?") % {"person": membership.user},
        text=_("They can no longer act for %(company)s. You can invite them again later.")
        % {"company": enterprise.name},
        button=_("Remove from the team"),
        danger=True,
    )


@company_side
@_race_is_404
def hand_over(request, pk, membership_pk):
    """Make another member an owner, optionally stepping down to member at the same time."""
    enterprise = _owned(request, pk)
    membership = _team_member(enterprise, membership_pk)
    if membership.user_id == request.user.pk or membership.role == Membership.Role.OWNER:
        raise Http404
    form = HandOverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ownership_hand_over(
                enterprise=enterprise,
                membership_id=membership.pk,
                actor=request.user,
                step_down=form.cleaned_data["step_down"],
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(
                request, _("%(person)s is now an owner.") % {"person": membership.user}
            )
        return redirect("enterprises:team", pk)
    return _confirm(
        request,
        enterprise,
        title=_("Make %(person)s an owner?") % {"person": membership.user},
        text=_(
            "Owners manage the team, invite people and can change the business ID. "
            "You can also step down to member at the same time."
        ),
        button=_("Make owner"),
        form=form,
    )


@company_side
@require_POST
@_race_is_404
def make_member(request, pk, membership_pk):
    """An owner makes an owner (themselves too) a member."""
    enterprise = _owned(request, pk)
    membership = _team_member(enterprise, membership_pk)
    try:
        services.membership_set_role(
            enterprise=enterprise,
            membership_id=membership.pk,
            role=Membership.Role.MEMBER,
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(person)s is now a member.") % {"person": membership.user})
    return redirect("enterprises:team", pk)


@company_side
@_race_is_404
def leave(request, pk):
    enterprise = enterprise_for_member(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.membership_leave(enterprise=enterprise, user=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("enterprises:team", pk)
        messages.success(request, _("You left %(company)s.") % {"company": enterprise.name})
        return redirect("enterprises:start")
    return _confirm(
        request,
        enterprise,
        title=_("Leave %(company)s?") % {"company": enterprise.name},
        text=_("You can no longer see or act for the company. An owner can invite you again."),
        button=_("Leave the company"),
        danger=True,
    )


def invitation(request, token):
    """The link in an invitation mail, for people with or without an account."""
    try:
        invitation = services.invitation_from_token(token)
    except services.InvitationError as error:
        return _invitation_error(request, error)
    role = user_role(request.user)
    here = reverse("enterprises:invitation", args=[token])
    if request.method == "POST":
        if role == Role.ANONYMOUS:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': here})}")
        if role != Role.ENTERPRISE:
            raise Http404
        try:
            services.invitation_accept(token=token, user=request.user)
        except services.InvitationError as error:
            return _invitation_error(request, error)
        messages.success(
            request,
            _("Welcome to the team of %(company)s.") % {"company": invitation.enterprise.name},
        )
        return redirect("enterprises:detail", invitation.enterprise_id)
    context = {
        "invitation": invitation,
        "role": role,
        "next": urlencode({"next": here}),
        "email_matches": role == Role.ENTERPRISE
        and services.invitation_email_matches(invitation, request.user),
    }
    return render(request, "enterprises/invitation.html", context)


def _invitation_error(request, error: ValidationError):
    status = INVITATION_ERROR_STATUS.get(error.code, 403)
    return render(
        request,
        "enterprises/invitation_error.html",
        {"error": _error_text(error), "code": error.code},
        status=status,
    )
