"""Forms of the placement pages. They check the input's shape; the services check the rest
(and say the same about dates, so a form and the admin refuse alike)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from enterprises.models import Industry
from enterprises.validators import normalise_business_id, validate_business_id

from .models import Outcome, StartUp

MAX_TEXT = 2000


class PlacementForm(forms.Form):
    """The enterprise corrects an agreed placement: dates, supervisor and goals."""

    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for an open-ended job."),
    )
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("No one named yet"),
        help_text=_("The team member the talent turns to. They get the placement’s mail."),
    )
    goals = forms.CharField(
        label=_("Goals"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the talent should learn or achieve. Both of you see them."),
    )

    def __init__(self, *args, enterprise, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["supervisor"]
        field.queryset = get_user_model().objects.filter(membership__enterprise=enterprise)
        field.label_from_instance = lambda user: user.full_name or user.email

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the placement end early?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The other side reads this. Staff may contact you both."),
    )


class CheckInForm(forms.Form):
    text = forms.CharField(
        label=_("Your check-in"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has gone well, and what should change for the rest of the period?"),
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did it go, from 1 (poorly) to 5 (very well)?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("A few words"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened after the placement?"),
        choices=Outcome.Kind.choices,
        widget=forms.RadioSelect,
    )
    startup = forms.ModelChoiceField(
        label=_("The start-up"),
        queryset=StartUp.objects.none(),
        required=False,
        empty_label=_("None of these"),
        help_text=_("Only if the talent founded a start-up. Talents record theirs on their page."),
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["startup"].queryset = StartUp.objects.filter(founder_id=placement.profile_id)

    def clean(self):
        data = super().clean()
        if data.get("startup") and data.get("kind") != Outcome.Kind.STARTUP:
            self.add_error("startup", _("Name a start-up only when the talent founded one."))
        return data


class StartUpForm(forms.Form):
    name = forms.CharField(label=_("Name of the company"), max_length=200)
    business_id = forms.CharField(
        label=_("Business ID (optional)"),
        max_length=20,
        required=False,
        help_text=_("Y-tunnus, e.g. 1234567-1, once the company is registered."),
    )
    founded_on = forms.DateField(label=_("Founded on"), widget=DateInput())
    industry = forms.ChoiceField(
        label=_("Industry"),
        choices=[("", _("Choose an industry")), *Industry.choices],
        required=False,
    )
    support_organisation = forms.CharField(
        label=_("Organisation that helped (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example a business advisory service or an incubator."),
    )

    def clean_business_id(self):
        value = normalise_business_id(self.cleaned_data["business_id"])
        if value:
            validate_business_id(value)
        return value

    def clean_founded_on(self):
        value = self.cleaned_data["founded_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The founding date cannot be in the future."))
        return value
