"""Admin actions that run a service on each selected object, for every moderation queue.

A refusal by the service (a ValidationError, e.g. a status that does not allow the change) is
reported per object; the others still change. Reasons are asked on a page of their own.
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They read this in their mail: say what to fix."),
    )


def apply_each(modeladmin, request, queryset, change: Callable, done: Callable[[int], str]):
    """Call `change(obj)` for each object; say how many changed and why the others did not."""
    changed = 0
    for obj in queryset:
        try:
            change(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.WARNING)
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, done(changed), messages.SUCCESS)


def apply_with_reason(
    modeladmin,
    request,
    queryset,
    *,
    action: str,
    title: str,
    explanation: str,
    change: Callable,
    done: Callable[[int], str],
):
    """Ask for a reason on a page of its own, then call `change(obj, reason)` for each object.

    Returns the page while no valid reason has been given, None (back to the list) after.
    """
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        apply_each(modeladmin, request, queryset, lambda obj: change(obj, reason), done)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "explanation": explanation,
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/reason_action.html", context)
