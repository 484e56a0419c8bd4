from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import services
from .exports import export_response


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
