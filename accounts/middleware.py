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
