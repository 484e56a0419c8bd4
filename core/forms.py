import datetime
import re

from django import forms
from django.forms.renderers import TemplatesSetting

# HTML's own forms of a date and a number: what a date picker and a number field can show.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")


class FormRenderer(TemplatesSetting):
    """Every form, ours and allauth's, renders with an error summary linked to its fields."""

    form_template_name = "components/form.html"


class DateInput(forms.DateInput):
    """The browser's date picker. Its value is an ISO date in every language: the picker
    cannot show "11.1.2027" (and the form would lose the date). A value that is no date, from
    a hand-edited filter link, is left out: the browser would show the field empty anyway."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        value = super().format_value(value)
        if value is None or not ISO_DATE.fullmatch(str(value)):
            return None
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return None
        return value


class NumberInput(forms.NumberInput):
    """A number field, leaving out a value that is no number (from a hand-edited link)."""

    def format_value(self, value):
        value = super().format_value(value)
        return value if value is not None and NUMBER.fullmatch(str(value)) else None
