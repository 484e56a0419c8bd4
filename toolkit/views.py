"""The readiness self-assessment: open to anyone; company members keep the result and can
turn it into a draft opening."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import Role, user_role
from enterprises.selectors import enterprises_of

from . import services
from .assessment import assess
from .forms import AssessmentForm, DraftForm


def _enterprises(user) -> list:
    return list(enterprises_of(user)) if user_role(user) == Role.ENTERPRISE else []


@require_http_methods(["GET", "HEAD", "POST"])
def assessment(request):
    enterprises = _enterprises(request.user)
    if request.method != "POST":
        # "Change my answers" on the result page comes back with them in the query string.
        form = AssessmentForm(initial=request.GET.dict(), enterprises=enterprises)
        return render(request, "toolkit/assessment.html", {"form": form})
    form = AssessmentForm(request.POST, enterprises=enterprises)
    if not form.is_valid():
        return render(request, "toolkit/assessment.html", {"form": form})
    answers, enterprise = form.answers(), form.enterprise()
    result = assess(answers)
    if enterprise is not None:
        services.assessment_record(
            enterprise=enterprise, actor=request.user, answers=answers, result=result
        )
    draft_form = (
        DraftForm(enterprises=enterprises, initial={"enterprise": enterprise.pk})
        if enterprise is not None
        else None
    )
    return render(
        request,
        "toolkit/result.html",
        {
            "answers": answers,
            "answer_rows": form.answer_rows(),
            "result": result,
            "draft_form": draft_form,
        },
    )


@require_POST
def draft_create(request):
    if not request.user.is_authenticated:
        # This address takes no GET to come back to after logging in: back to the questions.
        return redirect_to_login(reverse("toolkit:assessment"))
    choice = DraftForm(request.POST, enterprises=_enterprises(request.user))
    if not choice.is_valid():
        # Not a company member, or not a company of theirs: as if it did not exist.
        raise Http404
    form = AssessmentForm(request.POST)
    if not form.is_valid():
        # The answers travel in hidden fields; if they were altered, ask for them again.
        return render(request, "toolkit/assessment.html", {"form": form}, status=400)
    opening = services.draft_opening_create(
        enterprise=choice.enterprise(), actor=request.user, answers=form.answers()
    )
    messages.success(
        request,
        _(
            "Draft opening created. Replace the parts in square brackets with your own words, "
            "then add the skills and languages it needs."
        ),
    )
    return redirect("company_openings:edit", opening.enterprise_id, opening.pk)
