"""Hypothesis strategies for hostile text: what people (and bots) type into forms and query
strings to break a page, its database or its markup."""

from hypothesis import strategies as st

# Markup and script payloads. Each carries an event handler, a script, a `javascript:` URL or
# the made-up <x-hostile> element: `tests.security.html.injections` finds any that escaped.
MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '" autofocus onfocus="alert(1)',
    "' onmouseover='alert(1)",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<!--<x-hostile>-->",
    "<![CDATA[<x-hostile>]]>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "<x-hostile>bold</x-hostile>",
    "<iframe src=//example.com/x-hostile></iframe>",
    "<style>*{display:none}</style>",
    "<base href=//example.com/>",
    "<b onmouseover=alert(1)>bold</b>",
    "[click](javascript:alert(1)) **bold** <x-hostile>",
)
# Text that means something to a template, a format string, an entity decoder, SQL, a CSV
# reader or a shell.
SYNTAX = (
    "{{ request.user.password }}",
    "{% debug %}",
    "{{7*7}} ${7*7} #{7*7}",
    "%(name)s %s %d {0} {}",
    "&amp; &lt;x-hostile&gt; &#60;script&#62; &#x3C;",
    "&",
    "'; DROP TABLE profiles_talentprofile; --",
    '" OR 1=1 --',
    '=HYPERLINK("http://example.com","x")',
    "+1+1",
    "\\",
    "\\x00 \\u0000 %00",
    "$(touch /tmp/x) `id`",
    "../../etc/passwd",
)
# Scripts, directions and characters that trip up lengths, fonts and normalisation.
UNICODE = (
    "Ольга Коваленко",
    "محمد عبد الله",
    "שלום עולם",
    "王小明 さくら 김민수",
    "हिन्दी தமிழ்",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200c\u200d\u2060\ufeff",  # zero-width characters and a byte order mark
    "e\u0301 a\u0308 Z\u0336\u0337\u0338a\u035c\u0361l\u0489g\u0335o",  # combining marks
    "👩🏽‍💻 🏳️‍🌈 🇫🇮 🤷‍♀️",
    "\U0001d54f\U0001d552\U0001d55d",  # mathematical double-struck letters
    "ﬁ ẞ İ ı",  # characters whose case folding or NFKC form changes length
    "\u2028\u2029",  # line and paragraph separators
)
# Almost numbers and dates: digits int() refuses, values past every column's range.
NUMERIC = (
    "²",
    "١٢",
    "１２",
    "99999999999999999999",
    "-1",
    "1e400",
    "NaN",
    "0x1F",
    "2024-02-30",
    "99999-12-31",
)
PLAIN = ("Joensuu", "Python developer", "R&D <5 people", "a", " ")

# C0 and C1 controls (NUL included: PostgreSQL refuses it in text), and the line endings.
controls = st.characters(codec="utf-8", categories=["Cc"]) | st.sampled_from(
    ["\x00", "\r\n", "\n\n", "\t", "\x1b[31m", "\x7f", "\x85"]
)
# Any text a browser could send (no lone surrogates: they cannot be encoded as UTF-8).
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)

fragments = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(SYNTAX),
    st.sampled_from(UNICODE),
    st.sampled_from(NUMERIC),
    st.sampled_from(PLAIN),
    controls,
    any_text,
)


@st.composite
def long_text(draw):
    """A fragment repeated past any max_length the forms have (the longest is 5000)."""
    piece = draw(fragments.filter(lambda text: text.strip()))
    times = draw(st.integers(min_value=5001 // len(piece) + 1, max_value=6000 // len(piece) + 2))
    return piece * times


def short_text() -> st.SearchStrategy[str]:
    """A few fragments joined: most fit any field (unless they hold a NUL, or are blank)."""
    return st.lists(fragments, min_size=1, max_size=4).map("".join)


def hostile_text() -> st.SearchStrategy[str]:
    """One field's or parameter's worth, short or past every length limit."""
    return short_text() | long_text()


def markup_text() -> st.SearchStrategy[str]:
    """Markup only, short enough for any field: a value every form should accept and show."""
    return st.lists(st.sampled_from(MARKUP + SYNTAX + UNICODE), min_size=1, max_size=3).map(
        " ".join
    )
