"""Reads for the content pages: which page a visitor may see, and its text in their language."""

from functools import cached_property

from django.conf import settings

from core.translated import Text, in_language

from .markdown import render_cached
from .models import Page


class PageText:
    """A page's title, summary and body in one language, each falling back to English."""

    def __init__(self, page: Page, *, language: str):
        self.page = page
        self.language = language if language in dict(settings.LANGUAGES) else "en"
        self.title = self._pick("title")
        self.summary = self._pick("summary")

    def _pick(self, field: str) -> Text:
        return in_language(self.page, field, self.language)

    @cached_property
    def body(self) -> Text:
        """The body as HTML (rendered only when a template asks: cards show no body)."""
        source = self._pick("body")
        return Text(render_cached(source.value), source.lang)


def page_for(*, slug: str, kind: str, viewer) -> Page:
    """The page a viewer may see (Page.DoesNotExist otherwise: unknown or unpublished)."""
    return Page.objects.visible_to(viewer).get(slug=slug, kind=kind)


def guide_list(*, viewer):
    """The toolkit's guides for its cards, without their bodies."""
    return Page.objects.visible_to(viewer).guides().defer("body_en", "body_fi")
