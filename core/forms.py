from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every form, ours and allauth's, renders with an error summary linked to its fields."""

    form_template_name = "components/form.html"
