from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Referral, Service

MESSAGE_MAX_LENGTH = Referral._meta.get_field("message").max_length


class ReferralRequestForm(forms.Form):
    """A talent asks an organisation to contact them."""

    service = forms.ChoiceField(
        label=_("What would you like help with?"),
        choices=[("", _("Something else, or not sure"))],
        required=False,
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Briefly describe your situation and what you would like to ask, in English or "
            "Finnish. Do not include your passport number or health information."
        ),
    )

    def __init__(self, *args, services=(), **kwargs):
        """`services`: the codes the organisation offers, the only topics offered."""
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [
            *self.fields["service"].choices,
            *((code, Service(code).label) for code in services),
        ]
