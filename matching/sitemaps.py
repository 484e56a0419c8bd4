"""The sitemap's parts for openings: the public lists, and every published opening with when
it last changed."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Opening


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "core:home",
            "openings:list",
            "organisations:list",
            "organisations:entrepreneurship",
            "toolkit:assessment",
        ]

    def location(self, item):
        return reverse(item)


class OpeningSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Opening.objects.published().order_by("-published_at", "-pk").only("updated_at")

    def location(self, opening):
        return reverse("openings:detail", args=[opening.pk])

    def lastmod(self, opening):
        return opening.updated_at
