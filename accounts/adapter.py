from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction
from django.utils import translation

from privacy.models import Consent, Purpose
from privacy.services import consents_set

from . import services
from .language import sync_language_at_login
from .selectors import next_step_url


class AccountAdapter(DefaultAccountAdapter):
    """Connects allauth to TalentHub: the side chosen at sign-up, landing pages, welcome."""

    def save_user(self, request, user, form, commit=True):
        user.side = form.cleaned_data["side"]
        user.preferred_language = translation.get_language() or user.preferred_language
        user = super().save_user(request, user, form, commit=commit)
        if commit and user.side == user.Side.TALENT:
            consents_set(
                user=user,
                choices={purpose: form.cleaned_data[purpose] for purpose in Purpose},
                source=Consent.Source.SIGNUP,
            )
        return user

    def login(self, request, user):
        super().login(request, user)
        sync_language_at_login(request, user)

    def get_login_redirect_url(self, request):
        return next_step_url(request.user)

    def get_signup_redirect_url(self, request):
        # Asked once the new user is logged in (after confirming the address).
        return next_step_url(request.user)

    def confirm_email(self, request, email_address):
        # The welcome commits with the confirmation, or neither does.
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                services.welcome_notify(user=email_address.user)
        return confirmed
