from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.selectors import Role

from .models import Preferences

# The categories a person hears of depends on their side of the service; staff see them all.
ROLE_FIELDS = {
    Role.TALENT: ["matches", "match_threshold", "applications", "messages", "placements"],
    Role.ENTERPRISE: ["applications", "messages", "openings", "placements"],
}
ALL_FIELDS = ["matches", "match_threshold", "applications", "messages", "openings", "placements"]
THRESHOLD_MIN, THRESHOLD_MAX = 20, 100
THRESHOLD_ERROR = _("Enter a match score from 20 to 100.")

HELP_TEXTS = {
    Role.TALENT: {
        "applications": _("When a company answers one of your applications."),
        "messages": _("When a company writes to you."),
        "placements": _("When a cooperation period or job starts, ends or needs your answer."),
    },
    Role.ENTERPRISE: {
        "applications": _("When someone applies to your company’s openings."),
        "messages": _("When a talent writes to your company."),
        "openings": _("When an opening is published, needs changes or is about to close."),
        "placements": _("When a cooperation period or job starts, ends or needs your answer."),
    },
}


class PreferencesForm(forms.ModelForm):
    """How each category is mailed. Only the role's categories are fields: the service is given
    just those, so the others keep what is stored."""

    class Meta:
        model = Preferences
        fields = ALL_FIELDS
        widgets = {name: forms.RadioSelect for name in ALL_FIELDS if name != "match_threshold"}

    def __init__(self, *args, role: Role, **kwargs):
        super().__init__(*args, **kwargs)
        shown = ROLE_FIELDS.get(role, ALL_FIELDS)
        for name in ALL_FIELDS:
            if name not in shown:
                del self.fields[name]
        for name, help_text in HELP_TEXTS.get(role, {}).items():
            if name in self.fields:
                self.fields[name].help_text = help_text
        if "match_threshold" in self.fields:
            model_field = self.fields["match_threshold"]
            self.fields["match_threshold"] = forms.IntegerField(
                label=model_field.label,
                help_text=model_field.help_text,
                min_value=THRESHOLD_MIN,
                max_value=THRESHOLD_MAX,
                error_messages={
                    "invalid": THRESHOLD_ERROR,
                    "min_value": THRESHOLD_ERROR,
                    "max_value": THRESHOLD_ERROR,
                },
            )
