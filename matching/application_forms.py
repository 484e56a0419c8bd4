from django import forms
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 2000
PROFILE_CV, NO_CV = "profile", "none"


class ApplyForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why are you interested?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "A few sentences to the company: why this opening, and what you would bring. "
            "At most 2000 characters."
        ),
    )
    cv = forms.ChoiceField(label=_("CV"), widget=forms.RadioSelect)

    def __init__(self, *args, profile, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cv"]
        if profile.cv:
            field.choices = [
                (
                    PROFILE_CV,
                    _("Send the CV on my profile (%(name)s)")
                    % {"name": profile.cv_filename or "cv.pdf"},
                ),
                (NO_CV, _("Apply without a CV")),
            ]
            field.initial = PROFILE_CV
            field.help_text = _(
                "The company receives a copy: changing your profile CV later does not change it."
            )
        else:
            field.choices = [(NO_CV, _("Apply without a CV"))]
            field.initial = NO_CV
            field.help_text = _("To send a CV, upload one on your profile first.")


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the talent (optional)"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent with the notice. A few kind words about why help the talent."),
    )
