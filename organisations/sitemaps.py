from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Organisation


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.active().order_by("name").only("slug")

    def location(self, organisation):
        return reverse("organisations:detail", args=[organisation.slug])
