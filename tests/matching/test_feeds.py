"""Atom and RSS feeds of published openings, and the sitemap."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from matching.models import Opening
from tests.factories import EnterpriseFactory, OpeningFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 (our own response, not untrusted input)


def _atom(client, **params):
    response = client.get(reverse("openings:feed"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return _parse(response.content)


def _atom_titles(root):
    return sorted(entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry"))


def _hidden():
    OpeningFactory(title="Draft", status=Opening.Status.DRAFT, published_at=None)
    OpeningFactory(title="Closed", status=Opening.Status.CLOSED)
    OpeningFactory(title="Expired", status=Opening.Status.EXPIRED)
    OpeningFactory(title="Unverified", enterprise__status=Enterprise.Status.PENDING)


def test_atom_feed_is_well_formed_and_lists_published_openings_only(client):
    _hidden()
    opening = OpeningFactory(
        title="Cook <& baker>", enterprise__name="Ravintola Oy", description="Bake & <cook>."
    )

    root = _atom(client)

    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "Openings – TalentHub"
    [entry] = root.iter(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Cook <& baker> – Ravintola Oy"
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{reverse('openings:detail', args=[opening.pk])}"
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Ravintola Oy"
    # The summary is HTML: the opening's own text arrives escaped, shown as typed.
    assert "Bake &amp; &lt;cook&gt;." in entry.find(f"{ATOM}summary").text


def test_rss_feed_is_well_formed(client):
    _hidden()
    opening = OpeningFactory(title="Open job")

    response = client.get(reverse("openings:feed_rss"))

    assert response.status_code == 200
    root = _parse(response.content)
    assert root.tag == "rss"
    titles = [item.find("title").text for item in root.iter("item")]
    assert titles == [f"Open job – {opening.enterprise.name}"]


def test_feeds_apply_the_list_filters(client):
    OpeningFactory(title="Remote job", kind="job", work_mode=Opening.WorkMode.REMOTE)
    OpeningFactory(title="Remote internship", kind="internship", work_mode="remote")
    OpeningFactory(title="On-site job", kind="job", description="Python work")

    root = _atom(client, type="job", remote="on")
    assert [t.split(" – ")[0] for t in _atom_titles(root)] == ["Remote job"]
    assert root.find(f"{ATOM}title").text == "Openings matching your filters – TalentHub"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["alternate"].endswith(f"{reverse('openings:list')}?type=job&remote=on")
    assert links["self"].endswith(f"{reverse('openings:feed')}?type=job&remote=on")

    root = _atom(client, q="python")
    assert [t.split(" – ")[0] for t in _atom_titles(root)] == ["On-site job"]

    rss = _parse(client.get(reverse("openings:feed_rss"), {"type": "internship"}).content)
    assert [item.find("title").text.split(" – ")[0] for item in rss.iter("item")] == [
        "Remote internship"
    ]


def test_feed_keeps_the_newest_fifty(client):
    now = timezone.now()
    for number in range(52):
        OpeningFactory(title=f"Job {number:02}", published_at=now - dt.timedelta(hours=number))

    entries = list(_atom(client).iter(f"{ATOM}entry"))

    assert len(entries) == 50
    assert entries[0].find(f"{ATOM}title").text.startswith("Job 00 ")


def test_invalid_feed_filters_are_ignored_not_a_crash(client):
    OpeningFactory(title="Open job")

    root = _atom(client, starts_from="not a date", page="7")

    assert len(list(root.iter(f"{ATOM}entry"))) == 1


@pytest.mark.parametrize("rows", [1, 30])
def test_feed_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    for _number in range(rows):
        OpeningFactory(enterprise=EnterpriseFactory())

    with django_assert_max_num_queries(3):
        root = _atom(client, type="job")

    assert len(list(root.iter(f"{ATOM}entry"))) == rows


# --- Sitemap ---------------------------------------------------------------------------------


def test_sitemap_lists_public_pages_and_published_openings_only(client):
    _hidden()
    opening = OpeningFactory(title="Open job")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = _parse(response.content)
    urls = {
        node.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"): node
        for node in root.iter(f"{SITEMAP}url")
    }
    detail = reverse("openings:detail", args=[opening.pk])
    assert {reverse("core:home"), reverse("openings:list"), detail} <= set(urls)
    # The content pages and guides too, each published one.
    assert {reverse("pages:about"), reverse("pages:guide", args=["onboarding"])} <= set(urls)
    openings = [
        path for path in urls if path.startswith(reverse("openings:list")) and path[-2].isdigit()
    ]
    assert openings == [detail]
    lastmod = urls[detail].find(f"{SITEMAP}lastmod").text
    assert lastmod.startswith(timezone.localdate(opening.updated_at).isoformat())


@pytest.mark.parametrize("rows", [1, 30])
def test_sitemap_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    for _number in range(rows):
        OpeningFactory(enterprise=EnterpriseFactory())

    # At most a count and a page of rows for each part: pages, organisations, openings.
    with django_assert_max_num_queries(6):
        assert client.get("/sitemap.xml").status_code == 200
