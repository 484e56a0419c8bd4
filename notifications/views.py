"""The person's side of notifications: their centre, their email preferences, and the
unsubscribe link of every notification mail (which works without logging in)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.selectors import user_role

from . import mail, selectors, services
from .forms import PreferencesForm
from .models import Category, Notification

PAGE_SIZE = 25
EVERY_CATEGORY = gettext_lazy("All notification emails")


def signed_in_action(view):
    """A POST-only action for a signed-in person. Anonymous visitors log in and then land on
    the centre: the action's own address takes no GET to come back to."""

    action = require_POST(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("notifications:list"))
        return action(request, *args, **kwargs)

    return wrapper


@login_required
@require_safe
def notification_list(request):
    page = Paginator(selectors.notification_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "entries": [(notification, _title(notification)) for notification in page],
            # Also the header's count: given here, the page counts once.
            "unread_notifications": selectors.unread_count(request.user),
        },
    )


def _title(notification: Notification) -> str:
    # Plain text, as in the mail subject; this page's template escapes it.
    return mail.title(notification)


@signed_in_action
def notification_open(request, pk):
    try:
        notification = services.notification_open(user=request.user, notification_id=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    url = notification.url
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    return redirect("notifications:list")


@signed_in_action
def notifications_read_all(request):
    services.notifications_read_all(user=request.user)
    messages.success(request, _("All notifications marked as read."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        instance=selectors.preferences_for(request.user),
        role=user_role(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_update(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your email preferences are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # RFC 8058: mail providers POST without a CSRF token; the signed token is the key.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        _user, category = selectors.unsubscribe_target(token=token)
    except (signing.BadSignature, ObjectDoesNotExist):
        # Forged, altered, or the account was closed since the mail went.
        return _unsubscribe_refused(request)
    context = {"category": _category_label(category)}
    if request.method != "POST":
        return render(request, "notifications/unsubscribe.html", context)
    try:
        services.unsubscribe(token=token)
    except (signing.BadSignature, ObjectDoesNotExist):
        return _unsubscribe_refused(request)
    return render(request, "notifications/unsubscribed.html", context)


def _category_label(category: str) -> str:
    return EVERY_CATEGORY if category == mail.ALL else Category(category).label


def _unsubscribe_refused(request):
    return render(request, "notifications/unsubscribe_invalid.html", status=400)
