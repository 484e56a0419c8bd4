from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from esco.models import Occupation, Skill

from . import geography
from .documents import cv_check, photo_process
from .models import (
    ContactMessage,
    ContactRequest,
    Education,
    Experience,
    OpportunityType,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)
from .reference import country_choices, language_choices


def municipality_choices():
    return [("", _("Choose a municipality")), *geography.municipality_choices()]


class BasicsForm(forms.ModelForm):
    class Meta:
        model = TalentProfile
        fields = [
            "display_name",
            "headline",
            "about",
            "municipality",
            "country",
            "willing_to_relocate",
        ]
        widgets = {"about": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = forms.ChoiceField(
            label=_("Municipality"),
            choices=municipality_choices,
            required=False,
            help_text=self.fields["municipality"].help_text,
        )
        self.fields["country"] = forms.ChoiceField(
            label=_("Country of residence"),
            choices=[("", _("I live in Finland")), *country_choices()],
            required=False,
            help_text=self.fields["country"].help_text,
        )


class PreferencesForm(forms.ModelForm):
    opportunity_types = forms.MultipleChoiceField(
        label=_("What are you looking for?"),
        choices=OpportunityType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = TalentProfile
        fields = ["available_from", "work_time", "hours_per_week", "right_to_work"]
        widgets = {"available_from": DateInput, "work_time": forms.RadioSelect}
        help_texts = {
            "right_to_work": _(
                "Private: only you, TalentHub staff and enterprises you apply to see this."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_time"].choices = TalentProfile.WorkTime.choices
        if self.instance.pk:
            self.initial["opportunity_types"] = [o.kind for o in self.instance.opportunities.all()]


class VisibilityForm(forms.ModelForm):
    class Meta:
        model = TalentProfile
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. We remove location and camera data."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        self.processed = photo_process(self.cleaned_data["photo"])
        return self.cleaned_data["photo"]


class CVForm(forms.Form):
    cv = forms.FileField(
        label=_("CV"),
        help_text=_("A PDF file, at most 5 MB. Only people you allow can download it."),
        widget=forms.FileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_cv(self):
        cv_check(self.cleaned_data["cv"])
        return self.cleaned_data["cv"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)


class SkillForm(forms.Form):
    skill = forms.ModelChoiceField(Skill.objects.pickable(), widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Proficiency"), choices=ProfileSkill.Level.choices, coerce=int
    )


class OccupationForm(forms.Form):
    occupation = forms.ModelChoiceField(Occupation.objects.all(), widget=forms.HiddenInput)


class LanguageForm(forms.ModelForm):
    class Meta:
        model = ProfileLanguage
        fields = ["language", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(label=_("Language"), choices=language_choices)


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "field", "institution", "year"]


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["title", "employer", "start_date", "end_date", "description"]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class ContactRequestForm(forms.ModelForm):
    class Meta:
        model = ContactRequest
        fields = ["opening", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, enterprise=None, **kwargs):
        super().__init__(*args, **kwargs)
        from matching.models import Opening

        openings = Opening.objects.published().filter(enterprise=enterprise)
        self.fields["opening"].queryset = openings.order_by("title")
        self.fields["opening"].empty_label = _("No particular opening")
        self.fields["opening"].help_text = _("The talent sees which opening you have in mind.")


class ContactMessageForm(forms.ModelForm):
    class Meta:
        model = ContactMessage
        fields = ["body"]
        labels = {"body": _("Your message")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}
