from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, NumberInput
from esco.models import Occupation, Skill
from profiles.forms import municipality_choices
from profiles.models import ProfileLanguage, ProfileSkill
from profiles.reference import language_choices

from .models import Opening, OpeningLanguage


class OpeningForm(forms.ModelForm):
    """The opening's own fields; required skills and languages are added on their own page."""

    class Meta:
        model = Opening
        fields = [
            "title",
            "kind",
            "description",
            "tasks",
            "offer",
            "finnish_not_required",
            "work_mode",
            "municipality",
            "start_date",
            "duration_months",
            "hours_per_week",
            "paid",
            "salary_min",
            "salary_max",
            "deadline",
            "positions",
            "contact",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "work_mode": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "offer": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput,
            "deadline": DateInput,
            # A value typed that is no number comes back with its error, not into the field.
            **dict.fromkeys(
                ["duration_months", "hours_per_week", "salary_min", "salary_max", "positions"],
                NumberInput,
            ),
        }
        help_texts = {
            "description": _("What the enterprise does and why this opening exists."),
            "finnish_not_required": _(
                "Talents can search for this. Tick it when the work can be done in another "
                "language, even if Finnish would help."
            ),
            "duration_months": _("For internships and cooperation periods."),
            "salary_min": _("Required for jobs. Openings with a salary get more applicants."),
            "deadline": _("The opening expires after this day; we remind you three days before."),
        }

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = forms.ChoiceField(
            label=_("Municipality"),
            choices=municipality_choices,
            required=False,
            help_text=_("Where the work is done; leave empty if it is fully remote."),
        )
        self.fields["contact"].queryset = get_user_model().objects.filter(
            membership__enterprise=enterprise
        )
        self.fields["contact"].label_from_instance = lambda user: user.full_name or user.email
        self.fields["kind"].choices = Opening._meta.get_field("kind").choices
        self.fields["work_mode"].choices = Opening.WorkMode.choices

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        changed = "deadline" in self.changed_data
        if deadline and changed and deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", _("The upper end is below the lower end."))
        if cleaned.get("kind") == "job" and cleaned.get("paid") is False:
            self.add_error("paid", _("A job is always paid; choose another type for unpaid work."))
        if not cleaned.get("paid") and (low or high):
            self.add_error("salary_min", _("An unpaid opening has no salary."))
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)


class SkillRequirementForm(forms.Form):
    skill = forms.ModelChoiceField(Skill.objects.pickable(), widget=forms.HiddenInput)
    essential = forms.TypedChoiceField(
        label=_("How important"),
        choices=[("1", _("Essential")), ("0", _("Nice to have"))],
        coerce=lambda value: value == "1",
        initial="1",
    )
    level = forms.TypedChoiceField(
        label=_("Level"), choices=ProfileSkill.Level.choices, coerce=int, initial=2
    )


class OccupationChoiceForm(forms.Form):
    occupation = forms.ModelChoiceField(Occupation.objects.all(), widget=forms.HiddenInput)


class LanguageRequirementForm(forms.ModelForm):
    class Meta:
        model = OpeningLanguage
        fields = ["language", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(label=_("Language"), choices=language_choices)
        self.fields["level"].choices = ProfileLanguage.Level.choices


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does the opening close?"),
        choices=Opening.CloseReason.choices,
        widget=forms.RadioSelect,
    )
