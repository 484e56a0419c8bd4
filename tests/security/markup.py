"""Reading a response as a browser would, to tell escaped text from markup that got through."""

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

# Elements no TalentHub page has: one in a page came from what someone typed.
FORBIDDEN_TAGS = {"x-hostile", "iframe", "object", "embed", "style", "base", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
# Browsers ignore whitespace and control characters inside a URL's scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_RUNNABLE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
# What XML 1.0 cannot carry (Django's feed writer refuses the control characters).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Page(HTMLParser):
    """The elements, scripts, comments and text of an HTML document (or fragment)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.comments: list[str] = []
        self.declarations: list[str] = []
        self.text: list[str] = []
        self._script: tuple[dict, list[str]] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attrs, parts = self._script
            self.scripts.append((attrs, "".join(parts)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def unknown_decl(self, data):
        self.declarations.append(data)


def injections(html: str) -> list[str]:
    """Markup in the document that a page of ours never has: what typed text turned into."""
    page = Page(html)
    problems = []
    for tag, attrs in page.elements:
        if tag in FORBIDDEN_TAGS:
            problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=...> event handler")
            scheme = _IGNORED_IN_SCHEME.sub("", value or "").lower()
            if name in URL_ATTRIBUTES and scheme.startswith(_RUNNABLE_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}> runnable URL")
            if name == "src" and tag in {"img", "script"} and not (value or "").startswith("/"):
                problems.append(f"<{tag} src={value!r}> from elsewhere")
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/ld+json":
            problems.extend(_json_ld_problems(text))
        elif text.strip():
            problems.append(f"inline script {text[:60]!r}")
    problems.extend(f"comment {c[:60]!r}" for c in page.comments if "x-hostile" in c)
    problems.extend(f"declaration {d[:60]!r}" for d in page.declarations if "x-hostile" in d)
    return problems


def _json_ld_problems(text: str) -> list[str]:
    if "</" in text or "<!--" in text:
        return [f"JSON-LD that can end its element: {text[:60]!r}"]
    try:
        data = json.loads(text)
    except ValueError as error:
        return [f"JSON-LD that is not JSON: {error}"]
    # The description is HTML by schema.org's rules: search engines show it as markup.
    return injections(data.get("description", ""))


def text_of(html: str) -> str:
    """The page's text as a reader sees it (entities decoded), scripts left out."""
    return "".join(Page(html).text)


def squeeze(text: str) -> str:
    """Text without whitespace: templates and |linebreaks change line breaks, not words."""
    return "".join(text.split())


def shows_as_text(html: str, value: str) -> bool:
    return squeeze(value) in squeeze(text_of(html))


def feed_problems(xml: bytes) -> list[str]:
    """An Atom or RSS feed must parse, and its HTML summaries must be free of typed markup."""
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 - our own response, not untrusted input
    except ElementTree.ParseError as error:
        return [f"feed that is not XML: {error}"]
    problems = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in {"summary", "description", "content"} and element.text:
            problems.extend(injections(element.text))
    return problems


def feed_titles(xml: bytes) -> list[str]:
    root = ElementTree.fromstring(xml)  # noqa: S314 - our own response
    return [e.text or "" for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "title"]
