"""The public directory of support organisations, the entrepreneurship path, and a talent's
requests to be contacted by an organisation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.decorators import role_required
from accounts.selectors import Role, user_role
from profiles.services import profile_ensure

from . import selectors, services
from .forms import ReferralRequestForm
from .models import Referral

PAGE_SIZE = 20
NOT_FILTERS = {"page"}


@require_safe
def directory(request):
    filterset, organisations = selectors.organisation_list(params=request.GET)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(value for key, value in request.GET.items() if key not in NOT_FILTERS)
    return render(
        request,
        "organisations/list.html",
        {
            "filter": filterset,
            "page": page,
            "organisations": page.object_list,
            "filtered": filtered,
        },
    )


@require_safe
def detail(request, slug):
    organisation = selectors.organisation_detail(slug=slug)
    offered = [row.service for row in organisation.services.all()]
    # A link from a step of the path names the service the talent is after.
    asked = request.GET.get("service")
    form = ReferralRequestForm(
        services=offered, initial={"service": asked if asked in offered else ""}
    )
    return _detail_page(request, organisation, form)


@role_required(Role.TALENT)
@require_POST
def ask(request, slug):
    organisation = selectors.organisation_detail(slug=slug)
    form = ReferralRequestForm(
        request.POST, services=[row.service for row in organisation.services.all()]
    )
    if form.is_valid():
        try:
            services.referral_request(
                profile=profile_ensure(user=request.user),
                organisation=organisation,
                service=form.cleaned_data["service"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "Thank you. TalentHub staff will pass your request on to %(organisation)s, "
                    "who will contact you. You can follow it here."
                )
                % {"organisation": organisation.name},
            )
            return redirect("organisations:my_referrals")
    return _detail_page(request, organisation, form)


def _detail_page(request, organisation, form):
    is_talent = user_role(request.user) == Role.TALENT
    open_request = (
        Referral.objects.of_talent(request.user).open().filter(organisation=organisation).first()
        if is_talent
        else None
    )
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "is_talent": is_talent,
            "form": form if is_talent else None,
            "open_request": open_request,
        },
    )


@require_safe
def entrepreneurship(request):
    return render(
        request,
        "organisations/entrepreneurship.html",
        {"steps": selectors.path_steps(), "is_talent": user_role(request.user) == Role.TALENT},
    )


@role_required(Role.TALENT)
@require_safe
def my_referrals(request):
    page = Paginator(selectors.my_referrals(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "organisations/my_referrals.html", {"page": page, "referrals": page.object_list}
    )
