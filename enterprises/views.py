from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts.selectors import Role, user_role

from .selectors import enterprises_of


@login_required
def start(request):
    """A company representative's first stop: their companies, or how to register one."""
    if user_role(request.user) != Role.ENTERPRISE:
        raise Http404
    return render(request, "enterprises/start.html", {"enterprises": enterprises_of(request.user)})
