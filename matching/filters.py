"""The public opening browser's filters: what a talent asks of an opening.

Keyword search (`q`) and the sort order are fields of the same form, so they are validated and
kept in links with the rest, but `matching.selectors.opening_list` applies them: full-text search
differs between PostgreSQL and SQLite, and that switch lives in one place.
"""

import django_filters
from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, NumberInput
from esco.models import SkillLabel
from esco.selectors import MIN_QUERY_LENGTH, normalise, occupations_named
from profiles import geography
from profiles.reference import FIRST_LANGUAGES, language_choices, language_name

from .models import KINDS, Opening, OpeningLanguage, OpeningSkill

MAX_SKILL_TERMS = 10
MAX_QUERY_LENGTH = 200


class Sort(models.TextChoices):
    NEWEST = "newest", _("Newest first")
    DEADLINE = "deadline", _("Deadline soonest")
    RELEVANCE = "relevance", _("Best match (with keywords)")


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _region_choices():
    return [(region.code, region.label(_language())) for region in geography.regions()]


def _date_input():
    return DateInput()


class OpeningFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Keywords"),
        method="applied_by_selector",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Words in the title or the description, e.g. “python” or “siivous”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = django_filters.MultipleChoiceFilter(
        label=_("Type"),
        field_name="kind",
        choices=KINDS,
        distinct=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Words of the name, not a list to pick from: openings name thousands of occupations at
    # national scale, a select too long to use and to render.
    occupation = django_filters.CharFilter(
        label=_("Occupation"),
        method="filter_occupation",
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Words of the occupation’s name in English, Finnish or Swedish, "
            "e.g. “software developer” or “sairaanhoitaja”."
        ),
    )
    skills = django_filters.CharFilter(
        label=_("Skills"),
        method="filter_skills",
        max_length=MAX_QUERY_LENGTH * 5,
        help_text=_(
            "Separate skills with commas, e.g. “python, customer service”. "
            "Openings asking for any of them are shown."
        ),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=_region_choices,
        method="filter_region",
        empty_label=_("Anywhere"),
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"),
        choices=geography.municipality_choices,
        empty_label=_("Any municipality"),
    )
    remote = django_filters.BooleanFilter(
        label=_("Remote work possible"),
        method="filter_remote",
        widget=forms.CheckboxInput,
        help_text=_("Fully remote or hybrid."),
    )
    finnish_not_required = django_filters.BooleanFilter(
        label=_("Finnish not required"),
        method="filter_true_only",
        widget=forms.CheckboxInput,
    )
    language = django_filters.MultipleChoiceFilter(
        label=_("Languages I speak"),
        # Filled per request with the languages openings ask for (see __init__).
        choices=(),
        method="filter_languages",
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Shows openings that require no other languages."),
    )
    paid = django_filters.BooleanFilter(
        label=_("Paid only"), method="filter_true_only", widget=forms.CheckboxInput
    )
    starts_from = django_filters.DateFilter(
        label=_("Starts on or after"),
        field_name="start_date",
        lookup_expr="gte",
        widget=_date_input(),
    )
    starts_before = django_filters.DateFilter(
        label=_("Starts on or before"),
        field_name="start_date",
        lookup_expr="lte",
        widget=_date_input(),
    )
    max_duration = django_filters.NumberFilter(
        label=_("Lasts at most (months)"),
        field_name="duration_months",
        lookup_expr="lte",
        min_value=1,
        max_value=36,
        widget=NumberInput(),
        help_text=_("For internships and cooperation periods."),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=Sort.choices,
        method="applied_by_selector",
        empty_label=None,
    )

    class Meta:
        model = Opening
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._languages = None
        self.filters["language"].extra["choices"] = self._language_choices

    def _selected(self, name: str) -> list[str]:
        getlist = getattr(self.data, "getlist", None)
        values = getlist(name) if getlist else [self.data.get(name)]
        return [value for value in values if value]

    def _language_choices(self):
        """Finnish, Swedish and English, any other language a published opening asks for, and
        those asked for: a short list of checkboxes, not all of ISO 639. Read once per form."""
        if self._languages is None:
            asked = set(
                OpeningLanguage.objects.filter(opening__in=Opening.objects.published())
                .values_list("language", flat=True)
                .distinct()
            )
            known = dict(language_choices())
            asked |= {code for code in self._selected("language") if code in known}
            others = sorted(
                (code for code in asked if code not in FIRST_LANGUAGES),
                key=lambda code: language_name(code).casefold(),
            )
            self._languages = [(code, language_name(code)) for code in (*FIRST_LANGUAGES, *others)]
        return self._languages

    @property
    def search_text(self) -> str:
        return self._cleaned("q") or ""

    @property
    def sort_order(self) -> str:
        return self._cleaned("sort") or Sort.NEWEST

    def _cleaned(self, name):
        if not self.is_bound:
            return None
        self.form.is_valid()  # Validates once; an invalid value is left out, like an absent one.
        return self.form.cleaned_data.get(name)

    def applied_by_selector(self, queryset, name, value):
        return queryset

    def filter_true_only(self, queryset, name, value):
        """An unticked box means "don't care", not "must be false"."""
        return queryset.filter(**{name: True}) if value else queryset

    def filter_remote(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(work_mode__in=[Opening.WorkMode.REMOTE, Opening.WorkMode.HYBRID])

    def filter_occupation(self, queryset, name, value):
        occupations = occupations_named(value)
        return queryset if occupations is None else queryset.filter(occupation__in=occupations)

    def filter_region(self, queryset, name, value):
        codes = [item.code for item in geography.municipalities_in_region(value)]
        return queryset.filter(municipality__in=codes)

    def filter_skills(self, queryset, name, value):
        # Any language, any label ("trukki" finds "operate forklift"); any of at most ten.
        terms = list(dict.fromkeys(normalise(term) for term in value.split(",")))
        terms = [term for term in terms if len(term) >= MIN_QUERY_LENGTH][:MAX_SKILL_TERMS]
        if not terms:
            return queryset
        labels = Q()
        for term in terms:
            labels |= Q(search_text__contains=term)
        skills = SkillLabel.objects.filter(labels).values("concept_id")
        return queryset.filter(
            Exists(OpeningSkill.objects.filter(opening=OuterRef("pk"), skill__in=skills))
        )

    def filter_languages(self, queryset, name, value):
        """Openings the person can apply to: every language they require is one the person
        speaks (levels are not compared; an opening requiring no language is always shown)."""
        if not value:
            return queryset
        other = OpeningLanguage.objects.filter(opening=OuterRef("pk")).exclude(language__in=value)
        return queryset.filter(~Exists(other))
