from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from privacy.forms import consent_fields

from .models import User


class SignupForm(AllauthSignupForm):
    side = forms.ChoiceField(
        label=_("Which side are you on?"),
        choices=[
            (User.Side.TALENT, _("I am a talent")),
            (User.Side.ENTERPRISE, _("I represent a company")),
        ],
        widget=forms.RadioSelect,
        help_text=_("You can do the rest of the set-up after confirming your email."),
    )

    field_order = ["side", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(consent_fields(help_prefix=_("Talents only.")))


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
