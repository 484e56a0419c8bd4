"""The public directory, an organisation's page and the entrepreneurship path."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.translated import Text
from organisations import path
from organisations.models import Service
from tests.factories.organisations import OrganisationFactory

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:list")
PATH = reverse("organisations:entrepreneurship")


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


@pytest.fixture
def directory():
    return {
        "advice": OrganisationFactory(
            name="Business Advice", services=["entrepreneurship", "funding"], languages=["fi", "en"]
        ),
        "permits": OrganisationFactory(
            name="Permit Office",
            services=["work_permits"],
            languages=["fi", "sv"],
            municipality="091",  # Helsinki
            description_en="Residence permits for self-employed persons.",
        ),
        "school": OrganisationFactory(
            name="Karelian School",
            services=["education", "language_courses"],
            languages=["en", "ru"],
            description_fi="Suomen kielen kursseja.",
        ),
        "closed": OrganisationFactory(
            name="Closed Agency", services=["entrepreneurship"], languages=["en"], is_active=False
        ),
    }


def test_everyone_sees_the_active_organisations_by_name(client, directory):
    response = client.get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Business Advice", "Karelian School", "Permit Office"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"service": "entrepreneurship"}, ["Business Advice"]),
        ({"service": ["work_permits", "education"]}, ["Karelian School", "Permit Office"]),
        ({"language": "ru"}, ["Karelian School"]),
        ({"language": "fi"}, ["Business Advice", "Permit Office"]),
        ({"municipality": "091"}, ["Permit Office"]),
        ({"municipality": "167", "language": "en"}, ["Business Advice", "Karelian School"]),
        ({"service": "funding", "language": "sv"}, []),
        ({"q": "permit"}, ["Permit Office"]),  # the name or the English description
        ({"q": "kielen"}, ["Karelian School"]),  # the Finnish description
        ({"q": "self-employed residence"}, ["Permit Office"]),  # every word
        ({"q": "karelian permit"}, []),
    ],
)
def test_filters(client, directory, params, expected):
    response = client.get(LIST, params)
    assert names(response) == expected


def test_an_inactive_organisation_is_not_found_by_any_filter_or_its_page(client, directory):
    assert "Closed Agency" not in names(client.get(LIST, {"q": "closed"}))
    assert "Closed Agency" not in names(client.get(LIST, {"service": "entrepreneurship"}))
    closed = directory["closed"]
    assert client.get(reverse("organisations:detail", args=[closed.slug])).status_code == 404


def test_a_language_no_organisation_serves_is_not_offered(client, directory):
    form = client.get(LIST).context["filter"].form
    offered = [code for code, _label in form.fields["language"].choices if code]
    assert offered[:3] == ["fi", "sv", "en"]
    assert "ru" in offered
    assert "de" not in offered  # nobody serves in German
    assert "en" not in [code for code, _label in form.fields["language"].choices[4:]]


def test_an_unknown_service_is_an_error_not_everything(client, directory):
    response = client.get(LIST, {"service": "astrology"})
    assert "service" in response.context["filter"].form.errors


def test_pagination_keeps_the_filters(client):
    OrganisationFactory.create_batch(25, services=["networking"])
    OrganisationFactory(services=["funding"])
    response = client.get(LIST, {"service": "networking"})
    assert response.context["page"].paginator.count == 25
    body = response.content.decode()
    assert 'href="?service=networking&amp;page=2"' in body
    second = client.get(LIST, {"service": "networking", "page": 2})
    assert len(second.context["organisations"]) == 5


@pytest.mark.parametrize("rows", [1, 25])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    for _number in range(rows):
        OrganisationFactory(services=["networking", "funding"], languages=["fi", "en"])
    # count, page, services, languages, the language choices
    with django_assert_max_num_queries(5):
        response = client.get(LIST, {"service": "networking", "language": "en", "q": "support"})
    assert len(response.context["organisations"]) == min(rows, 20)


def test_a_card_shows_services_languages_and_contact(client):
    OrganisationFactory(
        name="Luotsi",
        services=["integration"],
        languages=["uk"],
        email="luotsi@example.com",
        phone="+358 13 000 0000",
        website="https://example.org/luotsi",
    )
    body = client.get(LIST).content.decode()
    assert "Settling in and integration services" in body
    assert 'href="/organisations/?service=integration"' in body
    assert "Ukrainian" in body
    assert 'href="mailto:luotsi@example.com"' in body
    assert 'href="tel:+358130000000"' in body
    assert 'href="https://example.org/luotsi"' in body


def test_the_detail_page_in_finnish_falls_back_to_english(client):
    finnish = OrganisationFactory(description_fi="Neuvontaa.", services=["funding"])
    english_only = OrganisationFactory(description_en="Advice only in English.", description_fi="")
    with translation.override("fi"):
        assert finnish.description == Text("Neuvontaa.", "fi")
        assert english_only.description == Text("Advice only in English.", "en")
    assert finnish.description == Text("Free advice for international talents.", "en")

    response = client.get(
        reverse("organisations:detail", args=[finnish.slug]), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert "Neuvontaa." in response.content.decode()


def test_the_detail_page_has_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(
        services=list(Service.values), languages=["fi", "en", "sv", "ru"]
    )
    with django_assert_max_num_queries(3):  # the organisation, its services, its languages
        response = client.get(reverse("organisations:detail", args=[organisation.slug]))
    assert response.status_code == 200


# -- the entrepreneurship path --------------------------------------------------------------


def test_each_step_lists_the_active_organisations_offering_its_services(client, directory):
    incubator = OrganisationFactory(name="Incubator", services=["networking", "entrepreneurship"])
    response = client.get(PATH)
    assert response.status_code == 200
    listed = {step.number: [org.name for org in orgs] for step, orgs in response.context["steps"]}
    assert listed == {
        1: ["Business Advice", "Incubator"],
        2: ["Permit Office"],
        3: ["Business Advice", "Incubator", "Karelian School"],
        4: ["Business Advice"],
        5: ["Business Advice", "Incubator"],
        6: ["Business Advice", "Incubator"],
        7: ["Incubator", "Karelian School"],
    }
    body = response.content.decode()
    assert f'href="/organisations/{incubator.slug}/"' in body
    # Each step links to the directory filtered by its services.
    assert 'href="/organisations/?service=work_permits"' in body
    assert (
        'href="/organisations/?service=networking&amp;service=recruitment'
        "&amp;service=internships&amp;service=language_courses"
    ) in body


def test_every_step_names_known_services_and_has_text():
    assert [step.number for step in path.STEPS] == list(range(1, 8))
    for step in path.STEPS:
        assert step.services
        assert set(step.services) <= set(Service.values)
        assert str(step.title)
        assert all(str(paragraph) for paragraph in step.text)


@pytest.mark.parametrize("rows", [1, 10])
def test_the_path_page_takes_one_query_for_all_steps(client, django_assert_num_queries, rows):
    OrganisationFactory.create_batch(rows, services=list(Service.values))
    with django_assert_num_queries(1):
        client.get(PATH)


def test_a_talent_is_sent_from_a_step_to_the_contact_form(client, talent):
    organisation = OrganisationFactory(services=["work_permits"])
    client.force_login(talent)
    body = client.get(PATH).content.decode()
    link = reverse("organisations:detail", args=[organisation.slug]) + "?service=work_permits"
    assert f'href="{link}#contact-me"' in body
    form = client.get(link).context["form"]
    assert form.initial["service"] == "work_permits"


def test_english_standing_in_for_finnish_is_marked_english(client, settings):
    organisation = OrganisationFactory(description_en="Advice in English.", description_fi="")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"

    html = client.get(reverse("organisations:detail", args=[organisation.slug])).content.decode()

    assert '<p class="lead" lang="en">Advice in English.</p>' in html
