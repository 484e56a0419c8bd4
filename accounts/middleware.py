from django.conf import settings
from django.utils import translation

from . import services


def activate_saved_language(request, user) -> None:
    """Use a signed-in person's saved language unless this browser has chosen one.

    LocaleMiddleware already honours the language cookie; this covers a new browser or
    device, so that someone who chose Finnish once gets Finnish everywhere. Called at the
    start of each request and again at login, so the login's own messages use it too.
    """
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
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


class UserLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            activate_saved_language(request, request.user)
        response = self.get_response(request)
        # The user may have logged in during this request: remember their language here.
        user = request.user
        if user.is_authenticated and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.preferred_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
