from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.selectors import Role, user_role
from core.translated import in_language
from pages.markdown import render_cached

from . import selectors, services
from .exports import export_response
from .forms import ConsentForm
from .models import Consent, NoticeVersion


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request):
    """The page that explains the download, and the download: always the signed-in person's
    own data, so there is no one else's to ask for."""
    if request.method != "POST":
        return render(request, "privacy/export.html")
    return export_response(request.user)


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: my account and my data are deleted for good."),
    )


@never_cache
@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    """Says what goes and what is kept, then deletes on a confirmed POST; the password is
    asked again first (allauth's reauthentication)."""
    form = DeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("core:home")
    return render(request, "privacy/delete.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def choices(request):
    """A talent's consents, changed in one form as easily as given, and the record of every
    decision with the notice version it was made under."""
    form = None
    if user_role(request.user) == Role.TALENT:
        current = selectors.consents_in_effect(user=request.user)
        form = ConsentForm(request.POST if request.method == "POST" else None, initial=current)
        if request.method == "POST" and form.is_valid():
            services.consents_set(
                user=request.user, choices=form.cleaned_data, source=Consent.Source.CHOICES
            )
            messages.success(request, _("Your choices have been saved."))
            return redirect("privacy:choices")
    history = Paginator(selectors.consent_history(user=request.user), 20)
    return render(
        request,
        "privacy/choices.html",
        {
            "form": form,
            "history": history.get_page(request.GET.get("page")),
            "notice": selectors.notice_current(),
        },
    )


@require_safe
def notice_versions(request):
    return render(
        request,
        "privacy/notice_versions.html",
        {"versions": NoticeVersion.objects.defer("body_en", "body_fi")},
    )


@require_safe
def notice_version(request, number: int):
    notice = get_object_or_404(NoticeVersion, number=number)
    source = in_language(notice, "body")
    return render(
        request,
        "privacy/notice_version.html",
        {"notice": notice, "body": render_cached(source.value), "body_lang": source.lang},
    )
