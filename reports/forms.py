from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from enterprises.models import Industry
from matching.models import KINDS
from profiles import geography

from .selectors import Filters, Period, default_period, today

FIRST_YEAR = 2019
# A month-by-month chart of a longer period would be unreadable.
MAX_DAYS = 3 * 366


def _date_input():
    return DateInput()


class ImpactFilterForm(forms.Form):
    """The dashboard's and the exports' query string: a year or a date range, and filters."""

    year = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        required=False,
        help_text=_("This year runs up to today."),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=_date_input(),
        help_text=_("Dates, when given, are used instead of the year."),
    )
    date_to = forms.DateField(label=_("To (inclusive)"), required=False, widget=_date_input())
    type = forms.ChoiceField(label=_("Type"), required=False)
    municipality = forms.ChoiceField(label=_("Company's municipality"), required=False)
    industry = forms.ChoiceField(
        label=_("Industry"),
        required=False,
        choices=[("", _("All industries")), *Industry.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = today().year
        self.fields["year"].choices = [
            (year, str(year)) for year in range(current, FIRST_YEAR - 1, -1)
        ]
        self.fields["type"].choices = [("", _("All types")), *KINDS]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *geography.municipality_choices(),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if self.has_error("date_from") or self.has_error("date_to"):
            return data
        if start and not end:
            self.add_error("date_to", _("Give the last day too, or leave both dates empty."))
        elif end and not start:
            self.add_error("date_from", _("Give the first day too, or leave both dates empty."))
        elif start and end:
            if start > end:
                self.add_error("date_to", _("The last day must not be before the first day."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("date_to", _("Choose a period of at most three years."))
        return data

    def period(self) -> Period:
        """The chosen period (call after is_valid(); an unbound form gives this year)."""
        if not self.is_bound:
            return default_period()
        data = self.cleaned_data
        if data["date_from"]:
            return Period(data["date_from"], data["date_to"])
        if data["year"]:
            return Period.year(data["year"], today=today())
        return default_period()

    def filters(self) -> Filters:
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(
            kind=data["type"], municipality=data["municipality"], industry=data["industry"]
        )
