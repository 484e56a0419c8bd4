"""The impact figures funders ask for, read in a few aggregate queries.

Each figure is computed for several periods at once (conditional aggregation: one query per
figure, not one per period or per row), then passed through `reports.suppression` before
anything leaves this module. Days are counted in Europe/Helsinki (settings.TIME_ZONE): a
timestamp belongs to the Helsinki calendar day it falls on.

Filters apply wherever a record has the attribute: the type to the opening's or placement's
kind; the municipality and the industry to the company's (Enterprise.municipality, not the
opening's, so openings, applications and placements of one company are counted alike). Talents
and start-up founders have no company: the municipality filter uses where they live, and the
type and industry filters leave talents out of account; start-ups keep their own industry and
are never filtered by type (they are the entrepreneurship path, not an opening type).
"""

import datetime
import hashlib
import statistics
from collections import defaultdict
from dataclasses import astuple, dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.translated import active_language
from enterprises.models import Enterprise, Industry
from matching.models import KINDS, PERIOD_KINDS, Application, Opening, Outcome, Placement, StartUp
from profiles import geography
from profiles.models import OpportunityType

from . import suppression
from .suppression import Cell

HELSINKI = ZoneInfo(settings.TIME_ZONE)
HEADLINE_CACHE_KEY = "reports:headline"
# Long enough that the public home page does not aggregate on every request, short enough
# that a newly recorded placement shows the same morning.
HEADLINE_CACHE_SECONDS = 300
KIND_LABELS = dict(KINDS)


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days from `start` to `end`, both included; no start means since the first record."""

    start: datetime.date | None
    end: datetime.date

    @classmethod
    def year(cls, year: int, *, today: datetime.date) -> "Period":
        """A calendar year; the current one up to today."""
        return cls(datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today))

    @property
    def label(self) -> str:
        if self.start is None:
            return f"– {self.end.isoformat()}"
        if self.is_year and (self.end.month, self.end.day) == (12, 31):
            return str(self.start.year)
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def is_year(self) -> bool:
        """A calendar year: all of it, or this one up to today."""
        if self.start is None or (self.start.month, self.start.day) != (1, 1):
            return False
        return self.end == Period.year(self.start.year, today=today()).end

    def dates(self, field_name: str) -> Q:
        """The records whose date field falls in the period."""
        q = Q(**{f"{field_name}__lte": self.end})
        return q & Q(**{f"{field_name}__gte": self.start}) if self.start else q

    def times(self, field_name: str) -> Q:
        """The records whose timestamp falls on a Helsinki day of the period."""
        q = Q(**{f"{field_name}__lt": _midnight(self.end + datetime.timedelta(days=1))})
        return q & Q(**{f"{field_name}__gte": _midnight(self.start)}) if self.start else q

    def contains(self, moment: datetime.datetime) -> bool:
        day = moment.astimezone(HELSINKI).date()
        return (self.start is None or self.start <= day) and day <= self.end

    def months(self) -> list[datetime.date]:
        """The first day of every month the period touches."""
        first = (self.start or self.end).replace(day=1)
        months = []
        while first <= self.end:
            months.append(first)
            first = (first + datetime.timedelta(days=32)).replace(day=1)
        return months


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=HELSINKI)


def today() -> datetime.date:
    return timezone.localdate(timezone=HELSINKI)


def default_period() -> Period:
    return Period.year(today().year, today=today())


def comparison_periods(period: Period) -> list[Period]:
    """The two periods shown beside `period`: the two previous full years for a calendar
    year (this one so far included), otherwise the same dates one and two years earlier."""
    if period.is_year:
        return [Period.year(period.start.year - back, today=today()) for back in (1, 2)]
    start = period.start or period.end
    return [Period(_years_back(start, back), _years_back(period.end, back)) for back in (1, 2)]


def _years_back(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True, slots=True)
class Filters:
    kind: str = ""
    municipality: str = ""
    industry: str = ""

    def q(self, *, kind: str = "", municipality: str = "", industry: str = "") -> Q:
        """The filters on a model, given the paths to its kind, municipality and industry
        (an empty path: the model has no such attribute and that filter does not apply)."""
        q = Q()
        for path, value in (
            (kind, self.kind),
            (municipality, self.municipality),
            (industry, self.industry),
        ):
            if path and value:
                q &= Q(**{path: value})
        return q

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) of each filter, for headers of the page and the exports."""
        place = geography.municipality(self.municipality) if self.municipality else None
        return [
            (_("Type"), str(KIND_LABELS.get(self.kind, _("All types")))),
            (
                _("Municipality"),
                place.label(active_language()) if place else str(_("All municipalities")),
            ),
            (
                _("Industry"),
                str(Industry(self.industry).label) if self.industry else str(_("All industries")),
            ),
        ]


# Paths from each model to the attributes the filters use.
ON_PLACEMENT = {
    "kind": "kind",
    "municipality": "enterprise__municipality",
    "industry": "enterprise__industry",
}
ON_OPENING = ON_PLACEMENT
ON_APPLICATION = {name: f"opening__{path}" for name, path in ON_OPENING.items()}
ON_ENTERPRISE = {"municipality": "municipality", "industry": "industry"}
ON_TALENT = {"municipality": "talent_profile__municipality"}
ON_STARTUP = {"municipality": "founder__municipality", "industry": "industry"}


@dataclass(frozen=True, slots=True)
class Figure:
    """One published figure: a label and a cell per period (the main period first)."""

    key: str
    label: str
    cells: list[Cell]


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A chart's data: rows of (label, a cell per series)."""

    key: str
    title: str
    row_header: str
    series: list[str]
    rows: list[tuple[str, list[Cell]]]


@dataclass(frozen=True, slots=True)
class Headline:
    """The three figures the programme is measured by, for the home and About pages."""

    enterprises: Cell
    talents: Cell
    startups: Cell


@dataclass
class Dashboard:
    """The report, its texts in the language it was computed in (plain strings: the cached
    copy is read on every request, and a lazy translation unpickles slowly)."""

    period: Period
    filters: Filters
    periods: list[Period]
    headline: list[Figure]
    funnel: list[Figure]
    breakdowns: list[Breakdown]
    # Where it is cached: one per period, filters and language.
    cache_key: str
    generated_at: datetime.datetime = field(default_factory=timezone.now)


HEADLINE_LABELS = {
    "enterprises": gettext_lazy("Companies that ran a cooperation period"),
    "talents": gettext_lazy("International talents employed by SMEs"),
    "startups": gettext_lazy("Start-ups founded by international talents"),
}


def _per_period(periods: list[Period], condition) -> dict:
    """Keyword arguments for aggregate(): `condition(period)` counted for each period."""
    return {f"p{index}": condition(period) for index, period in enumerate(periods)}


def _values(result: dict, periods: list[Period], prefix: str = "p") -> list[int]:
    return [result[f"{prefix}{index}"] for index in range(len(periods))]


def _ran_during(period: Period) -> Q:
    """A period placement that had started by the period's end and not ended before its start."""
    q = Q(started_on__lte=period.end)
    if period.start:
        q &= Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    return q


def _employed(period: Period) -> Q:
    """A job that started in the period, or an "employed by the same company" outcome,
    current now, recorded in the period."""
    return (Q(kind=OpportunityType.JOB) & period.dates("started_on")) | (
        Q(outcomes__is_current=True, outcomes__kind=Outcome.Kind.EMPLOYED_SAME_SME)
        & period.times("outcomes__recorded_at")
    )


def headline_counts(periods: list[Period], filters: Filters) -> dict[str, list[int]]:
    """The raw headline counts, one per period (three queries). Not for display: suppress."""
    placements = Placement.objects.filter(filters.q(**ON_PLACEMENT))
    enterprises = placements.filter(kind__in=PERIOD_KINDS, started_on__isnull=False).aggregate(
        **_per_period(periods, lambda p: Count("enterprise", distinct=True, filter=_ran_during(p)))
    )
    talents = placements.aggregate(
        **_per_period(periods, lambda p: Count("profile", distinct=True, filter=_employed(p)))
    )
    startups = StartUp.objects.filter(filters.q(**ON_STARTUP)).aggregate(
        **_per_period(periods, lambda p: Count("pk", filter=p.dates("founded_on")))
    )
    return {
        "enterprises": _values(enterprises, periods),
        "talents": _values(talents, periods),
        "startups": _values(startups, periods),
    }


def headline_figures() -> Headline:
    """The three headline figures since TalentHub started, suppressed; cached for a few
    minutes, as the public home page shows them."""

    def compute() -> Headline:
        counts = headline_counts([Period(None, today())], Filters())
        return Headline(**{key: suppression.count(values[0]) for key, values in counts.items()})

    return cache.get_or_set(HEADLINE_CACHE_KEY, compute, HEADLINE_CACHE_SECONDS)


def _published(filters: Filters):
    return Opening.objects.filter(filters.q(**ON_OPENING), published_at__isnull=False)


def funnel_counts(periods: list[Period], filters: Filters) -> dict[str, list[int]]:
    """The raw funnel counts, one per period (five queries). Not for display: suppress."""
    talents = User.objects.filter(filters.q(**ON_TALENT), side=User.Side.TALENT).aggregate(
        **_per_period(periods, lambda p: Count("pk", filter=p.times("date_joined")))
    )
    enterprises = Enterprise.objects.filter(filters.q(**ON_ENTERPRISE)).aggregate(
        **_per_period(periods, lambda p: Count("pk", filter=p.times("created_at"))),
        **{
            f"v{i}": Count(
                "pk", filter=Q(status=Enterprise.Status.VERIFIED) & p.times("reviewed_at")
            )
            for i, p in enumerate(periods)
        },
    )
    applications = Application.objects.filter(filters.q(**ON_APPLICATION)).aggregate(
        **_per_period(periods, lambda p: Count("pk", filter=p.times("created_at")))
    )
    placements = Placement.objects.filter(filters.q(**ON_PLACEMENT)).aggregate(
        **_per_period(periods, lambda p: Count("pk", filter=p.dates("started_on"))),
        **{
            f"c{i}": Count("pk", filter=Q(status=Placement.Status.COMPLETED) & p.dates("ended_on"))
            for i, p in enumerate(periods)
        },
    )
    by_kind = {
        row["kind"]: row
        for row in _published(filters)
        .values("kind")
        .annotate(
            **_per_period(periods, lambda p: Count("pk", filter=p.times("published_at"))),
            **{
                f"f{i}": Count("pk", filter=Q(finnish_not_required=True) & p.times("published_at"))
                for i, p in enumerate(periods)
            },
        )
    }
    per_kind = {
        kind: _values(by_kind[kind], periods) if kind in by_kind else [0] * len(periods)
        for kind, _label in KINDS
    }
    return {
        "talents": _values(talents, periods),
        "enterprises": _values(enterprises, periods),
        "verified": _values(enterprises, periods, "v"),
        "openings": [sum(values) for values in zip(*per_kind.values(), strict=True)],
        **{f"openings_{kind}": values for kind, values in per_kind.items()},
        "applications": _values(applications, periods),
        "started": _values(placements, periods),
        "completed": _values(placements, periods, "c"),
        "finnish_not_required": [
            sum(row[f"f{i}"] for row in by_kind.values()) for i in range(len(periods))
        ],
    }


FUNNEL_LABELS = {
    "talents": gettext_lazy("Talents registered"),
    "enterprises": gettext_lazy("Companies registered"),
    "verified": gettext_lazy("Companies verified"),
    "openings": gettext_lazy("Openings published"),
    "applications": gettext_lazy("Applications"),
    "started": gettext_lazy("Placements started"),
    "completed": gettext_lazy("Placements completed"),
}


def _funnel(periods: list[Period], filters: Filters) -> list[Figure]:
    counts = funnel_counts(periods, filters)

    def figure(key: str, label) -> Figure:
        return Figure(key, str(label), [suppression.count(value) for value in counts[key]])

    # The types add up to the openings published: suppressed as parts of that total, in each
    # period's column.
    by_type = [
        suppression.parts([counts[f"openings_{kind}"][column] for kind, _label in KINDS])
        for column in range(len(periods))
    ]
    return [
        *(figure(key, FUNNEL_LABELS[key]) for key in ("talents", "enterprises", "verified")),
        figure("openings", FUNNEL_LABELS["openings"]),
        *(
            Figure(
                f"openings_{kind}",
                _("Openings published: %(type)s") % {"type": label},
                [cells[row] for cells in by_type],
            )
            for row, (kind, label) in enumerate(KINDS)
        ),
        *(figure(key, FUNNEL_LABELS[key]) for key in ("applications", "started", "completed")),
        Figure(
            "days_to_application",
            _("Median days from publishing to the first application"),
            _median_days(periods, _published(filters)),
        ),
        Figure(
            "finnish_not_required",
            _("Openings published with Finnish not required (%)"),
            [
                suppression.share(part, whole)
                for part, whole in zip(
                    counts["finnish_not_required"], counts["openings"], strict=True
                )
            ],
        ),
    ]


def _median_days(periods: list[Period], published) -> list[Cell]:
    """One query for (published, first application) of the openings published in any of the
    periods; the medians are worked out here, which SQLite and PostgreSQL both allow."""
    span = Q()
    for period in periods:
        span |= period.times("published_at")
    pairs = (
        published.filter(span)
        .annotate(first_application=Min("applications__created_at"))
        .filter(first_application__isnull=False)
        .values_list("published_at", "first_application")
    )
    days: dict[int, list[float]] = defaultdict(list)
    for published_at, first_application in pairs:
        # Staff may record an application made before publishing (a repost): that is day 0.
        wait = max((first_application - published_at).total_seconds(), 0) / 86400
        for index, period in enumerate(periods):
            if period.contains(published_at):
                days[index].append(wait)
    cells = []
    for index in range(len(periods)):
        waits = days[index]
        median = round(statistics.median(waits), 1) if waits else None
        text = number_format(median, decimal_pos=1) if median is not None else ""
        cells.append(suppression.statistic(median, cases=len(waits), text=text))
    return cells


def _trend(period: Period, filters: Filters) -> Breakdown:
    months = period.months()
    series = []
    queries = [
        (Placement.objects.filter(filters.q(**ON_PLACEMENT)), "started_on", period.dates, {}),
        (
            Application.objects.filter(filters.q(**ON_APPLICATION)),
            "created_at",
            period.times,
            {"tzinfo": HELSINKI},
        ),
        (
            Opening.objects.filter(filters.q(**ON_OPENING)),
            "published_at",
            period.times,
            {"tzinfo": HELSINKI},
        ),
    ]
    for queryset, field_name, within, timezone_ in queries:
        rows = (
            queryset.filter(within(field_name))
            .annotate(month=TruncMonth(field_name, **timezone_))
            .values("month")
            .annotate(n=Count("pk"))
        )
        per_month = {_month(row["month"]): row["n"] for row in rows}
        # Each series adds up to a total the funnel publishes.
        series.append(suppression.parts([per_month.get(month, 0) for month in months]))
    return Breakdown(
        "trend",
        _("Month by month"),
        _("Month"),
        [_("Placements started"), _("Applications"), _("Openings published")],
        [
            (date_format(month, "YEAR_MONTH_FORMAT"), [cells[row] for cells in series])
            for row, month in enumerate(months)
        ],
    )


def _month(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = value.astimezone(HELSINKI).date()
    return value.replace(day=1)


def _placements(period: Period, filters: Filters) -> list[Breakdown]:
    """Placements started in the period by type and by the company's municipality (one query)."""
    by_type: dict[str, int] = defaultdict(int)
    by_place: dict[str, int] = defaultdict(int)
    rows = (
        Placement.objects.filter(filters.q(**ON_PLACEMENT), period.dates("started_on"))
        .values("kind", "enterprise__municipality")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        by_type[row["kind"]] += row["n"]
        by_place[row["enterprise__municipality"]] += row["n"]
    places = []
    for code, number in by_place.items():
        place = geography.municipality(code) if code else None
        places.append((place.label(active_language()) if place else str(_("Not given")), number))
    return [
        Breakdown(
            "by_type",
            _("Placements started by type"),
            _("Type"),
            [_("Placements started")],
            [
                (str(label), [cell])
                for (_kind, label), cell in zip(
                    KINDS,
                    suppression.parts([by_type.get(kind, 0) for kind, _ in KINDS]),
                    strict=True,
                )
            ],
        ),
        Breakdown(
            "by_municipality",
            _("Placements started by the company's municipality"),
            _("Municipality"),
            [_("Placements started")],
            _ranked(places),
        ),
    ]


def _ranked(rows: list[tuple[str, int]]) -> list[tuple[str, list[Cell]]]:
    """Largest first; the suppressed ones last in alphabetical order, since ranking them by
    their hidden counts would tell those counts apart."""
    rows = [(label, number) for label, number in rows if number]
    # The rows add up to the placements started: suppressed as parts of that total.
    parts = suppression.parts([number for _label, number in rows])
    cells = [(label, cell) for (label, _number), cell in zip(rows, parts, strict=True)]
    shown = sorted(
        (row for row in cells if not row[1].suppressed), key=lambda r: (-r[1].value, r[0])
    )
    hidden = sorted(row for row in cells if row[1].suppressed)
    return [(label, [cell]) for label, cell in shown + hidden]


def dashboard(period: Period, filters: Filters) -> Dashboard:
    """Everything the dashboard and the exports show, suppressed; the same report is
    aggregated once per few minutes (HEADLINE_CACHE_SECONDS), however many staff open it."""
    parts = (active_language(), period.start, period.end, *astuple(filters))
    key = "reports:dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    return cache.get_or_set(
        key, lambda: _dashboard(period, filters, cache_key=key), HEADLINE_CACHE_SECONDS
    )


def _dashboard(period: Period, filters: Filters, *, cache_key: str) -> Dashboard:
    """The report, in a fixed number of queries."""
    periods = [period, *comparison_periods(period)]
    counts = headline_counts(periods, filters)
    funnel = _funnel(periods, filters)
    stages = {figure.key: figure for figure in funnel}
    funnel_chart = Breakdown(
        "funnel",
        _("From registration to placement"),
        _("Stage"),
        [_("Number")],
        [(str(stages[key].label), [stages[key].cells[0]]) for key in FUNNEL_LABELS],
    )
    return Dashboard(
        period=period,
        filters=filters,
        periods=periods,
        headline=[
            Figure(key, str(HEADLINE_LABELS[key]), [suppression.count(value) for value in values])
            for key, values in counts.items()
        ],
        funnel=funnel,
        breakdowns=[funnel_chart, _trend(period, filters), *_placements(period, filters)],
        cache_key=cache_key,
    )
