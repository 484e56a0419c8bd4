"""The talent pool's filters: what an enterprise asks of a talent, each as one subquery."""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from esco.models import SkillLabel
from esco.selectors import MIN_QUERY_LENGTH, normalise, occupations_named

from . import geography
from .models import Opportunity, OpportunityType, ProfileLanguage, ProfileSkill, TalentProfile
from .reference import language_choices

MAX_SKILL_TERMS = 10
MAX_OCCUPATION_LENGTH = 200


def _region_choices():
    language = (translation.get_language() or "en")[:2]
    return [(region.code, region.label(language)) for region in geography.regions()]


def _my_openings(request):
    """The viewer's enterprises' published openings, to rank the pool by match to one."""
    from matching.models import Opening

    if request is None:
        return Opening.objects.none()
    # The choice shows the title and the ranking needs the key: nothing else is read.
    return Opening.objects.published().of_member(request.user).only("pk", "title").order_by("title")


class TalentPoolFilter(django_filters.FilterSet):
    skills = django_filters.CharFilter(
        label=_("Skills"),
        method="filter_skills",
        help_text=_("Separate skills with commas, e.g. “python, customer service”."),
    )
    skills_match = django_filters.ChoiceFilter(
        label=_("Which of these skills"),
        choices=[("all", _("All of these skills")), ("any", _("Any of these skills"))],
        empty_label=None,
        method="filter_nothing",
        widget=forms.RadioSelect,
        initial="all",
    )
    # Words of the name, not a list to pick from: the pool's talents name thousands of
    # occupations (3,000 at national scale), a select too long to use and to render.
    occupation = django_filters.CharFilter(
        label=_("Occupation of interest"),
        method="filter_occupation",
        max_length=MAX_OCCUPATION_LENGTH,
        help_text=_(
            "Words of the occupation’s name in English, Finnish or Swedish, "
            "e.g. “software developer” or “sairaanhoitaja”."
        ),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=language_choices,
        method="filter_language",
        empty_label=_("Any language"),
    )
    language_level = django_filters.ChoiceFilter(
        label=_("At least"),
        choices=ProfileLanguage.Level.choices,
        method="filter_nothing",
        empty_label=_("Any level"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=_region_choices, method="filter_place", empty_label=_("Anywhere")
    )
    relocate = django_filters.BooleanFilter(
        label=_("Include talents willing to relocate"),
        method="filter_nothing",
        widget=forms.CheckboxInput,
    )
    opportunity = django_filters.ChoiceFilter(
        label=_("Looking for"),
        choices=OpportunityType.choices,
        method="filter_opportunity",
        empty_label=_("Any opportunity"),
    )
    available_by = django_filters.DateFilter(
        label=_("Available by"),
        field_name="available_from",
        lookup_expr="lte",
        widget=DateInput(),
    )

    match_opening = django_filters.ModelChoiceFilter(
        label=_("Best match first for"),
        queryset=_my_openings,
        method="filter_match",
        empty_label=_("No ranking"),
        help_text=_("Rank talents by how well they fit one of your published openings."),
    )

    class Meta:
        model = TalentProfile
        fields = []

    def filter_nothing(self, queryset, name, value):
        """A modifier read by another filter (e.g. the minimum level of a language)."""
        return queryset

    def filter_skills(self, queryset, name, value):
        # At most ten distinct skills, each one subquery; one-letter terms would match anything.
        terms = list(dict.fromkeys(normalise(term) for term in value.split(",")))
        terms = [term for term in terms if len(term) >= MIN_QUERY_LENGTH][:MAX_SKILL_TERMS]
        if not terms:
            return queryset
        matches = []
        for term in terms:
            # Any language, any label: "trukki" finds "käyttää haarukkatrukkia".
            labels = SkillLabel.objects.filter(search_text__contains=term)
            matches.append(
                Exists(
                    ProfileSkill.objects.filter(
                        profile=OuterRef("pk"),
                        skill__in=labels.values("concept_id"),
                    )
                )
            )
        combined = matches[0]
        any_of = self.form.cleaned_data.get("skills_match") == "any"
        for match in matches[1:]:
            combined = combined | match if any_of else combined & match
        return queryset.filter(combined)

    def filter_occupation(self, queryset, name, value):
        occupations = occupations_named(value)
        if occupations is None:
            return queryset
        interested = TalentProfile.occupations.through.objects.filter(
            talentprofile=OuterRef("pk"), occupation__in=occupations
        )
        return queryset.filter(Exists(interested))

    def filter_language(self, queryset, name, value):
        level = int(self.form.cleaned_data.get("language_level") or ProfileLanguage.Level.A1)
        spoken = ProfileLanguage.objects.filter(
            profile=OuterRef("pk"), language=value, level__gte=level
        )
        return queryset.filter(Exists(spoken))

    def filter_place(self, queryset, name, value):
        codes = [m.code for m in geography.municipalities_in_region(value)]
        place = Q(municipality__in=codes)
        if self.form.cleaned_data.get("relocate"):
            place |= Q(willing_to_relocate=True)
        return queryset.filter(place)

    def filter_match(self, queryset, name, value):
        from matching.models import MatchScore

        score = MatchScore.objects.filter(profile=OuterRef("pk"), opening=value).values("score")
        return queryset.annotate(match_score=Subquery(score[:1])).order_by(
            F("match_score").desc(nulls_last=True), "display_name", "pk"
        )

    def filter_opportunity(self, queryset, name, value):
        return queryset.filter(
            Exists(Opportunity.objects.filter(profile=OuterRef("pk"), kind=value))
        )
