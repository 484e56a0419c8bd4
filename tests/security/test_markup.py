"""The checks the hostile-input tests rely on: they must see markup that got through."""

import pytest

from .markup import feed_problems, injections, shows_as_text

PAGE = (
    "<!DOCTYPE html><html><head><title>{} – TalentHub</title></head><body><p>{}</p></body></html>"
)


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<x-hostile>bold</x-hostile>",
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        "<iframe src=//example.com></iframe>",
        "<!--<x-hostile>-->",
    ],
)
def test_markup_that_got_through_is_found(typed):
    assert injections(PAGE.format("Title", typed))


def test_a_json_ld_block_that_can_be_ended_early_is_found():
    html = '<script type="application/ld+json">{"title": "</script><script>alert(1)</script>"}'
    assert injections(html)


def test_escaped_markup_is_text_not_markup():
    html = PAGE.format("&lt;script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<br>&amp;")
    assert injections(html) == []
    assert shows_as_text(html, '"><img src=x onerror=alert(1)>\n&')


def test_text_escaped_twice_is_not_shown_as_typed():
    assert not shows_as_text(PAGE.format("", "&amp;lt;b&amp;gt;"), "<b>")


def test_a_summary_with_markup_in_a_feed_is_found():
    feed = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>'
        b"<summary>&lt;img src=x onerror=alert(1)&gt;</summary></entry></feed>"
    )
    assert feed_problems(feed)
    assert feed_problems(b"<feed>\x01</feed>")
