from allauth.account.views import LoginView as AllauthLoginView
from django.conf import settings
from django.forms.forms import NON_FIELD_ERRORS
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services


class LoginView(AllauthLoginView):
    """allauth's login, answering 429 once an address has too many failed attempts."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            response.status_code = 429
        return response


@require_POST
def set_language(request):
    """Django's language switch (a form, no JavaScript), remembered for a signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response
