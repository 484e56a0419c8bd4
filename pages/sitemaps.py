from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    """The published content pages and guides, with when staff last edited them."""

    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("kind", "slug").only("slug", "kind", "updated_at")

    def lastmod(self, page):
        return page.updated_at
