from django.shortcuts import render

from accounts.decorators import role_required
from accounts.selectors import Role


@role_required(Role.TALENT)
def start(request):
    """A talent's first stop after signing in (the profile editor arrives with issue 3)."""
    return render(request, "profiles/start.html")
