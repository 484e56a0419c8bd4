"""The impact dashboard is valid HTML as the Nu checker sees it: charts, tables, errors."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import EnterpriseFactory, PlacementFactory
from tests.factories.reports import StartUpFactory
from tests.html import assert_valid_html


def pages(client, reporter):
    for number in range(7):
        on = datetime.date(2024, 1 + number, 10)
        PlacementFactory(
            kind="job" if number % 3 else "internship",
            start_date=on,
            started_on=on,
            end_date=None,
            status="ongoing",
            enterprise=EnterpriseFactory(municipality="422" if number % 2 else "167"),
        )
    StartUpFactory()
    client.force_login(reporter)
    dashboard = reverse("reports:dashboard")
    yield "dashboard", client.get(dashboard)
    yield "dashboard, 2024", client.get(dashboard, {"year": "2024"})
    yield (
        "dashboard, filtered",
        client.get(
            dashboard, {"year": "2024", "type": "job", "municipality": "422", "industry": "J"}
        ),
    )
    yield "dashboard, errors", client.get(dashboard, {"date_from": "2024-05-01", "industry": "?"})
    client.logout()
    yield "home", client.get(reverse("core:home"))


@pytest.mark.django_db
def test_dashboard_pages_are_valid_html(client, reporter, tmp_path):
    assert_valid_html(pages(client, reporter), tmp_path)
