"""Text that staff write in English and Finnish (`<field>_en`, `<field>_fi`), read in the
visitor's language: English stands in when the Finnish field is empty, and says so through
`lang`, so a template can mark it `lang="en"` for screen readers."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation


@dataclass(frozen=True)
class Text:
    value: str
    lang: str

    def __str__(self) -> str:
        return self.value


def active_language() -> str:
    """The two-letter code of the language this request is served in."""
    return (translation.get_language() or "en")[:2]


def in_language(obj, field: str, language: str | None = None) -> Text:
    language = (language or active_language())[:2]
    if language != "en" and language in dict(settings.LANGUAGES):
        value = getattr(obj, f"{field}_{language}")
        if value.strip():
            return Text(value, language)
    return Text(getattr(obj, f"{field}_en"), "en")
