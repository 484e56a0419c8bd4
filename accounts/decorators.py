from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .selectors import Role, user_role


def role_required(*roles: Role):
    """Anonymous visitors go to log in; a signed-in person of another role gets 404.

    404, not 403: a page meant for another side of the service does not admit it exists.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if user_role(request.user) not in roles:
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


def staff_required(permission: str):
    """A staff page: anonymous visitors log in, people who are not staff get 404, and staff
    whose role lacks the permission get 403 (they know the page exists; it is not theirs)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_staff:
                raise Http404
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator
