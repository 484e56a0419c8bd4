"""Whole pages from the cache: public ones for anonymous visitors, and the heaviest signed-in
pages for the person they were rendered for.

The home page and the opening pages cost several milliseconds to render and are the same for
every anonymous visitor in a language, apart from the CSRF token of the language switcher and
the CSP nonce. Those two are stored as placeholders and filled in per response, so no visitor
gets another's token or nonce. Signed-in people, and anyone with a message waiting, always get
a fresh page, and never store one.

A page is stored when its address is asked for the second time within the timeout: an
address asked once (a crawler's, or endless made-up query strings) leaves a marker of a few
bytes, not a page, so what the cache holds grows with the popular pages only.

A change that anonymous visitors would see calls `public_pages_changed()`: after the commit it
moves the version number that a stored page must carry to be served, so all cached pages go at
once. The timeout is a safety net for what changes with time alone (an opening leaves the list
when its deadline day ends).

The heaviest signed-in pages (`private_page`) are cached the same way, per person: only the
person they were rendered for gets them back. What a signed-in page shows depends on almost
every table, so no list of changes decides when they go: every write to the database through
Django (`_watch`, on every connection) that changed a row moves their version once its
transaction commits, bulk writes and raw SQL included. Only writes to tables no such page shows
(`UNSEEN_TABLES`) leave them. A busy site empties them often; a page asked again before the
next write costs no query of its own. A write from outside Django (psql), or a cache that fails
just as the version is moved, leaves them at most until the timeout: it is kept short.
"""

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
DATA_VERSION_KEY = "privatepage:version"

# Tables that no page cached for signed-in people shows (tests/core/test_private_pages.py
# checks that they read none): writing them, at every sign-in and every profile a company opens,
# leaves the pages cached.
UNSEEN_TABLES = frozenset({"django_session", "audit_accesslog"})
# Columns no such page shows, so an UPDATE of only these leaves them: a sign-in's last_login.
UNSEEN_COLUMNS = {"accounts_user": frozenset({"last_login"})}
# What a statement that cannot write starts with; anything else counts as a write.
_READS = frozenset({"SELECT", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK", "COMMIT", "SHOW", "SET"})
# The table a write names, as Django quotes it: INSERT INTO "t", UPDATE "t", DELETE FROM "t".
_WRITTEN = re.compile(r'(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
# An UPDATE as Django writes it: UPDATE "t" SET "a" = %s, "b" = %s WHERE ...
_UPDATED = re.compile(r'UPDATE "(\w+)" SET ((?:"\w+" = %s(?:, )?)+)(?: WHERE |$)')


def _placeholder() -> str:
    # New for every rendering and stored with it: text on the page (an opening's description)
    # cannot know it, so no visitor's token or nonce can be put into it. Hex: nothing to
    # escape, and unlike any token or nonce.
    return f"__placeholder-{secrets.token_hex(16)}__"


def public_pages_changed() -> None:
    """What anonymous visitors see has changed: once committed, no cached page is served."""
    # Robust: a cache that is down must not keep the callbacks after this one (the mail of
    # the same change) from running.
    transaction.on_commit(
        lambda: cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None), robust=True
    )


def _new_data_version() -> None:
    cache.set(DATA_VERSION_KEY, secrets.token_hex(8), timeout=None)


def data_changed(using: str = "default") -> None:
    """The database changed (or will, when the transaction commits): once committed, no page
    cached for a signed-in person is served."""
    _changed_on(transaction.get_connection(using))


def _changed_on(connection) -> None:
    # Once per transaction, however many writes. The connection itself, not its alias: the
    # one Django opens to create a database has an alias no one can look up.
    if any(func is _new_data_version for _sids, func, _robust in connection.run_on_commit):
        return
    connection.on_commit(_new_data_version, robust=True)


def _writes(sql) -> bool:
    if not isinstance(sql, str):  # composed with psycopg.sql: only our upserts are
        return True
    head = sql.lstrip(" \n(").split(None, 1)[0].upper() if sql.strip() else "SELECT"
    if head in _READS:
        return False
    written = _WRITTEN.findall(sql)
    if head == "WITH" and not written:
        return False
    if (update := _UPDATED.match(sql)) and update[1] in UNSEEN_COLUMNS:
        return not set(re.findall(r'"(\w+)" = %s', update[2])) <= UNSEEN_COLUMNS[update[1]]
    return not written or any(table not in UNSEEN_TABLES for table in written)


def _changed_nothing(sql, cursor) -> bool:
    """An UPDATE or DELETE that matched no row (the relay's UPDATE every minute, mostly). Not
    one with RETURNING: SQLite counts its rows only as they are read."""
    return (
        isinstance(sql, str)
        and sql.startswith(("UPDATE ", "DELETE "))
        and " RETURNING " not in sql
        and cursor.rowcount == 0
    )


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if _writes(sql) and not _changed_nothing(sql, context["cursor"]):
        _changed_on(context["connection"])
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """Every database connection reports its writes (connected in CoreConfig.ready)."""
    # First, not last: a `connection.execute_wrapper()` block this connection was opened in
    # removes the last wrapper when it ends.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


@dataclass(frozen=True)
class _Kind:
    """Public pages (anonymous visitors) or private ones (each signed-in person their own)."""

    name: str
    version_key: str
    setting: str
    signed_in: bool

    @property
    def seconds(self) -> int:
        return getattr(settings, self.setting)

    def key(self, request) -> str:
        # The absolute URL: the pages contain links built from the host and scheme.
        url = request.build_absolute_uri()
        viewer = request.user.pk if self.signed_in else ""
        digest = hashlib.sha256(f"{get_language()}:{viewer}:{url}".encode()).hexdigest()
        return f"{self.name}:{digest}"

    def lookup(self, key: str) -> tuple[str, tuple | None]:
        """The current version, and the page stored under `key` if it was rendered at that
        version; one round trip to the cache."""
        found = cache.get_many([self.version_key, key])
        version = found.get(self.version_key)
        if version is None:
            # Never a fixed default: pages of an earlier version could come back with it.
            cache.add(self.version_key, secrets.token_hex(8), timeout=None)
            return cache.get(self.version_key), None
        stored = found.get(key)
        return version, stored if stored and stored[0] == version else None

    def asked_before(self, key: str) -> bool:
        """Whether the address was asked for within the timeout; marks it asked if not. A
        cache that went down since the lookup answers no: nothing is stored."""
        try:
            return not cache.add(f"{key}:asked", True, self.seconds)
        except Exception:
            logger.warning("Page cache unavailable", exc_info=True)
            return False

    def cacheable(self, request) -> bool:
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and request.user.is_authenticated == self.signed_in
            # Counting does not mark the messages as seen: the page that shows them still does.
            and not len(messages.get_messages(request))
        )


PUBLIC = _Kind("pagecache", VERSION_KEY, "PUBLIC_PAGE_CACHE_SECONDS", signed_in=False)
PRIVATE = _Kind("privatepage", DATA_VERSION_KEY, "PRIVATE_PAGE_CACHE_SECONDS", signed_in=True)


def _served(
    request, content: bytes, headers: dict[str, str], token: str, nonce: str | None
) -> HttpResponse:
    body = content.replace(token.encode(), get_token(request).encode())
    if nonce:
        # Reading the nonce is what puts it into this response's CSP header.
        body = body.replace(nonce.encode(), str(request.csp_nonce).encode())
    return _private(HttpResponse(body, headers=headers))


def _private(response):
    # The body holds this visitor's CSRF token: no shared cache may keep it.
    patch_cache_control(response, private=True)
    return response


def _cached(kind: _Kind):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not kind.cacheable(request):
                return view(request, *args, **kwargs)
            # The version is read before the database is: a page rendered from data older
            # than a change is stored with the version the change replaced, never served after.
            key = kind.key(request)
            try:
                version, stored = kind.lookup(key)
            except Exception:  # the cache is down: the page is rendered as without it
                logger.warning("Page cache unavailable", exc_info=True)
                return _private(view(request, *args, **kwargs))
            if stored is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or not kind.asked_before(key):
                    return _private(response)
                token = _placeholder()
                # The view's context outranks the csrf context processor's token.
                response.context_data = {**(response.context_data or {}), "csrf_token": token}
                content = response.render().content
                # True only once the page has read it (django-csp's lazy nonce).
                nonce = None
                if getattr(request, "csp_nonce", None):
                    nonce = _placeholder()
                    content = content.replace(str(request.csp_nonce).encode(), nonce.encode())
                stored = (version, content, dict(response.items()), token, nonce)
                try:
                    cache.set(key, stored, kind.seconds)
                except Exception:
                    logger.warning("Page cache unavailable", exc_info=True)
            _version, content, headers, token, nonce = stored
            return _served(request, content, headers, token, nonce)

        return wrapper

    return decorator


# Cache the view's page for anonymous visitors (`public_page`), or for each signed-in person
# (`private_page`). The view returns a TemplateResponse, which is rendered here with
# placeholders from the second time its address is asked; any answer but 200 passes through
# unstored. `private_page` goes outside the view's access checks: it stores only what they let
# this person see, they read only the database, and a stored page is served only until the
# next write, so they would answer the same.
public_page = _cached(PUBLIC)
private_page = _cached(PRIVATE)
