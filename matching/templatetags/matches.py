from django import template

from matching.engine import Reason

register = template.Library()


@register.filter
def reasons(stored) -> list[str]:
    """A stored score's reasons (a MatchScore, or its `reasons` rows) in the active language."""
    rows = getattr(stored, "reasons", stored)
    return [Reason.from_dict(row).text for row in rows]
