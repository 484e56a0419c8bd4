"""The directory's filters: what a talent or a company looks for in a support organisation."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from profiles import geography
from profiles.reference import FIRST_LANGUAGES, language_name

from .models import Organisation, OrganisationLanguage, Service

MAX_QUERY_LENGTH = 200


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words in the name or the description, e.g. “permit” or “Karelia”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    service = django_filters.MultipleChoiceFilter(
        label=_("Services"),
        choices=Service.choices,
        method="filter_services",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Shows organisations that offer any of the services ticked."),
    )
    language = django_filters.ChoiceFilter(
        label=_("Serves people in"),
        # The languages organisations serve in, read per request (see __init__).
        choices=(),
        method="filter_language",
        empty_label=_("Any language"),
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"),
        choices=geography.municipality_choices,
        empty_label=_("Any municipality"),
    )

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read now, once: a callable would be read again by each copy of the form field.
        self.filters["language"].extra["choices"] = self._language_choices()

    def _language_choices(self) -> list[tuple[str, str]]:
        """Finnish, Swedish and English, then the others some active organisation serves in,
        and the one asked for: a short list, not all of ISO 639."""
        served = set(
            OrganisationLanguage.objects.filter(organisation__is_active=True)
            .values_list("language", flat=True)
            .distinct()
        )
        asked = self.data.get("language") if self.data else None
        if asked and language_name(asked) != asked:
            served.add(asked)
        others = sorted(
            (code for code in served if code not in FIRST_LANGUAGES),
            key=lambda code: language_name(code).casefold(),
        )
        return [(code, language_name(code)) for code in (*FIRST_LANGUAGES, *others)]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(description_en__icontains=word)
                | Q(description_fi__icontains=word)
            )
        return queryset

    def filter_services(self, queryset, name, value):
        return queryset.offering(value) if value else queryset

    def filter_language(self, queryset, name, value):
        return queryset.serving_in(value)
