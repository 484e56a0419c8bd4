from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .language import activate_saved_language, browser_has_chosen, remember_language


class UserLanguageMiddleware:
    """Apply a signed-in person's saved language (see accounts.language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            activate_saved_language(request, request.user)
        response = self.get_response(request)
        # The person may have logged in during this request: check the user again.
        if request.user.is_authenticated and not browser_has_chosen(request):
            remember_language(response, request.user)
        return response


# What staff without two-step sign-in may still open: the account pages where they set it
# up (and sign out), and what the pages load.
SETUP_PATHS = ("/accounts/", "/i18n/", f"/{settings.STATIC_URL.strip('/')}/")


class StaffMFAMiddleware:
    """Staff reach personal data of many people (the admin, the dashboard, hidden profiles
    and the pool): until their account has two-step sign-in, every page but its setup sends
    them to set it up, and then back where they were going."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not request.path.startswith(SETUP_PATHS)
            and not is_mfa_enabled(user)
        ):
            messages.info(
                request,
                _("Staff pages need two-step sign-in. Set it up with an authenticator app first."),
            )
            setup = reverse("mfa_activate_totp")
            return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
