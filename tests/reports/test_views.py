"""The dashboard, its exports and the home page's figures: who may see them, and that small
counts never show, on the page, in the CSV, in the XLSX or on the home page."""

import csv
import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import exports, selectors
from tests.factories import EnterpriseFactory, PlacementFactory
from tests.factories.reports import StartUpFactory

from .conftest import staff_with

DASHBOARD = reverse("reports:dashboard")
CSV = reverse("reports:export_csv")
XLSX = reverse("reports:export_xlsx")
PAGES = [DASHBOARD, CSV, XLSX]
YEAR_2024 = {"year": "2024"}


def started(kind="internship", on=datetime.date(2024, 3, 1), **kwargs):
    return PlacementFactory(
        kind=kind, start_date=on, started_on=on, status="ongoing", end_date=None, **kwargs
    )


@pytest.fixture
def small_counts(db):
    """2024: five companies ran a period (5), one talent got a job (<5), four start-ups (<5),
    no company was verified (0)."""
    for _ in range(5):
        started(enterprise=EnterpriseFactory())
    started("job")
    for _ in range(4):
        StartUpFactory(founded_on=datetime.date(2024, 5, 1))


def login(client, user):
    if user:
        client.force_login(user)


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["talent", "member", "enterprise_user"])
@pytest.mark.parametrize("url", PAGES)
def test_people_who_are_not_staff_get_404(client, user_for_role, role, url):
    login(client, user_for_role(role))

    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_staff_without_the_permission_get_403(client, url):
    login(client, staff_with())

    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_viewing_does_not_allow_exporting(client):
    login(client, staff_with("view_impact"))

    page = client.get(DASHBOARD)
    assert page.status_code == 200
    assert CSV not in page.content.decode()
    assert client.get(CSV).status_code == 403
    assert client.get(XLSX).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_reporters_see_and_export(client, reporter, url):
    login(client, reporter)

    response = client.get(url, YEAR_2024)

    assert response.status_code == 200
    if url != DASHBOARD:
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        assert "talenthub-impact-2024-01-01-2024-12-31" in disposition


def row(html: str, label: str) -> list[str]:
    """The cells of the comparison table's row for a figure."""
    match = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', html)
    assert match, label
    return re.findall(r"<td>(.*?)</td>", match.group(1))


def test_the_page_suppresses_small_counts(client, reporter, small_counts):
    login(client, reporter)

    html = client.get(DASHBOARD, YEAR_2024).content.decode()

    assert row(html, "Companies that ran a cooperation period") == ["5", "0", "0"]
    assert row(html, "International talents employed by SMEs") == ["&lt;5", "0", "0"]
    assert row(html, "Start-ups founded by international talents") == ["&lt;5", "0", "0"]
    assert row(html, "Companies verified") == ["0", "0", "0"]
    assert row(html, "Placements started") == ["6", "0", "0"]
    # The charts draw a suppressed bar hatched, as long as five, labelled "<5".
    assert 'fill="url(#chart-by_type-hatch-0)"' in html
    assert '<th scope="col">2024</th><th scope="col">2023</th><th scope="col">2022</th>' in html


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_states_its_scope_and_suppresses(client, reporter, small_counts):
    login(client, reporter)

    response = client.get(CSV, {"year": "2024", "municipality": "167", "type": "internship"})
    rows = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == ["TalentHub impact figures"]
    assert ["Period", "2024"] in rows
    assert ["Type", "Internship"] in rows
    assert ["Municipality", "Joensuu"] in rows
    assert ["Industry", "All industries"] in rows
    assert any(r[0] == "Generated" and r[1].endswith("(Europe/Helsinki)") for r in rows)
    assert any(r[0] == "Privacy" and "<5" in r[1] for r in rows)
    assert ["Figure", "2024", "2023", "2022"] in rows
    assert ["Companies that ran a cooperation period", "5", "0", "0"] in rows
    # The job is not an internship: filtered out, so 0, not "<5".
    assert ["International talents employed by SMEs", "0", "0", "0"] in rows
    assert ["Start-ups founded by international talents", "<5", "0", "0"] in rows
    assert ["Type", "Placements started"] in rows
    assert ["Internship", "5"] in rows


def test_the_xlsx_has_a_sheet_per_breakdown_and_suppresses(client, reporter, small_counts):
    login(client, reporter)

    response = client.get(XLSX, YEAR_2024)
    workbook = load_workbook(io.BytesIO(response.content))

    assert response["Content-Type"] == exports.XLSX_TYPE
    assert workbook.sheetnames == [
        "Figures",
        "Funnel",
        "Monthly trend",
        "By type",
        "By municipality",
    ]
    figures = {r[0]: list(r[1:4]) for r in workbook["Figures"].iter_rows(values_only=True) if r[0]}
    assert figures["Period"][0] == "2024"
    assert figures["Companies that ran a cooperation period"] == [5, 0, 0]
    assert figures["International talents employed by SMEs"] == ["<5", 0, 0]
    assert figures["Start-ups founded by international talents"] == ["<5", 0, 0]
    by_type = {r[0]: r[1] for r in workbook["By type"].iter_rows(values_only=True) if r[0]}
    assert by_type["Job"] == "<5"
    assert by_type["Internship"] == "–"  # 5, hidden: with the total it would give the job away


def test_exports_guard_against_formulas(client, reporter, monkeypatch, small_counts):
    monkeypatch.setitem(selectors.HEADLINE_LABELS, "startups", '=HYPERLINK("http://x")')
    login(client, reporter)

    rows = csv_rows(client.get(CSV, YEAR_2024))
    sheet = load_workbook(io.BytesIO(client.get(XLSX, YEAR_2024).content))["Figures"]

    assert ['\'=HYPERLINK("http://x")', "<5", "0", "0"] in rows
    cells = [r[0] for r in sheet.iter_rows() if r[0].value and "HYPERLINK" in r[0].value]
    assert [(c.value, c.data_type) for c in cells] == [('\'=HYPERLINK("http://x")', "s")]
    assert [exports._safe(v) for v in ["+1", "-1", "@a", "ok", 5]] == ["'+1", "'-1", "'@a", "ok", 5]


def test_invalid_filters_are_explained(client, reporter):
    login(client, reporter)
    query = {"date_from": "2024-05-01", "date_to": "2024-01-01", "municipality": "xyz"}

    page = client.get(DASHBOARD, query)
    export = client.get(CSV, query)

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["report"] is None
    assert "error-summary" in html
    assert "The last day must not be before the first day." in html
    assert 'href="#id_municipality"' in html
    assert export.status_code == 302
    assert export.url.startswith(DASHBOARD + "?date_from=2024-05-01")


def test_a_date_range_and_its_comparisons(client, reporter, small_counts):
    login(client, reporter)

    response = client.get(DASHBOARD, {"date_from": "2024-03-01", "date_to": "2024-03-31"})

    assert [p.label for p in response.context["report"].periods] == [
        "2024-03-01 – 2024-03-31",
        "2023-03-01 – 2023-03-31",
        "2022-03-01 – 2022-03-31",
    ]


def test_the_dashboard_query_count_does_not_grow(client, reporter, django_assert_num_queries):
    login(client, reporter)
    started(enterprise=EnterpriseFactory(municipality="422"))
    client.get(DASHBOARD, YEAR_2024)  # the session and the user, read once
    with CaptureQueriesContext(connection) as one:
        client.get(DASHBOARD, YEAR_2024)
    for number in range(12):
        started(kind="job" if number % 2 else "development", enterprise=EnterpriseFactory())
        StartUpFactory(founded_on=datetime.date(2024, 2, 1))
    with django_assert_num_queries(len(one)):
        client.get(DASHBOARD, YEAR_2024)


@pytest.mark.django_db
def test_home_shows_suppressed_figures_from_the_cache(client, django_assert_num_queries):
    StartUpFactory()
    with CaptureQueriesContext(connection) as first:
        html = client.get(reverse("core:home")).content.decode()
    assert "<strong>&lt;5</strong> new start-ups were founded by international talents" in html
    assert "<strong>0</strong> companies ran a cooperation period" in html

    for _ in range(6):
        StartUpFactory()
        started()
    # Cached: three fewer queries, and the figures stay as they were for a few minutes.
    with django_assert_num_queries(len(first) - 3):
        html = client.get(reverse("core:home")).content.decode()
    assert "<strong>&lt;5</strong> new start-ups" in html

    cache.clear()
    with django_assert_num_queries(len(first)):
        html = client.get(reverse("core:home")).content.decode()
    assert "<strong>7</strong> new start-ups" in html
    assert "<strong>6</strong> companies ran a cooperation period" in html


def test_the_figures_are_drawn_once_per_computed_report(client, reporter, small_counts):
    login(client, reporter)
    first = client.get(DASHBOARD, YEAR_2024)
    report = first.context["report"]
    assert row(first.content.decode(), "Placements started") == ["6", "0", "0"]

    started()
    # The report is cached a few minutes, and its drawing with it: the same figures.
    assert row(client.get(DASHBOARD, YEAR_2024).content.decode(), "Placements started") == [
        "6",
        "0",
        "0",
    ]

    # A report computed again is drawn again, never shown with an older drawing.
    cache.delete(report.cache_key)
    html = client.get(DASHBOARD, YEAR_2024).content.decode()
    assert row(html, "Placements started") == ["7", "0", "0"]


def test_the_figures_are_drawn_in_each_language(client, reporter, small_counts):
    login(client, reporter)
    english = client.get(DASHBOARD, YEAR_2024).content.decode()

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    finnish = client.get(DASHBOARD, YEAR_2024).content.decode()

    assert "Days are counted in Finnish time." in english
    assert "Päivät lasketaan Suomen ajan mukaan." in finnish


def _filter_form(html: str) -> str:
    return re.search(r'<form method="get".*?</form>', html, re.S).group(0)


def test_the_empty_form_is_drawn_once_and_never_shows_a_choice(client, reporter, monkeypatch):
    login(client, reporter)
    empty = _filter_form(client.get(DASHBOARD).content.decode())

    chosen = _filter_form(client.get(DASHBOARD, {"municipality": "167"}).content.decode())
    again = _filter_form(client.get(DASHBOARD).content.decode())

    assert '<option value="167" selected>' in chosen
    assert again == empty
    assert '<option value="167">' in empty
    # A new year offers itself at once, not after the cached markup expires.
    monkeypatch.setattr(
        "reports.forms.today", lambda: datetime.date(selectors.today().year + 1, 1, 2)
    )
    next_year = str(selectors.today().year + 1)
    assert f'<option value="{next_year}">' in _filter_form(client.get(DASHBOARD).content.decode())
