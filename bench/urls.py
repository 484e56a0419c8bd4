"""The site's URLs and the benchmark's minimal page: the framework's own ceiling on this
machine, through the same gunicorn and middleware as the site's pages (bench.pages)."""

from django.http import HttpResponse
from django.urls import path

from talenthub.urls import urlpatterns as site_urlpatterns

MINIMAL_PATH = "/bench/minimal/"


def minimal(request):
    """No database, no template: what every page costs before its own work."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path(MINIMAL_PATH.strip("/") + "/", minimal, name="bench_minimal"),
    *site_urlpatterns,
]
