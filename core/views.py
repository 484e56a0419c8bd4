from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from matching.selectors import opening_latest
from reports.selectors import headline_figures

from . import health
from .pagecache import public_page


@public_page
def home(request):
    return TemplateResponse(
        request,
        "core/home.html",
        {"openings": opening_latest(limit=3), "headline": headline_figures()},
    )


# The health views are served by core.middleware.HealthCheckMiddleware, not by a URL.
@never_cache
def healthz(request):
    """The process is alive; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Ready to serve: database, cache and (when configured) broker all answer."""
    checks = health.readiness()
    ok = all(checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks}, status=200 if ok else 503
    )
