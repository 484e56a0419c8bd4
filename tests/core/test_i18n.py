import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from tests.conftest import skip_unless_available
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "locale" / "fi" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# Every app (a folder with apps.py), the project package and the templates.
SOURCE_DIRS = [
    *sorted(path.parent.name for path in ROOT.glob("*/apps.py")),
    "talenthub",
    "templates",
]
# Words that are the same in every language.
UNTRANSLATED_OK = {"TalentHub"}


def finnish(text):
    with translation.override("fi"):
        return translation.gettext(text)


@pytest.mark.django_db
def test_language_switch_sets_finnish_and_returns_to_the_page(client):
    response = client.post(reverse("set_language"), {"language": "fi", "next": "/about/"})

    assert response.status_code == 302
    assert response.url == "/about/"
    content = client.get("/about/").content.decode()
    assert '<html lang="fi">' in content
    assert finnish("Log in") != "Log in"
    assert finnish("Log in") in content


@pytest.mark.django_db
def test_browser_language_is_used_for_a_first_visit(client):
    content = client.get("/", headers={"accept-language": "fi-FI,fi;q=0.9"}).content.decode()

    assert '<html lang="fi">' in content


@pytest.mark.django_db
def test_a_signed_in_persons_choice_is_remembered_on_a_new_device(client, talent):
    client.force_login(talent)
    client.post(reverse("set_language"), {"language": "fi", "next": "/"})
    assert User.objects.get(pk=talent.pk).preferred_language == "fi"

    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)  # another browser, same account
    response = client.get("/")

    assert '<html lang="fi">' in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fi"


def unmarked_text(source: str) -> list[str]:
    """Visible words in a template that are outside {% translate %} / {% blocktranslate %}."""
    visible, skip_depth = [], 0
    for token in Lexer(source).tokenize():
        name = token.contents.split(" ", 1)[0] if token.token_type == TokenType.BLOCK else ""
        if name in {"blocktranslate", "blocktrans", "comment"}:
            skip_depth += 1
        elif name in {"endblocktranslate", "endblocktrans", "endcomment"}:
            skip_depth -= 1
        if token.token_type == TokenType.TEXT and not skip_depth:
            visible.append(token.contents)
        else:
            visible.append(" \x00 ")  # a tag or variable: never visible text itself
    text = "".join(visible)
    attributes = re.findall(r'\b(?:alt|title|placeholder|aria-label)="([^"]*)"', text)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    words = re.findall(r"[^\W\d_]{2,}", " ".join([text, *attributes]))
    return [word for word in words if word not in UNTRANSLATED_OK]


def test_unmarked_text_detector_finds_what_it_should():
    source = '<p>{% translate "Hi" %} Hello</p><img alt="A cat" src="{{ x }}"> TalentHub'

    assert unmarked_text(source) == ["Hello", "cat"]


@pytest.mark.parametrize(
    "template",
    sorted(p.relative_to(ROOT) for p in (ROOT / "templates").rglob("*") if p.is_file()),
    ids=str,
)
def test_every_template_string_is_marked_for_translation(template):
    assert unmarked_text((ROOT / template).read_text()) == []


def test_finnish_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(PO_FILE))
    mo = polib.mofile(str(MO_FILE))

    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    expected = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in po.translated_entries()}
    assert compiled == expected, "the .mo is stale: run `make messages`"


def test_finnish_catalogue_has_every_string_in_the_source(tmp_path):
    if not shutil.which("xgettext"):
        skip_unless_available("gettext", "makemessages needs gettext's xgettext")
    # A copy of the project, so that makemessages writes there and never to the real one.
    for name in [*SOURCE_DIRS, "locale"]:
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fi"],
        cwd=tmp_path,
        env={"DEBUG": "true", "PATH": os.environ["PATH"], "ENV_FILE": os.devnull},
        check=True,
        capture_output=True,
    )

    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / PO_FILE.relative_to(ROOT)))}
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO_FILE)) if not e.obsolete}
    assert fresh - committed == set(), "new strings: run `make messages` and translate them"
    assert committed - fresh == set(), "strings no longer used: run `make messages`"


@pytest.mark.django_db
def test_logging_in_switches_to_the_saved_language_with_its_messages(client, talent):
    talent.preferred_language = "fi"
    talent.save()

    response = client.post(
        reverse("account_login"), {"login": talent.email, "password": PASSWORD}, follow=True
    )

    content = response.content.decode()
    assert '<html lang="fi">' in content
    signed_in = finnish("Successfully signed in as %(name)s.") % {"name": talent}
    assert signed_in != f"Successfully signed in as {talent}."
    assert signed_in in content
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fi"


@pytest.mark.django_db
def test_a_language_chosen_before_logging_in_is_saved_at_login(client, talent):
    client.post(reverse("set_language"), {"language": "fi", "next": "/"})

    client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})

    assert User.objects.get(pk=talent.pk).preferred_language == "fi"
