from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from accounts.selectors import Role, user_role


@login_required
def start(request):
    """A talent's first stop after signing in (the profile editor arrives with issue 3)."""
    if user_role(request.user) != Role.TALENT:
        raise Http404
    return render(request, "profiles/start.html")
