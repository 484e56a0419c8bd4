from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Purpose

HELP_TEXTS = {
    Purpose.SHOWN_TO_COMPANIES: _(
        "Companies see your skills and experience, not your name, until you choose to show it "
        "in your profile. Without this, only the city’s staff see your profile."
    ),
    Purpose.MATCH_MAIL: _("You choose how often in your email settings."),
}


def consent_fields(*, help_prefix=None) -> dict[str, forms.BooleanField]:
    """One unticked box per purpose: a consent is given by ticking, never by default."""
    return {
        purpose.value: forms.BooleanField(
            label=purpose.label,
            required=False,
            help_text=format_lazy("{} {}", help_prefix, HELP_TEXTS[purpose])
            if help_prefix
            else HELP_TEXTS[purpose],
        )
        for purpose in Purpose
    }


class ConsentForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(consent_fields())
