from django.http import HttpResponseNotAllowed

from . import views

HEALTH_VIEWS = {"/healthz": views.healthz, "/readyz": views.readyz}


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before anything else looks at the request.

    Probes from a load balancer or a container engine use their own Host header and plain
    HTTP: host validation or the HTTPS redirect must not turn a healthy process into a 400
    or a 301. First in MIDDLEWARE; the views touch no session, user or template.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = HEALTH_VIEWS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return view(request)
