from accounts.selectors import Role, next_step_url, user_role


def navigation(request):
    """The role decides the navigation; computed from the user row, without a query."""
    user = getattr(request, "user", None)
    if user is None:
        return {"role": Role.ANONYMOUS}
    role = user_role(user)
    return {
        "role": role,
        "home_for_role": next_step_url(user) if role != Role.ANONYMOUS else None,
    }
