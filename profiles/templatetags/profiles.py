from functools import cache

from django import template
from django.db import models
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from profiles import geography
from profiles.models import Education, Experience, OpportunityType, ProfileLanguage
from profiles.reference import country_name, language_name

register = template.Library()


@cache
def _choice_labels(choices: type[models.Choices], language: str) -> dict:
    """A choice's labels in one language, once: get_FOO_display() works out the lookup table
    again on every call, dozens of times on a page of result cards."""
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def _labels(choices: type[models.Choices]) -> dict:
    return _choice_labels(choices, translation.get_language() or "en")


@register.filter
def language(code: str) -> str:
    return language_name(code)


@register.filter
def country(code: str) -> str:
    return country_name(code)


@register.filter
def municipality(code: str) -> str:
    place = geography.municipality(code) if code else None
    if place is None:
        return ""
    language_code = translation.get_language() or "en"
    return f"{place.label(language_code)} ({place.region.label(language_code)})"


@register.simple_tag
def profile_item(item) -> str:
    """One line that sums up a language, education or experience entry."""
    if isinstance(item, ProfileLanguage):
        return f"{language_name(item.language)} – {item.get_level_display()}"
    if isinstance(item, Education):
        year = f", {item.year}" if item.year else ""
        return f"{item.get_level_display()}: {item.field}, {item.institution}{year}"
    if isinstance(item, Experience):
        end = date_format(item.end_date, "YEAR_MONTH_FORMAT") if item.end_date else _("now")
        start = date_format(item.start_date, "YEAR_MONTH_FORMAT")
        return f"{item.title}, {item.employer} ({start} – {end})"
    return str(item)


@register.filter
def spoken(languages) -> str:
    """A result card's languages with their levels, e.g. "Finnish (Native), Swedish (B1 ...)"."""
    levels = _labels(ProfileLanguage.Level)
    return ", ".join(
        f"{language_name(item.language)} ({levels.get(item.level, item.level)})"
        for item in languages
    )


@register.filter
def wanted(opportunities) -> str:
    """A result card's kinds of opportunity: "Job, Internship"."""
    kinds = _labels(OpportunityType)
    return ", ".join(kinds.get(item.kind, item.kind) for item in opportunities)
