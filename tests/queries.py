from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_of(client, url: str, method: str = "get") -> int:
    """How many queries a page runs, after checking it answered 200."""
    with CaptureQueriesContext(connection) as context:
        assert getattr(client, method)(url).status_code == 200
    return len(context)
