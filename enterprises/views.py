from django.shortcuts import render

from accounts.decorators import role_required
from accounts.selectors import Role

from .selectors import enterprises_of


@role_required(Role.ENTERPRISE)
def start(request):
    """A company representative's first stop: their companies, or how to register one."""
    return render(request, "enterprises/start.html", {"enterprises": enterprises_of(request.user)})
