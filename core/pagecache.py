"""Whole public pages, cached for anonymous visitors.

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
"""

import hashlib
import logging
import secrets
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


def _key(request) -> str:
    # The absolute URL: the pages contain links built from the host and scheme.
    url = request.build_absolute_uri()
    return "pagecache:" + hashlib.sha256(f"{get_language()}:{url}".encode()).hexdigest()


def _lookup(key: str) -> tuple[str, tuple | None]:
    """The current version, and the page stored under `key` if it was rendered at that
    version; one round trip to the cache."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        # Never a fixed default: pages of an earlier version could come back with it.
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        return cache.get(VERSION_KEY), None
    stored = found.get(key)
    return version, stored if stored and stored[0] == version else None


def _asked_before(key: str) -> bool:
    """Whether the address was asked for within the timeout; marks it asked if not. A cache
    that went down since the lookup answers no: nothing is stored."""
    try:
        return not cache.add(f"{key}:asked", True, settings.PUBLIC_PAGE_CACHE_SECONDS)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return False


def _cacheable(request) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        # Counting does not mark the messages as seen: the page that shows them still does.
        and not len(messages.get_messages(request))
    )


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


def public_page(view):
    """Cache the view's page for anonymous visitors. The view returns a TemplateResponse,
    which is rendered here with placeholders from the second time its address is asked; any
    answer but 200 passes through unstored."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        # The version is read before the database is: a page rendered from data older than a
        # change is stored with the version the change replaced, and never served after it.
        key = _key(request)
        try:
            version, stored = _lookup(key)
        except Exception:  # the cache is down: the page is rendered as without it
            logger.warning("Page cache unavailable", exc_info=True)
            return _private(view(request, *args, **kwargs))
        if stored is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or not _asked_before(key):
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
                cache.set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Page cache unavailable", exc_info=True)
        _version, content, headers, token, nonce = stored
        return _served(request, content, headers, token, nonce)

    return wrapper
