"""Atom and RSS feeds of published openings, filtered like the list page they mirror."""

import re

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .selectors import opening_list

FEED_SIZE = 50
SUMMARY_WORDS = 60
# Characters XML 1.0 cannot carry: Django's feed writer raises on control characters, so one
# typed into an opening would break the whole feed (and feed readers refuse U+FFFE, U+FFFF).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def _with_query(path: str, params) -> str:
    query = params.urlencode()
    return f"{path}?{query}" if query else path


class OpeningAtomFeed(Feed):
    """The newest published openings; the list page's filters (?type=job&remote=on ...) apply."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        # One instance serves every request: the filters travel as the feed's object.
        params = request.GET.copy()
        params.pop("page", None)
        return params

    def title(self, params):
        if params:
            return _("Openings matching your filters – TalentHub")
        return _("Openings – TalentHub")

    def subtitle(self, params):
        return _("Jobs, internships and cooperation periods in local companies.")

    # RSS calls it the description.
    description = subtitle

    def link(self, params):
        return _with_query(reverse("openings:list"), params)

    def feed_url(self, params):
        return _with_query(reverse(self.url_name), params)

    url_name = "openings:feed"

    def items(self, params):
        return opening_list(params=params)[1][:FEED_SIZE]

    def item_title(self, opening):
        return _xml_text(f"{opening.title} – {opening.enterprise.name}")

    def item_description(self, opening):
        summary = Truncator(_xml_text(opening.description)).words(SUMMARY_WORDS)
        return linebreaks(f"{opening.get_kind_display()}\n\n{summary}", autoescape=True)

    def item_link(self, opening):
        return reverse("openings:detail", args=[opening.pk])

    def item_pubdate(self, opening):
        return opening.published_at

    def item_updateddate(self, opening):
        return opening.updated_at

    def item_author_name(self, opening):
        return _xml_text(opening.enterprise.name)

    def item_categories(self, opening):
        return [opening.get_kind_display()]


class OpeningRssFeed(OpeningAtomFeed):
    feed_type = Rss201rev2Feed
    url_name = "openings:feed_rss"
