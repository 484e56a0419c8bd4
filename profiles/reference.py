"""ISO 639 languages and ISO 3166 countries with names in the reader's language (pycountry)."""

import gettext
from functools import cache

import pycountry
from django.utils import translation

# The languages most Finnish employers ask about come first in every list.
FIRST_LANGUAGES = ("fi", "sv", "en")


@cache
def _translation(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _active() -> str:
    return (translation.get_language() or "en")[:2]


@cache
def _language_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _translation("iso639-3", language)
    named = {
        lang.alpha_2: names.gettext(lang.name)
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    }
    first = [(code, named[code]) for code in FIRST_LANGUAGES]
    rest = sorted(
        ((code, name) for code, name in named.items() if code not in FIRST_LANGUAGES),
        key=lambda item: item[1].casefold(),
    )
    return tuple(first + rest)


def language_choices() -> tuple[tuple[str, str], ...]:
    """ISO 639-1 languages: Finnish, Swedish and English first, then by name."""
    return _language_choices(_active())


@cache
def _language_names(language: str) -> dict[str, str]:
    return dict(_language_choices(language))


def language_name(code: str) -> str:
    # Once per language: a page of profiles names a language a hundred times.
    return _language_names(_active()).get(code, code)


@cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _translation("iso3166-1", language)
    countries = ((c.alpha_2, names.gettext(c.name)) for c in pycountry.countries)
    return tuple(sorted(countries, key=lambda item: item[1].casefold()))


def country_choices() -> tuple[tuple[str, str], ...]:
    return _country_choices(_active())


@cache
def _country_names(language: str) -> dict[str, str]:
    return dict(_country_choices(language))


def country_name(code: str) -> str:
    return _country_names(_active()).get(code, code)
