from functools import cache

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Personal files (photos, CVs) that only permission-checked views serve."""

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


@cache
def private_storage() -> PrivateStorage:
    # A callable, so migrations name this function rather than a machine's path.
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)
