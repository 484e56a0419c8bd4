from functools import cache

from accounts.selectors import Role, next_step_url, user_role, works_in_admin
from notifications.selectors import unread_count


def navigation(request):
    """The role decides the navigation; computed from the user row, without a query. The
    unread notification count is one query, run only if a template shows it."""
    user = getattr(request, "user", None)
    if user is None:
        return {"role": Role.ANONYMOUS}
    role = user_role(user)
    if role == Role.ANONYMOUS:
        return {"role": role, "home_for_role": None}
    return {
        "role": role,
        # Lazy: for staff it reads their permissions, which only the home page needs.
        "home_for_role": cache(lambda: next_step_url(user)),
        # Lazy too: only staff's navigation asks.
        "works_in_admin": cache(lambda: works_in_admin(user)),
        # A view that counts anyway passes the number under this name instead.
        "unread_notifications": cache(lambda: unread_count(user)),
    }
