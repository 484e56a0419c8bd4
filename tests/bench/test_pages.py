"""The pages benchmark: each of the eight pages keeps to the query budget and takes as many
queries with many rows as with few; gunicorn serves them with the production settings and the
load generator measures them against the minimal view (PostgreSQL only)."""

import pytest
from django.db import connection

from bench import pages
from bench.scale import SCALES
from enterprises.models import Enterprise
from matching.services.scores import scores_rebuild
from profiles.models import ContactRequest, EnterpriseBlock, TalentProfile
from tests.conftest import skip_unless_available
from tests.factories import (
    ApplicationFactory,
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    PlacementFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    TalentProfileFactory,
)

PAGES = [
    "home",
    "opening_list",
    "opening_list_filtered",
    "opening_detail",
    "talent_dashboard",
    "suggested_talents",
    "talent_pool",
    "impact_dashboard",
]
# The pages that list the rows added below: with more rows they are longer.
LISTS = {
    "home",
    "opening_list",
    "opening_list_filtered",
    "talent_dashboard",
    "suggested_talents",
    "talent_pool",
}


def add_rows(enterprise: Enterprise, count: int) -> None:
    """`count` more openings of the company and talents, each matching the filters of the
    filtered pages (a Python job in Joensuu), applying and placed; then their match scores."""
    for n in range(count):
        opening = OpeningFactory(enterprise=enterprise, title=f"Developer {n}")
        OpeningSkillFactory(opening=opening)
        OpeningLanguageFactory(opening=opening)
        profile = TalentProfileFactory(visibility="anonymous" if n % 2 else "visible")
        ProfileSkillFactory(profile=profile)
        ProfileLanguageFactory(profile=profile)
        ApplicationFactory(opening=opening, profile=profile)
        PlacementFactory(enterprise=enterprise, profile=profile)
    scores_rebuild()


def add_contacts(profile: TalentProfile, count: int) -> None:
    """Companies asking the talent, in touch with them, and blocked by them."""
    for status in (ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED) * count:
        ContactRequest.objects.create(
            profile=profile, enterprise=EnterpriseFactory(), message="Hello", status=status
        )
    for _ in range(count):
        EnterpriseBlock.objects.create(profile=profile, enterprise=EnterpriseFactory())


@pytest.fixture
def team(db):
    team = MembershipFactory()
    add_rows(team.enterprise, 2)
    return team


@pytest.mark.parametrize(
    "page",
    PAGES,
)
def test_the_page_keeps_to_the_query_budget(team, page):
    target = pages.page_targets()[page]
    assert pages.page_queries({page: target})[page]["steady"] <= pages.QUERY_BUDGET


def test_no_page_takes_more_queries_with_more_rows(team):
    targets = pages.page_targets()
    assert set(targets) == set(PAGES)
    talent = TalentProfile.objects.get(user_id=targets["talent_dashboard"].user_id)
    add_contacts(talent, 1)
    few = pages.page_queries(targets)
    add_rows(team.enterprise, 6)
    add_contacts(talent, 4)
    many = pages.page_queries(targets)
    assert {name: counts["steady"] for name, counts in many.items()} == {
        name: counts["steady"] for name, counts in few.items()
    }
    # The rows are on the pages, not only in the database.
    assert {name for name in LISTS if many[name]["bytes"] > few[name]["bytes"]} == LISTS
    assert many["minimal"]["steady"] == 0


def test_a_page_that_does_not_answer_200_stops_the_measurement(team):
    with pytest.raises(pages.PageError, match="404"):
        pages.page_queries({"gone": pages.Target("/openings/0/")})


def result_of(queries: int, ratio_p95: float, ratio_rps: float) -> dict:
    page = {"queries": queries, "ratio_p95": ratio_p95, "ratio_rps": ratio_rps}
    return {"scale": "S", "pages": {"home": page}}


def test_the_time_budgets_apply_at_l_and_the_query_budget_everywhere():
    slow = result_of(13, ratio_p95=6.0, ratio_rps=0.1)
    assert pages.check_budgets(slow, scale_name="S") == ["home: 13 queries (budget 12)"]
    assert pages.check_budgets(slow, scale_name="L") == [
        "home: 13 queries (budget 12)",
        "home: p95 6.0× the minimal view's (budget 5×)",
        "home: throughput 10% of the minimal view's (budget 20%)",
    ]
    fine = result_of(7, ratio_p95=5.0, ratio_rps=0.2)
    assert pages.check_budgets(fine, scale_name="L") == []
    assert pages.check_budgets(fine, scale_name="L", reference=result_of(6, 1, 1)) == [
        "home: 7 queries at L, 6 at S (must be the same at every scale)"
    ]


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_the_pages_and_the_minimal_view_under_load(esco_starter):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "gunicorn shares the test database: PostgreSQL only")
    add_rows(MembershipFactory().enterprise, 2)
    result = pages.measure_pages(
        SCALES["XS"],
        duration=0.5,
        warmup=0.2,
        workers=1,
        concurrency=2,
        # One anonymous page and one behind a session cookie and the HTTPS redirect.
        targets=["home", "talent_dashboard"],
    )
    assert set(result["pages"]) == {"home", "talent_dashboard"}
    assert result["minimal"]["queries"] == 0
    for page in [result["minimal"], *result["pages"].values()]:
        assert page["requests"] > 0
        assert page["p95_ms"] >= page["p50_ms"] > 0
    for page in result["pages"].values():
        assert page["errors"] == {}
        assert page["ratio_rps"] > 0
        assert page["ratio_p95"] > 0
    assert pages.check_budgets(result, scale_name="XS") == []
