"""Admin actions that run a service on each selected object, for every moderation queue.

A refusal by the service (a ValidationError, e.g. a status that does not allow the change) is
reported per object; the others still change. Reasons are asked on a page of their own.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .pagecache import public_pages_changed


class ClearsPublicPages:
    """For the admin of what anonymous visitors see (openings, companies): what staff save or
    delete here bypasses the services, so it clears the cached public pages itself."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        public_pages_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_pages_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_pages_changed()


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


def apply_with_reason(modeladmin, request, queryset, *, change: Callable, **page):
    """Ask for a reason on a page of its own, then call `change(obj, reason)` for each object.

    Returns the page while no valid reason has been given, None (back to the list) after.
    """
    return apply_with_form(
        modeladmin,
        request,
        queryset,
        form_class=ReasonForm,
        change=lambda obj, data: change(obj, data["reason"]),
        **page,
    )


def apply_with_form(
    modeladmin,
    request,
    queryset,
    *,
    form_class: type[forms.Form],
    action: str,
    title: str,
    explanation: str,
    change: Callable,
    done: Callable[[int], str],
):
    """Like `apply_with_reason` for any form: `change(obj, cleaned_data)` for each object."""
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        apply_each(modeladmin, request, queryset, lambda obj: change(obj, form.cleaned_data), done)
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


def link_to(field: str, description):
    """A changelist column that shows a related object as a link to its own admin page, so
    staff move between a placement, its company and its talent in one click."""

    @admin.display(description=description, ordering=field)
    def column(modeladmin, obj):
        related = getattr(obj, field)
        if related is None:
            return "–"
        opts = related._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[related.pk])
        return format_html('<a href="{}">{}</a>', url, related)

    return column


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that only code writes (an import, a log): staff read them, nobody edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OverdueWarningAdmin(admin.ModelAdmin):
    """A queue that says above its list how many rows are overdue: `overdue(queryset)` picks
    them, `overdue_message(count)` words the warning."""

    def overdue(self, queryset):
        raise NotImplementedError

    def overdue_message(self, count: int) -> str:
        raise NotImplementedError

    def changelist_view(self, request, extra_context=None):
        count = self.overdue(self.model._default_manager.all()).count()
        if count:
            self.message_user(request, self.overdue_message(count), messages.WARNING)
        return super().changelist_view(request, extra_context)
