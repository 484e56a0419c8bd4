"""What each impact figure counts and leaves out, on a hand-built data set in 2024."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from enterprises.models import Enterprise
from matching.models import Application, Outcome, Placement
from reports import selectors
from reports.selectors import Filters, Period
from tests.factories import (
    ApplicationFactory,
    EnterpriseFactory,
    OpeningFactory,
    PlacementFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.factories.reports import OutcomeFactory, StartUpFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
YEAR = Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
ALL = Filters()


def at(*parts) -> datetime.datetime:
    """A moment on the Helsinki clock."""
    return datetime.datetime(*parts, tzinfo=HELSINKI)


def day(month, dom, year=2024) -> datetime.date:
    return datetime.date(year, month, dom)


def placement(kind="internship", started_on=None, ended_on=None, **kwargs):
    status = kwargs.pop("status", Placement.Status.ONGOING if started_on else "agreed")
    start = started_on or day(6, 1)
    return PlacementFactory(
        kind=kind,
        start_date=start,
        end_date=None,
        started_on=started_on,
        ended_on=ended_on,
        status=status,
        **kwargs,
    )


def outcome(recorded_at, **kwargs):
    made = OutcomeFactory(**kwargs)
    Outcome.objects.filter(pk=made.pk).update(recorded_at=recorded_at)
    return made


def headline(period=YEAR, filters=ALL):
    return {key: values[0] for key, values in selectors.headline_counts([period], filters).items()}


@pytest.mark.django_db
def test_companies_that_ran_a_cooperation_period():
    twice = EnterpriseFactory()
    placement("internship", day(3, 1), day(6, 1), enterprise=twice)
    placement("development", day(9, 1), enterprise=twice)  # the same company counts once
    placement("joint_work", day(11, 1, 2023), day(1, 1))  # ended on the first day
    placement("development", day(12, 31))  # started on the last day, still running
    placement("internship", day(5, 1), day(5, 20), status="interrupted", interruption_reason="x")
    # Left out: never started, a job, over before the year, started after it.
    placement("internship")
    placement("job", day(3, 1))
    placement("internship", day(9, 1, 2023), day(12, 31, 2023), status="completed")
    placement("joint_work", day(1, 1, 2025))

    assert headline()["enterprises"] == 4


@pytest.mark.django_db
def test_talents_employed_by_smes():
    placement("job", day(1, 1))
    outcome(at(2024, 6, 1, 12), placement=placement("internship", day(1, 2), day(4, 1)))
    both = TalentProfileFactory()  # a job and an outcome in the year: one talent
    placement("job", day(8, 1), profile=both)
    outcome(at(2024, 3, 1), placement=placement("internship", day(1, 1), profile=both))
    outcome(at(2024, 12, 31, 23, 59), placement=placement("internship", day(1, 1)))
    # Left out: an outcome no longer current, another outcome, an outcome recorded after
    # Helsinki midnight (still 2024 in UTC), a job started the day before, an agreed job.
    outcome(at(2024, 5, 1), is_current=False)
    outcome(at(2024, 5, 1), kind=Outcome.Kind.EMPLOYED_ELSEWHERE)
    late = outcome(at(2025, 1, 1, 0, 30))
    assert late.placement.outcomes.get().recorded_at.astimezone(datetime.UTC).year == 2024
    placement("job", day(12, 31, 2023))
    placement("job")

    assert headline()["talents"] == 4


@pytest.mark.django_db
def test_startups_founded_in_the_period():
    StartUpFactory(founded_on=day(1, 1))
    StartUpFactory(founded_on=day(12, 31))
    StartUpFactory(founded_on=day(12, 31, 2023))
    StartUpFactory(founded_on=day(1, 1, 2025))

    assert headline()["startups"] == 2


@pytest.mark.django_db
def test_funnel_counts():
    for joined in (at(2024, 1, 1, 0, 0), at(2024, 12, 31, 23, 59), at(2023, 12, 31, 23, 59)):
        TalentUserFactory(date_joined=joined)
    registered = EnterpriseFactory(status=Enterprise.Status.PENDING)
    verified = EnterpriseFactory(reviewed_at=at(2024, 3, 1))
    EnterpriseFactory(status=Enterprise.Status.REJECTED, reviewed_at=at(2024, 3, 1))
    old = EnterpriseFactory(reviewed_at=at(2023, 3, 1))
    Enterprise.objects.filter(pk__in=[registered.pk, verified.pk]).update(created_at=at(2024, 2, 1))
    Enterprise.objects.exclude(pk__in=[registered.pk, verified.pk]).update(
        created_at=at(2023, 2, 1)
    )
    job = OpeningFactory(published_at=at(2024, 1, 1, 0, 0), enterprise=old)
    OpeningFactory(kind="internship", published_at=at(2024, 5, 1), finnish_not_required=True)
    OpeningFactory(published_at=at(2023, 12, 31, 23, 59))
    OpeningFactory(status="draft", published_at=None)
    ApplicationFactory(opening=job)
    Application.objects.update(created_at=at(2024, 1, 3))
    ApplicationFactory(opening=job)  # applied today, after the year
    placement("internship", day(2, 1), day(5, 1), status="completed")
    placement("job", day(12, 31))
    placement("internship", day(12, 1, 2023), day(1, 31), status="completed")
    placement("internship")

    counts = {key: values[0] for key, values in selectors.funnel_counts([YEAR], ALL).items()}

    assert counts == {
        "talents": 2,
        "enterprises": 2,
        "verified": 1,
        "openings": 2,
        "openings_job": 1,
        "openings_internship": 1,
        "openings_joint_work": 0,
        "openings_development": 0,
        "applications": 1,
        "started": 2,
        "completed": 2,
        "finnish_not_required": 1,
    }


@pytest.mark.django_db
def test_median_days_to_the_first_application_needs_five_openings():
    for waits in ([1, 9], [2], [3], [4], [5, 1]):
        opening = OpeningFactory(published_at=at(2024, 3, 1, 12))
        for wait in waits:
            Application.objects.filter(pk=ApplicationFactory(opening=opening).pk).update(
                created_at=at(2024, 3, 1 + wait, 12)
            )
    OpeningFactory(published_at=at(2024, 3, 1))  # no application: not a case
    report = selectors.dashboard(YEAR, ALL)
    median = next(f for f in report.funnel if f.key == "days_to_application")

    # First applications after 1, 2, 3, 4 and 1 days.
    assert median.cells[0].value == 2.0

    Application.objects.filter(
        opening__published_at__gte=at(2024, 3, 1, 12)
    ).first().opening.delete()
    cache.clear()  # the report is cached for a few minutes
    report = selectors.dashboard(YEAR, ALL)
    median = next(f for f in report.funnel if f.key == "days_to_application")
    assert median.cells[0].text == "–"


@pytest.mark.django_db
def test_filters_use_the_companys_municipality_and_industry_and_the_type():
    kontiolahti = EnterpriseFactory(municipality="276", industry="C")
    placement("internship", day(3, 1), enterprise=kontiolahti)
    placement("development", day(3, 1))  # Joensuu, industry J
    placement("job", day(3, 1), enterprise=kontiolahti)
    StartUpFactory(industry="C", founder=TalentProfileFactory(municipality="276"))
    StartUpFactory(industry="J")

    assert headline(filters=Filters(municipality="276")) == {
        "enterprises": 1,
        "talents": 1,
        "startups": 1,
    }
    assert headline(filters=Filters(industry="J")) == {
        "enterprises": 1,
        "talents": 0,
        "startups": 1,
    }
    # Start-ups are the entrepreneurship path: no opening type filters them out.
    assert headline(filters=Filters(kind="job")) == {
        "enterprises": 0,
        "talents": 1,
        "startups": 2,
    }
    started = selectors.funnel_counts([YEAR], Filters(kind="internship"))["started"]
    assert started == [1]


def test_period_helpers(monkeypatch):
    monkeypatch.setattr(selectors, "today", lambda: datetime.date(2026, 5, 10))
    this_year = Period.year(2026, today=selectors.today())

    assert this_year == Period(day(1, 1, 2026), day(5, 10, 2026))
    assert selectors.comparison_periods(this_year) == [
        Period(day(1, 1, 2025), day(12, 31, 2025)),
        Period(day(1, 1, 2024), day(12, 31, 2024)),
    ]
    assert [p.label for p in selectors.comparison_periods(this_year)] == ["2025", "2024"]
    leap = Period(day(2, 29), day(3, 31))
    assert selectors.comparison_periods(leap)[0] == Period(day(2, 28, 2023), day(3, 31, 2023))
    assert leap.months() == [day(2, 1), day(3, 1)]
    assert leap.label == "2024-02-29 – 2024-03-31"


@pytest.mark.django_db
def test_dashboard_breakdowns():
    lieksa = EnterpriseFactory(municipality="422")
    for _ in range(5):
        placement("internship", day(3, 15), enterprise=lieksa)
    placement("job", day(4, 1))
    report = selectors.dashboard(Period(day(3, 1), day(4, 30)), ALL)
    breakdowns = {b.key: b for b in report.breakdowns}

    trend = breakdowns["trend"].rows
    # April's 1 would follow from March's 5 and the 6 started in the funnel: both hidden.
    assert [(label, cells[0].text) for label, cells in trend] == [
        ("March 2024", "–"),
        ("April 2024", "<5"),
    ]
    assert [(label, cells[0].text) for label, cells in breakdowns["by_type"].rows] == [
        ("Job", "<5"),
        ("Internship", "–"),
        ("Joint work period", "0"),
        ("Development period", "0"),
    ]
    assert [(label, cells[0].text) for label, cells in breakdowns["by_municipality"].rows] == [
        ("Joensuu", "<5"),
        ("Lieksa", "–"),
    ]
    assert timezone.is_aware(report.generated_at)


@pytest.mark.django_db
def test_the_same_report_is_aggregated_once_per_few_minutes(django_assert_num_queries):
    placement("internship", day(3, 1))
    first = selectors.dashboard(YEAR, ALL)

    with django_assert_num_queries(0):
        again = selectors.dashboard(YEAR, ALL)

    assert again.headline == first.headline


@pytest.mark.django_db
def test_the_cached_report_holds_its_texts_as_plain_strings():
    """Read from the cache on every request: a lazy translation unpickles slowly (it builds
    a class), and the report is already per language."""
    report = selectors.dashboard(YEAR, ALL)

    texts = [figure.label for figure in report.headline + report.funnel]
    for breakdown in report.breakdowns:
        texts += [breakdown.title, breakdown.row_header, *breakdown.series]
        texts += [label for label, _cells in breakdown.rows]
    assert {type(text) for text in texts} == {str}
    assert report.cache_key.startswith("reports:dashboard:")
