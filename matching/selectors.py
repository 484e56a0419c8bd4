from .models import Opening


def opening_latest(*, limit: int = 3):
    """The newest published openings, for the home page."""
    return (
        Opening.objects.published().select_related("enterprise").order_by("-published_at")[:limit]
    )
