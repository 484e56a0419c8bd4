"""The form templates written for speed (templates/django/forms, core.templatetags.widgets)
give the same markup as Django's own, but for blank lines between elements."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from core.forms import FormRenderer

CHOICES = [
    ("a", "Plain"),
    ("b", "<Markup> & “quotes”"),
    ("Group <1>", [("c", "In a group"), ("d", "Also")]),
]


def _spaced(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html))


class Everything(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, help_text="Help")
    many = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.SelectMultiple(attrs={"data-x": '"quoted"'})
    )
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    radios = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect(attrs={"class": "r"}))
    text = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"disabled": True}))
    tick = forms.BooleanField(required=False)


@pytest.mark.parametrize(
    "data", [None, {"one": "b", "many": ["a", "c"], "boxes": ["d"], "radios": "x", "text": "<'>"}]
)
def test_fields_render_as_with_djangos_own_templates(data):
    ours, djangos = Everything(data, renderer=FormRenderer()), Everything(data)
    djangos.renderer = DjangoTemplates()
    for name in Everything.base_fields:
        assert _spaced(ours[name].as_field_group()) == _spaced(djangos[name].as_field_group())
