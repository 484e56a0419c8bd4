from django import forms
from django.utils.translation import gettext_lazy as _

# A field people never see (it sits in a `hidden` block); a bot that fills every field in
# does fill it in, and its message is dropped.
HONEYPOT = "website"


class FeedbackForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send our answer to this address."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    page_url = forms.CharField(
        label=_("The page or feature it concerns (optional)"),
        max_length=500,
        required=False,
        help_text=_("Copy the address from your browser, or describe where you were."),
    )
    message = forms.CharField(
        label=_("What did you find?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Tell us what you tried to do and what got in the way."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    field_order = ["email", "name", "page_url", "message"]

    def visible_fields(self):
        # The honeypot is rendered on its own, out of sight; not with the real fields.
        return [field for field in super().visible_fields() if field.name != HONEYPOT]

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))
