from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .exports import export_response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request):
    """The page that explains the download, and the download: always the signed-in person's
    own data, so there is no one else's to ask for."""
    if request.method != "POST":
        return render(request, "privacy/export.html")
    return export_response(request.user)
