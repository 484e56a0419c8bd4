"""Links for mail: a mail client has no page to resolve a relative link against."""

from django.conf import settings


def site_url(path: str) -> str:
    """An absolute link for a mail client, from the configured SITE_URL."""
    return settings.SITE_URL + path
