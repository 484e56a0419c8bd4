"""The public opening browser: filters, keyword search, sorting, pagination, who sees what."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from esco.models import Occupation
from matching.models import Opening
from tests.factories import (
    EnterpriseFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
)

LIST = reverse("openings:list")
ROLES = ["anonymous", "talent", "member", "enterprise_user", "staff"]


def _titles(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return sorted(opening.title for opening in response.context["openings"])


def _ordered_titles(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [opening.title for opening in response.context["openings"]]


@pytest.fixture
def openings(db):
    """Four published openings that differ in every filtered field."""
    developer = OpeningFactory(
        title="Python developer",
        kind="job",
        municipality="167",  # Joensuu, Pohjois-Karjala
        work_mode=Opening.WorkMode.HYBRID,
        finnish_not_required=True,
        start_date=dt.date(2027, 3, 1),
    )
    OpeningSkillFactory(opening=developer, label="Python (computer programming)")
    OpeningLanguageFactory(opening=developer, language="en", level=4)

    warehouse = OpeningFactory(
        title="Warehouse internship",
        kind="internship",
        description="Varastotyötä trukilla ja asiakaspalvelua.",
        municipality="309",  # Outokumpu, Pohjois-Karjala
        paid=False,
        salary_min=None,
        salary_max=None,
        duration_months=4,
        start_date=dt.date(2027, 1, 15),
    )
    OpeningSkillFactory(opening=warehouse, label="operate forklift")
    OpeningLanguageFactory(opening=warehouse, language="fi", level=3)
    OpeningLanguageFactory(opening=warehouse, language="en", level=3)

    export = OpeningFactory(
        title="Export development period",
        kind="development",
        description="Help us enter the German market.",
        municipality="091",  # Helsinki, Uusimaa
        work_mode=Opening.WorkMode.REMOTE,
        finnish_not_required=True,
        duration_months=12,
    )
    OpeningLanguageFactory(opening=export, language="de", level=5)

    kitchen = OpeningFactory(
        title="Kitchen joint work",
        kind="joint_work",
        description="Cook with our team.",
        municipality="167",
        duration_months=6,
        start_date=dt.date(2027, 2, 1),
    )
    return {"developer": developer, "warehouse": warehouse, "export": export, "kitchen": kitchen}


ALL = [
    "Export development period",
    "Kitchen joint work",
    "Python developer",
    "Warehouse internship",
]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"type": "job"}, ["Python developer"]),
        ({"type": ["internship", "joint_work"]}, ["Kitchen joint work", "Warehouse internship"]),
        ({"skills": "python"}, ["Python developer"]),
        ({"skills": "python, forklift"}, ["Python developer", "Warehouse internship"]),
        # Finnish ("trukki") and Swedish ("gaffeltruck") labels of "operate forklift".
        ({"skills": "trukki"}, ["Warehouse internship"]),
        ({"skills": "gaffeltruck"}, ["Warehouse internship"]),
        ({"skills": "no such skill at all"}, []),
        ({"municipality": "167"}, ["Kitchen joint work", "Python developer"]),
        ({"region": "12"}, ["Kitchen joint work", "Python developer", "Warehouse internship"]),
        ({"region": "01"}, ["Export development period"]),
        ({"remote": "on"}, ["Export development period", "Python developer"]),
        ({"finnish_not_required": "on"}, ["Export development period", "Python developer"]),
        # "Languages I speak": openings that require nothing beyond them.
        ({"language": "en"}, ["Kitchen joint work", "Python developer"]),
        (
            {"language": ["en", "fi"]},
            ["Kitchen joint work", "Python developer", "Warehouse internship"],
        ),
        ({"language": "de"}, ["Export development period", "Kitchen joint work"]),
        ({"paid": "on"}, ["Export development period", "Kitchen joint work", "Python developer"]),
        ({"starts_from": "2027-02-01"}, ["Kitchen joint work", "Python developer"]),
        ({"starts_before": "2027-02-01"}, ["Kitchen joint work", "Warehouse internship"]),
        (
            {"starts_from": "2027-01-20", "starts_before": "2027-02-20"},
            ["Kitchen joint work"],
        ),
        ({"max_duration": "6"}, ["Kitchen joint work", "Warehouse internship"]),
        ({"max_duration": "4"}, ["Warehouse internship"]),
        # Combined: every filter must hold.
        ({"region": "12", "finnish_not_required": "on"}, ["Python developer"]),
        ({"type": "job", "paid": "on", "remote": "on", "language": "en"}, ["Python developer"]),
    ],
)
def test_filters(client, openings, params, expected):
    assert _titles(client, **params) == expected


def test_occupation_filter_finds_openings_by_words_of_the_occupation(client, openings):
    developer = Occupation.objects.get(label_en="software developer")
    Opening.objects.filter(pk=openings["developer"].pk).update(occupation=developer)
    OpeningFactory(occupation=developer, status=Opening.Status.DRAFT, published_at=None)

    # Words of any label, in any order, case and accents folded; an id from an older link.
    assert _titles(client, occupation="Developer software") == ["Python developer"]
    assert _titles(client, occupation=developer.label_fi.upper()) == ["Python developer"]
    assert _titles(client, occupation=str(developer.pk)) == ["Python developer"]
    assert _titles(client, occupation="nurse") == []


def test_unticked_boxes_do_not_filter(client, openings):
    # A checkbox sends nothing when unticked; "paid" then means "don't care", not "unpaid".
    assert _titles(client, paid="", remote="", finnish_not_required="") == ALL


def test_invalid_filter_values_show_errors_not_a_crash(client, openings):
    response = client.get(
        LIST, {"starts_from": "not a date", "region": "99", "max_duration": "-1", "type": "x"}
    )

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_the_language_choices_are_the_languages_openings_ask_for(client, openings):
    form = client.get(LIST).context["filter"].form
    codes = [code for code, _label in form.fields["language"].choices]

    assert codes[:3] == ["fi", "sv", "en"]
    assert codes[3:] == ["de"]


def test_a_bookmarked_filter_keeps_working_when_no_opening_matches_it_any_more(client, openings):
    # Nobody asks for Japanese, nor names this occupation: the filter still applies (a feed
    # reader must not get every opening instead), and the form keeps the choice.
    occupation = Occupation.objects.exclude(label_en="").last()
    response = client.get(LIST, {"language": "ja", "occupation": occupation.pk})

    assert response.context["filter"].form.errors == {}
    assert list(response.context["openings"]) == []
    assert _titles(client, language="ja") == ["Kitchen joint work"]
    assert ("ja", "Japanese") in response.context["filter"].form.fields["language"].choices


# --- Keyword search --------------------------------------------------------------------------


@pytest.fixture
def searchable(db):
    OpeningFactory(
        title="Senior backend developer",
        description="You build our booking service.",
        tasks="Write Django code.",
        offer="Sauna every Friday.",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    OpeningFactory(
        title="Customer service assistant",
        description="Help our customers; some backend tooling too.",
        tasks="Answer questions in English and Russian.",
        offer="Flexible hours.",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    OpeningFactory(
        title="Ohjelmistokehittäjä harjoittelija",
        description="Etsimme kehittäjää tiimiimme Joensuuhun.",
        tasks="Koodaat ja testaat.",
        offer="Mukava työyhteisö.",
        published_at=timezone.now() - dt.timedelta(days=2),
    )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("developer", ["Senior backend developer"]),  # a title word
        ("booking", ["Senior backend developer"]),  # a description word
        ("Django", ["Senior backend developer"]),  # in the tasks
        ("sauna", ["Senior backend developer"]),  # in the offer
        ("Joensuuhun", ["Ohjelmistokehittäjä harjoittelija"]),  # a Finnish word
        ("backend", ["Customer service assistant", "Senior backend developer"]),
        # Both words are required.
        ("backend customer", ["Customer service assistant"]),
        ("backend sauna", ["Senior backend developer"]),
        ("sauna russian", []),
        (
            "   ",
            [
                "Customer service assistant",
                "Ohjelmistokehittäjä harjoittelija",
                "Senior backend developer",
            ],
        ),
    ],
)
def test_keyword_search(client, searchable, q, expected):
    assert _titles(client, q=q) == expected


def test_keyword_search_excludes_words_with_a_minus(client, searchable):
    assert _titles(client, q="backend -sauna") == ["Customer service assistant"]


def test_keyword_search_combines_with_filters(client, searchable):
    OpeningFactory(title="Backend intern", kind="internship")

    assert _titles(client, q="backend", type="internship") == ["Backend intern"]


def test_relevance_puts_title_matches_first(client, searchable):
    # "backend" is in the title of the older opening, only in the description of the newer.
    assert _ordered_titles(client, q="backend", sort="relevance") == [
        "Senior backend developer",
        "Customer service assistant",
    ]
    assert _ordered_titles(client, q="backend", sort="newest") == [
        "Customer service assistant",
        "Senior backend developer",
    ]


def test_relevance_without_keywords_falls_back_to_newest(client, searchable):
    response = client.get(LIST, {"sort": "relevance"})

    assert [o.title for o in response.context["openings"]] == [
        "Customer service assistant",
        "Ohjelmistokehittäjä harjoittelija",
        "Senior backend developer",
    ]
    assert "Best match needs keywords" in response.content.decode()


def test_word_forms_and_search_syntax(client, searchable):
    """PostgreSQL stems English and Finnish and reads web-search syntax; the SQLite fallback
    matches words inside words instead, and needs every word."""
    postgresql = connection.vendor == "postgresql"
    developer, finnish = ["Senior backend developer"], ["Ohjelmistokehittäjä harjoittelija"]
    # A plural finds the singular only with stemming.
    assert _titles(client, q="developers") == (developer if postgresql else [])
    # A partitive finds the base form with Finnish stemming; a substring finds a compound
    # word's part only in the fallback.
    assert _titles(client, q="kehittäjää") == finnish
    assert _titles(client, q="kehittäjä") == finnish
    assert _titles(client, q='"booking service"') == developer
    either = ["Customer service assistant", "Senior backend developer"]
    assert _titles(client, q="sauna or russian") == (either if postgresql else [])


def test_a_pasted_wall_of_text_is_not_a_server_error(client, searchable):
    words = " ".join(f"word{number}" for number in range(3000))

    assert client.get(LIST, {"q": words[:200]}).status_code == 200
    assert client.get(LIST, {"q": words, "skills": words}).status_code == 200


# --- Sorting and pagination ------------------------------------------------------------------


def test_sorting_by_newest_and_by_deadline(client, db):
    today = timezone.localdate()
    now = timezone.now()
    OpeningFactory(title="Old, soon", published_at=now - dt.timedelta(days=9), deadline=today)
    OpeningFactory(title="New, no deadline", published_at=now, deadline=None)
    OpeningFactory(
        title="Middle, later",
        published_at=now - dt.timedelta(days=5),
        deadline=today + dt.timedelta(days=30),
    )

    newest = ["New, no deadline", "Middle, later", "Old, soon"]
    assert _ordered_titles(client) == newest
    assert _ordered_titles(client, sort="newest") == newest
    # Soonest deadline first; no deadline last.
    assert _ordered_titles(client, sort="deadline") == [
        "Old, soon",
        "Middle, later",
        "New, no deadline",
    ]


def test_pagination_keeps_the_filters(client, db):
    for number in range(25):
        OpeningFactory(title=f"Remote {number:02}", work_mode=Opening.WorkMode.REMOTE)
    OpeningFactory(title="On site")

    first = client.get(LIST, {"remote": "on", "sort": "deadline"})
    content = first.content.decode()
    assert first.context["page"].paginator.count == 25
    assert len(first.context["openings"]) == 20
    assert "?remote=on&amp;sort=deadline&amp;page=2" in content
    assert "25 openings found" in content

    second = client.get(LIST, {"remote": "on", "sort": "deadline", "page": 2})
    assert len(second.context["openings"]) == 5
    assert "?remote=on&amp;sort=deadline&amp;page=1" in second.content.decode()


def test_no_results_offers_help_and_a_way_back(client, openings):
    content = client.get(LIST, {"q": "astronaut"}).content.decode()

    assert "0 openings found" in content
    assert "No openings match these filters" in content
    assert f'href="{LIST}"' in content


def test_the_list_links_its_feed_with_the_current_filters(client, openings):
    content = client.get(LIST, {"type": "job", "page": 1}).content.decode()
    feed = reverse("openings:feed")

    assert '<link rel="alternate" type="application/atom+xml"' in content
    assert f'href="{feed}?type=job"' in content


# --- Who sees what ---------------------------------------------------------------------------


def _hidden_openings():
    OpeningFactory(title="Draft", status=Opening.Status.DRAFT, published_at=None)
    OpeningFactory(title="Submitted", status=Opening.Status.SUBMITTED, published_at=None)
    OpeningFactory(title="Rejected", status=Opening.Status.REJECTED, published_at=None)
    OpeningFactory(title="Closed", status=Opening.Status.CLOSED)
    OpeningFactory(title="Expired", status=Opening.Status.EXPIRED)
    OpeningFactory(title="Unverified", enterprise__status=Enterprise.Status.PENDING)
    OpeningFactory(title="Rejected company", enterprise__status=Enterprise.Status.REJECTED)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_browses_published_openings_only(client, user_for_role, role):
    _hidden_openings()
    OpeningFactory(title="Open")
    user = user_for_role(role)
    if user:
        client.force_login(user)

    assert _titles(client) == ["Open"]
    assert _titles(client, q="friendly") == ["Open"]


def test_members_do_not_see_their_own_drafts_in_the_public_list(client, member):
    OpeningFactory(
        title="Our draft",
        enterprise=member.enterprises.get(),
        status=Opening.Status.DRAFT,
        published_at=None,
    )
    client.force_login(member)

    assert _titles(client) == []


def test_the_header_links_to_the_openings(client, db):
    content = client.get(reverse("pages:about")).content.decode()
    nav = content.split('<nav class="site-nav"')[1].split("</nav>")[0]

    assert f'href="{LIST}"' in nav


def test_the_card_shows_the_essentials(client, openings):
    content = client.get(LIST).content.decode()

    assert reverse("openings:detail", args=[openings["developer"].pk]) in content
    assert "Joensuu" in content  # a municipality's name, not its code
    assert "Remote" in content
    assert "Finnish not required" in content
    assert "Unpaid" in content
    assert "4 months" in content  # a period's duration
    assert "Apply by" in content


def test_the_home_page_cards_link_to_the_openings(client, openings):
    content = client.get(reverse("core:home")).content.decode()

    assert reverse("openings:detail", args=[openings["kitchen"].pk]) in content


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_does_not_grow_with_rows(
    client, member, django_assert_max_num_queries, rows
):
    for _number in range(rows):
        opening = OpeningFactory(enterprise=EnterpriseFactory(), kind="internship")
        OpeningLanguageFactory(opening=opening, language="en")
        OpeningSkillFactory(opening=opening)
    client.force_login(member)
    params = {"q": "opening", "skills": "python", "language": "en", "region": "12"}

    with django_assert_max_num_queries(8):  # incl. the unread count
        response = client.get(LIST, params)

    assert len(response.context["openings"]) == min(rows, 20)
