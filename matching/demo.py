"""The programme's past for the demo: companies, talents, openings, applications, placements,
outcomes and start-ups spread over this year and the two before, so the impact dashboard has
enough to show (and to compare) above the small-cell suppression.

Seeded from a fixed random generator: every demo site shows the same history.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from enterprises.models import Enterprise, Industry, SizeClass
from enterprises.validators import business_id_check_digit
from profiles.models import TalentProfile

from .models import PERIOD_KINDS, Application, Opening, Outcome, Placement, StartUp

EMAIL = "alumni{n}@demo.talenthub.fi"
COMPANIES = [
    ("Joensuun Konepaja Oy", "167", Industry.C),
    ("Kontiolahden Sähkö Oy", "276", Industry.F),
    ("Liperin Maitotila Ay", "426", Industry.A),
    ("Outokummun Kaivostekniikka Oy", "309", Industry.B),
    ("Kiteen Matkailu Oy", "260", Industry.I),
    ("Lieksan Hirsitalot Oy", "422", Industry.C),
    ("Nurmeksen Hoivakoti Oy", "541", Industry.Q),
    ("Ilomantsin Luontomatkat Oy", "146", Industry.R),
    ("Pohjois-Karjalan Logistiikka Oy", "167", Industry.H),
    ("Joensuu Data Labs Oy", "167", Industry.J),
    ("Karjalan Kieli- ja Käännöspalvelut Oy", "167", Industry.M),
    ("Tohmajärven Leipomo Oy", "848", Industry.C),
    ("Joensuun Kauppahalli Oy", "167", Industry.G),
    ("Pielisen Biotuote Oy", "422", Industry.C),
]
NAMES = [
    "Amina Yusuf",
    "Chen Wei",
    "Diego Morales",
    "Elena Petrova",
    "Farid Haidari",
    "Grace Okafor",
    "Hanna Schmidt",
    "Ibrahim Diallo",
    "Jana Novak",
    "Kofi Mensah",
    "Leila Ahmadi",
    "Mateo Rossi",
    "Nadia Haddad",
    "Olga Ivanova",
    "Priya Nair",
    "Quang Nguyen",
    "Rosa Fernández",
    "Samir Khan",
    "Tamara Horvat",
    "Umar Farooq",
    "Valentina Costa",
    "Wang Li",
    "Ximena Rojas",
    "Yara Saleh",
    "Zeynep Demir",
]
ROLES = {
    "job": "Specialist",
    "internship": "Intern",
    "joint_work": "Joint work period",
    "development": "Development project",
}
# How often each kind of opening is published, and what follows a completed placement.
KIND_WEIGHTS = {"internship": 4, "joint_work": 3, "development": 2, "job": 3}
OUTCOME_WEIGHTS = {
    Outcome.Kind.EMPLOYED_SAME_SME: 8,
    Outcome.Kind.EMPLOYED_ELSEWHERE: 4,
    Outcome.Kind.STUDIES: 2,
    Outcome.Kind.STARTUP: 2,
    Outcome.Kind.OTHER: 1,
    Outcome.Kind.UNKNOWN: 1,
}


def _business_id(n: int) -> str:
    digits = 3_100_000 + n * 7
    while business_id_check_digit(f"{digits:07d}") is None:
        digits += 1
    return f"{digits:07d}-{business_id_check_digit(f'{digits:07d}')}"


def _moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _enterprises(rng: random.Random, first_day: datetime.date) -> list[Enterprise]:
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(
            name=name,
            business_id=_business_id(n),
            municipality=municipality,
            industry=industry,
            size=rng.choice([SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM]),
            status=Enterprise.Status.VERIFIED,
            reviewed_at=_moment(first_day + datetime.timedelta(days=n * 9)),
        )
        for n, (name, municipality, industry) in enumerate(COMPANIES)
    )
    for enterprise in enterprises:
        Enterprise.objects.filter(pk=enterprise.pk).update(created_at=enterprise.reviewed_at)
    return enterprises


def _talents(rng: random.Random, first_day: datetime.date, today: datetime.date):
    span = (today - first_day).days
    profiles = []
    for n in range(150):
        joined = _moment(first_day + datetime.timedelta(days=rng.randrange(span)))
        # First and family names mixed, so 150 people do not share 25 names.
        first = NAMES[n % len(NAMES)].split()[0]
        family = NAMES[(n * 7 + n // len(NAMES)) % len(NAMES)].split()[-1]
        name = f"{first} {family}"
        user = User.objects.create(
            email=EMAIL.format(n=n), full_name=name, side=User.Side.TALENT, date_joined=joined
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        profile = TalentProfile.objects.create(
            user=user,
            display_name=name,
            municipality=rng.choice(["167", "167", "167", "276", "426", "260"]),
            visibility=TalentProfile.Visibility.HIDDEN,
        )
        TalentProfile.objects.filter(pk=profile.pk).update(created_at=joined)
        profiles.append((profile, joined.date()))
    return profiles


@transaction.atomic
def seed_history() -> None:
    """Three years of the programme's records, once (nothing happens on a second run)."""
    if User.objects.filter(email=EMAIL.format(n=0)).exists():
        return
    rng = random.Random(2024)  # noqa: S311 - the same demo everywhere, not a secret
    today = timezone.localdate()
    first_day = datetime.date(today.year - 2, 1, 10)
    enterprises = _enterprises(rng, first_day)
    talents = _talents(rng, first_day, today)
    for enterprise in enterprises:
        for _ in range(rng.randint(5, 9)):
            published = first_day + datetime.timedelta(days=rng.randrange((today - first_day).days))
            _opening_history(rng, enterprise, published, talents, today)
    # Some talents start a business without a placement first: the entrepreneurship path.
    for profile, joined in rng.sample(talents, 8):
        founded = joined + datetime.timedelta(days=rng.randint(90, 400))
        if founded <= today:
            StartUp.objects.create(
                founder=profile,
                name=f"{profile.display_name.split()[0]} Consulting",
                founded_on=founded,
                industry=rng.choice([Industry.M, Industry.J, Industry.I, Industry.S]),
            )


def _opening_history(rng, enterprise, published: datetime.date, talents, today) -> None:
    kind = _pick(rng, KIND_WEIGHTS)
    opening = Opening.objects.create(
        enterprise=enterprise,
        title=f"{ROLES[kind]} at {enterprise.name}",
        kind=kind,
        description="A past opening of the demo's history.",
        municipality=enterprise.municipality,
        finnish_not_required=rng.random() < 0.6,
        status=Opening.Status.CLOSED,
        close_reason=Opening.CloseReason.FILLED,
        submitted_at=_moment(published - datetime.timedelta(days=2)),
        published_at=_moment(published),
        closed_at=_moment(min(published + datetime.timedelta(days=30), today)),
        matches_notified_at=_moment(published),
    )
    applicants = [t for t in rng.sample(talents, 14) if t[1] <= published][: rng.randint(1, 6)]
    for number, (profile, _joined) in enumerate(applicants):
        applied = published + datetime.timedelta(days=rng.randint(1, 20))
        if applied > today:
            continue
        hired = number == 0 and rng.random() < 0.8
        application = Application.objects.create(
            profile=profile,
            opening=opening,
            motivation="Demo history.",
            status=Application.Status.ACCEPTED if hired else Application.Status.REJECTED,
        )
        Application.objects.filter(pk=application.pk).update(created_at=_moment(applied))
        if hired:
            _placement(rng, application, applied + datetime.timedelta(days=21), today)


def _placement(rng, application: Application, start: datetime.date, today) -> None:
    opening = application.opening
    months = rng.randint(3, 6) if opening.kind in PERIOD_KINDS else None
    end = start + datetime.timedelta(days=30 * months) if months else None
    started = start <= today
    done = started and end is not None and end <= today
    placement = Placement.objects.create(
        enterprise=opening.enterprise,
        profile=application.profile,
        application=application,
        opening=opening,
        title=opening.title,
        kind=opening.kind,
        start_date=start,
        end_date=end,
        status=(
            Placement.Status.COMPLETED
            if done
            else Placement.Status.ONGOING
            if started
            else Placement.Status.AGREED
        ),
        started_on=start if started else None,
        ended_on=end if done else None,
    )
    if not done:
        return
    kind = _pick(rng, OUTCOME_WEIGHTS)
    startup = None
    founded = end + datetime.timedelta(days=30)
    if kind == Outcome.Kind.STARTUP and founded <= today:
        startup = StartUp.objects.create(
            founder=application.profile,
            name=f"{application.profile.display_name.split()[0]} Solutions",
            founded_on=founded,
        )
    elif kind == Outcome.Kind.STARTUP:
        kind = Outcome.Kind.UNKNOWN
    outcome = Outcome.objects.create(placement=placement, kind=kind, startup=startup)
    Outcome.objects.filter(pk=outcome.pk).update(recorded_at=_moment(min(founded, today)))
