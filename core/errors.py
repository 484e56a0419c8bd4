"""Domain errors the services raise and the views turn into messages."""

from django.core.exceptions import ValidationError


class InvalidTransition(ValidationError):
    """A status change the allowed-transitions table does not permit from the current state.

    A ValidationError, so a view can show its message as it shows any other refusal.
    """
