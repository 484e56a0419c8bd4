from functools import wraps

from django.contrib.auth.decorators import login_required
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
