"""Which language a signed-in person sees: their saved choice, unless this browser chose.

LocaleMiddleware already honours the language cookie; these rules cover a new browser or
device (someone who chose Finnish once gets Finnish everywhere) and the moment of login.
"""

from django.conf import settings
from django.utils import translation

from . import services


def browser_has_chosen(request) -> bool:
    return settings.LANGUAGE_COOKIE_NAME in request.COOKIES


def activate_saved_language(request, user) -> None:
    if browser_has_chosen(request):
        return
    translation.activate(user.preferred_language)
    request.LANGUAGE_CODE = user.preferred_language


def sync_language_at_login(request, user) -> None:
    """A language chosen before logging in is the person's latest choice: save it.

    Otherwise the saved one applies from this request on (the login's own messages too).
    """
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in dict(settings.LANGUAGES) and chosen != user.preferred_language:
        services.user_set_language(user=user, language=chosen)
    activate_saved_language(request, user)


def remember_language(response, user) -> None:
    """Give this browser the person's saved language, so the next request starts in it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        user.preferred_language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
