"""Form widgets' markup written in Python where a template loop is too slow."""

from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _escaped(value) -> str:
    """As the template's autoescape: safe strings as they are, anything else escaped."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True is a bare attribute, False none at all."""
    return "".join(
        f" {_escaped(name)}" if value is True else f' {_escaped(name)}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


@register.simple_tag
def widget_attrs(attrs: dict) -> SafeString:
    """A widget's attributes, as Django's attrs.html include writes them (every input and
    select of every form included it)."""
    return mark_safe(_attrs(attrs))  # noqa: S308 (every value is escaped)


@register.simple_tag
def select_options(widget: dict) -> SafeString:
    """A select's options and groups, as Django's select template loops them: the long lists
    (occupations, municipalities, languages) took most of a filter page's time as a template
    loop of an include, and still much as a plain loop."""
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escaped(group_name)}">')
        parts.extend(
            f'\n  <option value="{_escaped(option["value"])}"{_attrs(option["attrs"])}>'
            f"{_escaped(option['label'])}</option>"
            for option in group_choices
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)


# The option templates whose markup choice_inputs writes itself (as input_option.html does).
STANDARD_OPTIONS = {
    "django/forms/widgets/checkbox_option.html",
    "django/forms/widgets/radio_option.html",
}


def _choice_input(option: dict) -> str:
    if option["template_name"] not in STANDARD_OPTIONS:
        return render_to_string(option["template_name"], {"widget": option})
    attrs = option["attrs"]
    value = "" if option["value"] is None else f' value="{_escaped(option["value"])}"'
    field = f'<input type="{_escaped(option["type"])}" name="{_escaped(option["name"])}"'
    field += f"{value}{_attrs(attrs)}>\n"
    if not option["wrap_label"]:
        return f"{field}\n"
    label_for = f' for="{_escaped(attrs["id"])}"' if attrs.get("id") else ""
    return f"<label{label_for}>{field} {_escaped(option['label'])}</label>\n\n"


@register.simple_tag
def choice_inputs(widget: dict) -> SafeString:
    """A group of checkboxes or radios, as Django's multiple_input.html loops them: each box
    was three nested includes."""
    parts = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{_escaped(group_name)}</label>")
        parts.extend(f"<div>\n    {_choice_input(option)}</div>" for option in group_choices)
        if group_name:
            parts.append("\n  </div>")
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
