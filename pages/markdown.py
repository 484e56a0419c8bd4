"""Page bodies from Markdown to HTML, safely, and each text rendered once.

CommonMark with raw HTML off: `<script>` typed into a body is shown as text, and
markdown-it's link check drops `javascript:`, `vbscript:`, `file:` and `data:` targets, so
whoever edits a page cannot put markup or script on it. Images are off too: there is no
upload, and a picture hot-linked from another server would tell it who reads the page.

Headings start at h2 whatever level staff typed, because the page title is the h1; deeper
levels keep their distance from the first (a body of ## and ### becomes h2 and h3).

The HTML is cached under a digest of the source rather than stored on the row: it can never
be stale (not after an update that bypasses `save()`, nor after a change of these rules,
which bumps RENDERING), and the row holds only what staff wrote.
"""

import hashlib

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Bump when the rules below change, so cached HTML made by the old rules is not served.
RENDERING = 1
CACHE_SECONDS = 60 * 60 * 24 * 30
TOP_HEADING = 2
DEEPEST_HEADING = 6

_parser = MarkdownIt("commonmark", {"html": False}).disable("image")


def _shift_headings(tokens) -> None:
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    if not levels:
        return
    shift = TOP_HEADING - min(levels)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, DEEPEST_HEADING)}"


def render(text: str) -> SafeString:
    """The HTML of a Markdown text; safe to show, as nothing in it came through as markup."""
    tokens = _parser.parse(text)
    _shift_headings(tokens)
    return mark_safe(_parser.renderer.render(tokens, _parser.options, {}))  # noqa: S308


def render_cached(text: str) -> SafeString:
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"pages:html:{RENDERING}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render(text)
        cache.set(key, str(html), CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - made by render() above
