"""Benchmark data: talents, companies, openings, applications and placements in realistic
proportions, written in bulk from one seeded generator, so a seed always gives the same data.

Rows are written directly, not through the services: the services enqueue notifications and
rescoring, which the benchmark measures on its own. Rows that later rows point to are written
with bulk_create (which returns their ids); the others, most of the volume, with COPY on
PostgreSQL. No match scores are computed here either; published openings are marked as already
notified, so nothing is owed to anyone once the data is in.

Skills follow the ESCO occupation-skill relations: each talent wants one or two occupations,
picked with a Zipf-like popularity, and holds a handful of that occupation's skills. Skills
shared by many occupations become common and specialist ones stay rare, as in real profiles.
"""

import datetime
import itertools
import random
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from enterprises.models import Enterprise, Membership, SizeClass
from enterprises.validators import business_id_check_digit
from esco.importer import STARTER_TAXONOMY, import_export
from esco.models import Occupation, OccupationSkill, Skill
from matching.models import (
    PERIOD_KINDS,
    Application,
    ApplicationEvent,
    Opening,
    OpeningEvent,
    OpeningLanguage,
    OpeningSkill,
    Outcome,
    Placement,
    PlacementEvent,
)
from profiles import geography
from profiles.models import Opportunity, ProfileLanguage, ProfileSkill, TalentProfile

from .scale import Scale

Progress = Callable[[str], None]

BATCH = 5000
FULL_EXPORT = Path(settings.BASE_DIR).parent / "shared" / "esco"
# The starter taxonomy has 362 skills, the full export 13,896: anything in between is a
# taxonomy someone imported on purpose, and is used as it is.
STARTER_SKILLS_AT_MOST = 1000

# Every generated account signs in with this password (hashed once, shared by all).
PASSWORD = "bench-password-2025"  # noqa: S105 - test accounts on a benchmark database
TALENT_EMAIL = "talent{n}@bench.example"
MEMBER_EMAIL = "member{n}@bench.example"

# Popularity of the occupation ranked r (from 1) is proportional to 1 / r**ZIPF_EXPONENT: with
# the full export the most wanted occupation has about 5 % of the talents.
ZIPF_EXPONENT = 0.8
# The occupations most talents want, ahead of all others (in an order drawn for each seed).
COMMON_OCCUPATIONS = {
    "software developer", "web developer", "ICT help desk agent", "data analyst",
    "software tester", "ICT system administrator", "kitchen porter", "cook",
    "kitchen assistant", "waiter/waitress", "room attendant", "domestic cleaner",
    "window cleaner", "shop assistant", "sales assistant", "customer service representative",
    "warehouse worker", "forklift operator", "bus driver", "taxi driver", "healthcare assistant",
    "nurse assistant", "care at home worker", "nurse responsible for general care",
    "social care worker", "early years teacher", "mechanical engineer", "electrical engineer",
    "civil engineer", "welder", "carpenter", "electrician", "building construction worker",
    "food production operator", "sawmill operator", "forest worker",
    "fruit and vegetable picker", "accountant", "marketing assistant", "translator",
    "graphic designer", "university research assistant",
}  # fmt: skip
# How likely each ISCO-08 major group is to rank high after those: service, sales, elementary
# work and professionals more than managers and the armed forces.
ISCO_MAJOR_GROUP_WEIGHTS = {
    "0": 0.2, "1": 0.5, "2": 3, "3": 2, "4": 1.5, "5": 3, "6": 1, "7": 2, "8": 2, "9": 3,
}  # fmt: skip
# A talent's skills: how many in all, and how many of those are essential to the occupation.
SKILLS_PER_TALENT = (5, 15)
ESSENTIAL_SHARE = 0.7
SKILL_LEVELS = {1: 15, 2: 40, 3: 32, 4: 13}

VISIBILITY = {"hidden": 20, "anonymous": 50, "visible": 30}
WORK_TIME = {"full_time": 45, "part_time": 15, "either": 30, "": 10}
RIGHT_TO_WORK = {
    "": 10, "eu": 25, "permit": 35, "permit_limited": 12, "pending": 10, "needs_permit": 8,
}  # fmt: skip
TALENT_KINDS = {
    "job": 5, "internship": 4, "joint_work": 3, "development": 2, "entrepreneurship": 1,
}  # fmt: skip
ABROAD = ["SE", "EE", "DE", "ES", "IN", "PH", "UA"]

# Mother tongues of the programme's international talents (ISO 639-1).
MOTHER_TONGUES = {
    "ru": 14, "uk": 10, "ar": 10, "et": 7, "en": 6, "so": 5, "fa": 5, "zh": 5, "es": 5,
    "vi": 5, "hi": 4, "pt": 3, "tr": 3, "fr": 3, "de": 3, "tl": 3, "pl": 3, "ku": 3,
    "th": 3, "ta": 2, "bn": 2, "ne": 2, "sv": 1,
}  # fmt: skip
ENGLISH_LEVELS = {2: 5, 3: 15, 4: 35, 5: 30, 6: 15}  # most at B2 or above
FINNISH_LEVELS = {1: 30, 2: 30, 3: 25, 4: 10, 5: 5}  # most between A1 and B1
OTHER_LANGUAGES = ["de", "fr", "es", "ru", "sv", "et", "it", "ja"]

# Rough populations (thousands) of the largest cities; every other municipality counts 5.
CITY_WEIGHTS = {
    "091": 670, "049": 310, "837": 255, "092": 245, "564": 215, "853": 200, "179": 148,
    "297": 125, "398": 121, "286": 80, "609": 84, "167": 78, "405": 73, "905": 68, "743": 65,
}  # fmt: skip
OTHER_MUNICIPALITY_WEIGHT = 5
# The programme runs in North Karelia: its region counts this many times over.
HOME_REGION, HOME_REGION_FACTOR = "12", 5

FIRST_NAMES = [
    "Amina", "Chen", "Diego", "Elena", "Farid", "Grace", "Hanna", "Ibrahim", "Jana", "Kofi",
    "Leila", "Mateo", "Nadia", "Olga", "Priya", "Quang", "Rosa", "Samir", "Tamara", "Umar",
    "Valentina", "Wei", "Ximena", "Yara", "Zeynep", "Ahmed", "Bianca", "Carlos", "Dmitri",
    "Esra", "Fatima", "Giorgi", "Hoa", "Ivan", "Joy", "Kateryna", "Luis", "Maryam", "Nikolai",
    "Oksana", "Pablo", "Rahul", "Sofia", "Tuan", "Uma", "Viktor", "Wanjiru", "Yusuf", "Zara",
]  # fmt: skip
FAMILY_NAMES = [
    "Yusuf", "Wei", "Morales", "Petrova", "Haidari", "Okafor", "Schmidt", "Diallo", "Novak",
    "Mensah", "Ahmadi", "Rossi", "Haddad", "Ivanova", "Nair", "Nguyen", "Fernández", "Khan",
    "Horvat", "Farooq", "Costa", "Li", "Rojas", "Saleh", "Demir", "Kovalenko", "Tamm",
    "Santos", "Kaya", "Ali", "Garcia", "Sharma", "Reyes", "Popescu", "Mohamed", "Kim",
]  # fmt: skip
FINNISH_FIRST = ["Sanna", "Ville", "Minna", "Jari", "Tuomas", "Anu", "Mikko", "Laura", "Juha"]
FINNISH_FAMILY = [
    "Karjalainen", "Turunen", "Ikonen", "Ronkainen", "Häkkinen", "Hirvonen", "Korhonen",
    "Pesonen", "Nevalainen", "Kinnunen",
]  # fmt: skip

COMPANY_PREFIXES = [
    "Karjalan", "Pielisen", "Kolin", "Saimaan", "Pohjolan", "Joen", "Höytiäisen", "Nordic",
    "Arctic", "Lake", "Taiga", "Kuusi", "Koivu", "Revon", "Kalevan", "Vaara",
]  # fmt: skip
COMPANY_NOUNS = [
    "Konepaja", "Puutuote", "Logistiikka", "Data", "Matkailu", "Hoiva", "Rakennus", "Energia",
    "Design", "Software", "Kuljetus", "Kauppa", "Leipomo", "Sähkö", "Media", "Metalli",
]  # fmt: skip
LEGAL_FORMS = {"Oy": 80, "Ky": 8, "Tmi": 7, "Ab": 5}
INDUSTRIES = {
    "C": 12, "F": 10, "G": 14, "H": 6, "I": 9, "J": 12, "M": 12, "N": 8, "Q": 7, "S": 4,
    "A": 3, "R": 3,
}  # fmt: skip
SIZES = {SizeClass.MICRO: 60, SizeClass.SMALL: 28, SizeClass.MEDIUM: 10, SizeClass.LARGE: 2}
ENTERPRISE_STATUS = {"verified": 88, "pending": 8, "rejected": 4}
MEMBERS_PER_ENTERPRISE = {1: 60, 2: 30, 3: 10}
MARKETS = ["SE", "NO", "DE", "EE", "PL", "NL", "FR", "US", "JP", "CN"]
NEEDED_LANGUAGES = ["en", "de", "sv", "ru", "et", "fr", "es", "zh", "ja", "ar"]

OPENING_KINDS = {"internship": 4, "joint_work": 3, "development": 2, "job": 3}
# Openings of verified companies; others' stay drafts (they cannot be reviewed yet).
OPENING_STATUS = {
    "published": 60, "closed": 14, "expired": 6, "draft": 9, "submitted": 7, "rejected": 4,
}  # fmt: skip
WORK_MODES = {"on_site": 65, "hybrid": 25, "remote": 10}
PAID_SHARE = {"job": 1.0, "internship": 0.8, "joint_work": 0.7, "development": 0.4}
TITLES = {
    "job": "{label}",
    "internship": "{label} (internship)",
    "joint_work": "{label}: joint work period",
    "development": "{label}: development project",
}
ESSENTIAL_LEVELS = {1: 10, 2: 45, 3: 35, 4: 10}
NICE_LEVELS = {1: 30, 2: 50, 3: 20}

# Share of talents who apply at all, and to how many openings each.
APPLYING_SHARE = 0.08
APPLICATIONS_PER_APPLICANT = {1: 30, 2: 25, 3: 18, 4: 12, 5: 8, 6: 7}
# An applicant picks an opening of an occupation they want this often, otherwise any.
OWN_OCCUPATION_SHARE = 0.6
APPLICATION_STATUS_OPEN = {
    "received": 45, "shortlisted": 15, "interview": 10, "offered": 3, "accepted": 2,
    "declined": 1, "rejected": 18, "withdrawn": 6,
}  # fmt: skip
APPLICATION_STATUS_ENDED = {"accepted": 15, "declined": 7, "rejected": 65, "withdrawn": 13}
# The steps that lead to each status (ALLOWED in matching.services.applications).
OFFER_STEPS = ["shortlisted", "interview", "offered"]
APPLICATION_STEPS = {
    "received": [],
    "shortlisted": OFFER_STEPS[:1],
    "interview": OFFER_STEPS[:2],
    "offered": OFFER_STEPS,
    "accepted": [*OFFER_STEPS, "accepted"],
    "declined": [*OFFER_STEPS, "declined"],
    "rejected": ["rejected"],
    "withdrawn": ["withdrawn"],
}
TALENT_MOVES = {"accepted", "declined", "withdrawn"}
PLACED_SHARE = 0.85  # of accepted offers; the rest fell through before the start
INTERRUPTED_SHARE = 0.05
OUTCOME_SHARE = 0.7  # of completed placements
OUTCOMES = {
    "employed_same_sme": 8, "employed_elsewhere": 4, "studies": 2, "other": 1, "unknown": 1,
}  # fmt: skip
OUTCOME_REMINDER_DAYS = {3: 91, 6: 182}

MOTIVATION = "I would like to bring my experience as {label} to your team."
DESCRIPTION = (
    "We are a growing company in {place} and look for someone to join our team. "
    "You will work with experienced colleagues and get to know Finnish working life."
)
TASKS = "Day-to-day work as {label}, with a supervisor who helps you get started."
OFFER = "A friendly team, an introduction to the work, and flexible hours."


def taxonomy_ensure(progress: Progress = print, *, export: Path = FULL_EXPORT) -> dict:
    """Make sure the database holds a taxonomy: the full ESCO export when it is available and
    only the starter taxonomy (or nothing) is there, otherwise what is there, or the starter
    taxonomy in an empty database."""
    started = time.perf_counter()
    skills = Skill.objects.pickable().count()
    if (export / "en" / "skills_en.csv").exists() and skills <= STARTER_SKILLS_AT_MOST:
        import_export(export, progress)
        source = "full export"
    elif skills == 0:
        import_export(STARTER_TAXONOMY, progress)
        source = "starter"
    else:
        source = "present"
    return {
        "source": source,
        "seconds": round(time.perf_counter() - started, 2),
        "skills": Skill.objects.pickable().count(),
        "occupations": Occupation.objects.count(),
        "relations": OccupationSkill.objects.count(),
    }


def generate(scale: Scale, *, seed: int = 1, progress: Progress = print) -> dict:
    """Fill an empty, migrated database that holds a taxonomy with the scale's data.

    Returns the rows written per model, the seconds taken, and the seconds of each phase
    (setup, talents, enterprises, openings, applications, commit, analyse).
    """
    started = time.perf_counter()
    generator = _Generator(scale, seed, progress)  # loads the taxonomy, hashes the password
    generator.phases["setup"] = round(time.perf_counter() - started, 2)
    with _timestamps_as_given():
        with transaction.atomic():
            generator.run()
            committing = time.perf_counter()
        # PostgreSQL checks the (deferred) foreign keys of every row written here.
        generator.phases["commit"] = round(time.perf_counter() - committing, 2)
    analysing = time.perf_counter()
    _analyse()
    generator.phases["analyse"] = round(time.perf_counter() - analysing, 2)
    seconds = round(time.perf_counter() - started, 2)
    progress(f"Generated {scale.name} in {seconds:.1f} s")
    return {
        "seed": seed,
        "seconds": seconds,
        "phases": generator.phases,
        "counts": generator.counts,
    }


def _analyse() -> None:
    """Give PostgreSQL's planner statistics of the new rows at once: autovacuum would, but only
    later (or never where it is off), and until then it plans the talent and opening lists
    for empty tables."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@contextmanager
def _timestamps_as_given():
    """Let bulk_create store the created_at/updated_at values the generator chose.

    Otherwise auto_now(_add) stamps every row with the moment of the insert, and the reports
    (registrations per month, days to the first application) would see a programme that
    started today. The flags are put back afterwards.
    """
    fields = [
        field
        for model in (
            TalentProfile,
            Enterprise,
            Membership,
            Opening,
            OpeningEvent,
            Application,
            ApplicationEvent,
            Placement,
            PlacementEvent,
            Outcome,
        )
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and (field.auto_now or field.auto_now_add)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _cumulative(weights: dict) -> tuple[list, list[float]]:
    return list(weights), list(itertools.accumulate(weights.values()))


class _Generator:
    def __init__(self, scale: Scale, seed: int, progress: Progress):
        self.scale, self.progress = scale, progress
        self.rng = random.Random(seed)  # noqa: S311 - reproducible data, not a secret
        self.today = timezone.localdate()
        # Every moment is before today's midnight: two runs on one day give the same rows.
        self.midnight = timezone.make_aware(datetime.datetime.combine(self.today, datetime.time()))
        self.password = make_password(PASSWORD)
        self.counts: dict[str, int] = {}
        self.phases: dict[str, float] = {}
        self._load_taxonomy()
        self._load_municipalities()

    # --- helpers ---------------------------------------------------------------------------

    def ago(self, days: float) -> datetime.datetime:
        return self.midnight - datetime.timedelta(days=days)

    def draw(self, weights: dict, k: int) -> list:
        population, cumulative = _cumulative(weights)
        return self.rng.choices(population, cum_weights=cumulative, k=k)

    def pick(self, weights: dict):
        return self.draw(weights, 1)[0]

    def write(self, model, objects: list, *, need_ids: bool = False) -> list:
        """Insert the objects; with `need_ids`, each gets its id (later rows point to it)."""
        if need_ids or connection.vendor != "postgresql":
            model.objects.bulk_create(objects, batch_size=BATCH)
        else:
            _copy(model, objects)
        self.counts[model.__name__] = self.counts.get(model.__name__, 0) + len(objects)
        return objects

    def phase(self, name: str, function: Callable[[], None]) -> None:
        started = time.perf_counter()
        function()
        self.phases[name] = round(time.perf_counter() - started, 2)
        self.progress(f"  {name}: {self.phases[name]:.1f} s")

    def run(self) -> None:
        self.phase("talents", self._talents)
        self.phase("enterprises", self._enterprises)
        self.phase("openings", self._openings)
        self.phase("applications", self._applications)

    # --- reference data --------------------------------------------------------------------

    def _load_taxonomy(self) -> None:
        """Occupations with their skills, in URI order so the data do not depend on ids."""
        skill_uri = dict(Skill.objects.values_list("id", "uri"))
        labels = dict(Occupation.objects.values_list("id", "label_en"))
        essential, optional = {}, {}
        relations = OccupationSkill.objects.values_list(
            "occupation_id", "skill_id", "relation_type"
        )
        for occupation_id, skill_id, relation in relations.iterator(chunk_size=20_000):
            target = essential if relation == OccupationSkill.RelationType.ESSENTIAL else optional
            target.setdefault(occupation_id, []).append(skill_id)
        for lists in (essential, optional):
            for skill_ids in lists.values():
                skill_ids.sort(key=skill_uri.__getitem__)
        rows = Occupation.objects.order_by("uri").values_list("id", "label_en", "isco_group__code")
        common, ranked = [], []
        for occupation_id, label, isco_code in rows:
            held = len(essential.get(occupation_id, ())) + len(optional.get(occupation_id, ()))
            if held < SKILLS_PER_TALENT[0]:
                continue
            if label in COMMON_OCCUPATIONS:
                common.append(occupation_id)
            else:
                # A weighted random ranking: the major groups international talents work in
                # are likelier to rank high.
                weight = ISCO_MAJOR_GROUP_WEIGHTS.get((isco_code or "")[:1], 1)
                ranked.append((self.rng.random() ** (1 / weight), occupation_id))
        if not common and not ranked:
            raise RuntimeError("No occupation with skills: import a taxonomy first.")
        self.rng.shuffle(common)
        occupations = common + [
            occupation_id for _key, occupation_id in sorted(ranked, reverse=True)
        ]
        self.occupations = occupations
        self.occupation_weights = list(
            itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(occupations) + 1))
        )
        self.essential = {o: essential.get(o, []) for o in occupations}
        self.optional = {o: optional.get(o, []) for o in occupations}
        self.labels = labels

    def _load_municipalities(self) -> None:
        self.municipalities = [place.code for place in geography.municipalities()]
        weights = []
        for place in geography.municipalities():
            weight = CITY_WEIGHTS.get(place.code, OTHER_MUNICIPALITY_WEIGHT)
            if place.region.code == HOME_REGION:
                weight *= HOME_REGION_FACTOR
            weights.append(weight)
        self.municipality_weights = list(itertools.accumulate(weights))

    def draw_occupations(self, k: int) -> list[int]:
        return self.rng.choices(self.occupations, cum_weights=self.occupation_weights, k=k)

    def draw_places(self, k: int) -> list[str]:
        return self.rng.choices(self.municipalities, cum_weights=self.municipality_weights, k=k)

    def skills_of(self, occupation: int, count: int) -> list[int]:
        """`count` of the occupation's skills, most of them essential ones."""
        essential, optional = self.essential[occupation], self.optional[occupation]
        from_essential = min(len(essential), max(1, round(count * ESSENTIAL_SHARE)))
        from_optional = min(len(optional), count - from_essential)
        from_essential = min(len(essential), count - from_optional)
        return self.rng.sample(essential, from_essential) + self.rng.sample(optional, from_optional)

    def label(self, occupation: int | None) -> str:
        return self.labels[occupation] if occupation else "a specialist"

    def users(self, emails: Sequence[str], names: Sequence[str], side: str) -> list[User]:
        """Users who signed up over the last two years and signed in within the last year
        (so the retention rules leave them be), with a confirmed address."""
        rng = self.rng
        languages = self.draw({"en": 75, "fi": 25}, len(emails))
        users = []
        for email, name, language in zip(emails, names, languages, strict=True):
            joined = self.ago(730 * rng.random() ** 1.5 + 1)  # more of them recently
            seen = max(joined, self.ago(rng.uniform(0.1, 200)))
            users.append(
                User(
                    email=email,
                    full_name=name,
                    side=side,
                    password=self.password,
                    preferred_language=language,
                    date_joined=joined,
                    last_login=seen,
                )
            )
        self.write(User, users, need_ids=True)
        self.write(
            EmailAddress,
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        )
        return users

    # --- talents ---------------------------------------------------------------------------

    def _talents(self) -> None:
        # Per talent: (profile id, user id, occupations); what the applications phase needs.
        self.talents: list[tuple[int, int, tuple[int, ...]]] = []
        total = self.scale.talents
        for start in range(0, total, BATCH):
            self._talent_batch(range(start, min(start + BATCH, total)))
            self.progress(f"  talents: {min(start + BATCH, total):,}/{total:,}")

    def _talent_batch(self, numbers: range) -> None:
        rng, k = self.rng, len(numbers)
        names = [f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}" for _ in numbers]
        users = self.users([TALENT_EMAIL.format(n=n) for n in numbers], names, User.Side.TALENT)
        visibility = self.draw(VISIBILITY, k)
        places = self.draw_places(k)
        work_time = self.draw(WORK_TIME, k)
        right_to_work = self.draw(RIGHT_TO_WORK, k)
        occupations = self.draw_occupations(2 * k)
        profiles, wanted = [], []
        for i, user in enumerate(users):
            first, second = occupations[2 * i], occupations[2 * i + 1]
            mine = (first, second) if rng.random() < 0.35 and second != first else (first,)
            wanted.append(mine)
            abroad = rng.random() < 0.05
            profiles.append(
                TalentProfile(
                    user=user,
                    display_name=user.full_name,
                    headline=self.label(first).capitalize() if rng.random() < 0.85 else "",
                    about=f"Looking for work as {self.label(first)}.",
                    municipality="" if abroad else places[i],
                    country=rng.choice(ABROAD) if abroad else "",
                    willing_to_relocate=rng.random() < 0.3,
                    available_from=(
                        self.today + datetime.timedelta(days=rng.randint(-60, 120))
                        if rng.random() < 0.7
                        else None
                    ),
                    work_time=work_time[i],
                    hours_per_week=rng.choice([20, 25, 30, 37, 40]) if rng.random() < 0.4 else None,
                    right_to_work=right_to_work[i],
                    visibility=visibility[i],
                    created_at=user.date_joined,
                    updated_at=max(user.date_joined, user.last_login),
                )
            )
        self.write(TalentProfile, profiles, need_ids=True)

        through = TalentProfile.occupations.through
        self.write(
            through,
            [
                through(talentprofile_id=profile.pk, occupation_id=occupation)
                for profile, mine in zip(profiles, wanted, strict=True)
                for occupation in mine
            ],
        )
        self._profile_skills(profiles, wanted)
        self._profile_languages(profiles)
        self._opportunities(profiles)
        self.talents.extend(
            (profile.pk, profile.user_id, mine)
            for profile, mine in zip(profiles, wanted, strict=True)
        )

    def _profile_skills(self, profiles, wanted) -> None:
        rng = self.rng
        low, high = SKILLS_PER_TALENT
        levels = iter(self.draw(SKILL_LEVELS, len(profiles) * high))
        rows = []
        for profile, mine in zip(profiles, wanted, strict=True):
            count = rng.randint(low, high)
            first = count if len(mine) == 1 else round(count * 0.6)
            skills = self.skills_of(mine[0], first)
            if len(mine) > 1:
                skills += self.skills_of(mine[1], count - first)
            rows.extend(
                ProfileSkill(profile_id=profile.pk, skill_id=skill, level=next(levels))
                for skill in dict.fromkeys(skills)  # occupations share skills: each once
            )
        self.write(ProfileSkill, rows)

    def _profile_languages(self, profiles) -> None:
        rng, k = self.rng, len(profiles)
        mother = self.draw(MOTHER_TONGUES, k)
        english = self.draw(ENGLISH_LEVELS, k)
        finnish = self.draw(FINNISH_LEVELS, k)
        rows = []
        for i, profile in enumerate(profiles):
            levels = {mother[i]: ProfileLanguage.Level.NATIVE}
            if rng.random() < 0.9:
                levels.setdefault("en", english[i])
            if rng.random() < 0.8:
                levels.setdefault("fi", finnish[i])
            if rng.random() < 0.2:
                levels.setdefault(rng.choice(OTHER_LANGUAGES), rng.randint(2, 5))
            rows.extend(
                ProfileLanguage(profile_id=profile.pk, language=language, level=level)
                for language, level in levels.items()
            )
        self.write(ProfileLanguage, rows)

    def _opportunities(self, profiles) -> None:
        rng = self.rng
        rows = []
        for profile in profiles:
            if rng.random() < 0.15:
                continue  # open to anything: no filter
            kinds = dict.fromkeys(self.draw(TALENT_KINDS, rng.randint(1, 3)))
            rows.extend(Opportunity(profile_id=profile.pk, kind=kind) for kind in kinds)
        self.write(Opportunity, rows)

    # --- enterprises -----------------------------------------------------------------------

    def _enterprises(self) -> None:
        rng, total = self.rng, self.scale.enterprises
        team_sizes = self.draw(MEMBERS_PER_ENTERPRISE, total)
        names = [
            f"{rng.choice(FINNISH_FIRST)} {rng.choice(FINNISH_FAMILY)}"
            for _ in range(sum(team_sizes))
        ]
        users = self.users(
            [MEMBER_EMAIL.format(n=n) for n in range(len(names))], names, User.Side.ENTERPRISE
        )
        statuses = self.draw(ENTERPRISE_STATUS, total)
        places = self.draw_places(total)
        legal_forms = self.draw(LEGAL_FORMS, total)
        industries = self.draw(INDUSTRIES, total)
        sizes = self.draw(SIZES, total)
        seen_names: dict[str, int] = {}
        enterprises = []
        for n in range(total):
            base = f"{rng.choice(COMPANY_PREFIXES)} {rng.choice(COMPANY_NOUNS)}"
            seen_names[base] = seen_names.get(base, 0) + 1
            if seen_names[base] > 1:
                base = f"{base} {seen_names[base]}"
            created = self.ago(1095 * rng.random() ** 1.3 + 2)
            reviewed = created + datetime.timedelta(days=rng.uniform(0.2, 2))
            status = statuses[n]
            enterprises.append(
                Enterprise(
                    name=f"{base} {legal_forms[n]}",
                    business_id=_business_id(n),
                    industry=industries[n],
                    size=sizes[n],
                    municipality=places[n],
                    website=f"https://{base.lower().replace(' ', '-')}.example"
                    if rng.random() < 0.7
                    else "",
                    description=f"A {sizes[n]} company in {_place_name(places[n])}.",
                    target_markets=rng.sample(MARKETS, rng.randint(0, 3)),
                    languages_needed=rng.sample(NEEDED_LANGUAGES, rng.randint(0, 2)),
                    goals="Finding new customers abroad." if rng.random() < 0.5 else "",
                    status=status,
                    rejection_reason="Not a company registered in Finland."
                    if status == Enterprise.Status.REJECTED
                    else "",
                    reviewed_at=None if status == Enterprise.Status.PENDING else reviewed,
                    created_at=created,
                    updated_at=created if status == Enterprise.Status.PENDING else reviewed,
                )
            )
        self.write(Enterprise, enterprises, need_ids=True)
        members = iter(users)
        # Per enterprise: its member user ids, the owner first.
        self.teams: list[list[int]] = []
        memberships = []
        for enterprise, size in zip(enterprises, team_sizes, strict=True):
            team = [next(members) for _ in range(size)]
            self.teams.append([user.pk for user in team])
            memberships.extend(
                Membership(
                    enterprise=enterprise,
                    user=user,
                    role=Membership.Role.OWNER if i == 0 else Membership.Role.MEMBER,
                    created_at=max(user.date_joined, enterprise.created_at),
                )
                for i, user in enumerate(team)
            )
        self.write(Membership, memberships)
        self.enterprises = enterprises

    # --- openings --------------------------------------------------------------------------

    def _openings(self) -> None:
        rng, total = self.rng, self.scale.openings
        # A few companies publish many times more than the rest; unverified ones rarely try.
        activity = [
            min(rng.paretovariate(1.2), 20) * (1 if enterprise.is_verified else 0.2)
            for enterprise in self.enterprises
        ]
        owners = rng.choices(range(len(self.enterprises)), weights=activity, k=total)
        kinds = self.draw(OPENING_KINDS, total)
        statuses = self.draw(OPENING_STATUS, total)
        work_modes = self.draw(WORK_MODES, total)
        occupations = self.draw_occupations(total)
        openings = []
        for n in range(total):
            enterprise = self.enterprises[owners[n]]
            team = self.teams[owners[n]]
            status = statuses[n] if enterprise.is_verified else Opening.Status.DRAFT
            kind = kinds[n]
            occupation = occupations[n] if rng.random() < 0.9 else None
            opening = Opening(
                enterprise=enterprise,
                title=TITLES[kind].format(label=self.label(occupations[n]).capitalize())[:200],
                kind=kind,
                description=DESCRIPTION.format(place=_place_name(enterprise.municipality)),
                tasks=TASKS.format(label=self.label(occupations[n])),
                offer=OFFER,
                occupation_id=occupation,
                finnish_not_required=rng.random() < 0.5,
                municipality=enterprise.municipality
                if rng.random() < 0.9
                else self.draw_places(1)[0],
                work_mode=work_modes[n],
                start_date=self.today + datetime.timedelta(days=rng.randint(14, 120))
                if rng.random() < 0.8
                else None,
                duration_months=self.pick({2: 1, 3: 3, 4: 2, 6: 3, 12: 1})
                if kind in PERIOD_KINDS
                else None,
                hours_per_week=rng.choice([20, 30, 37, 40]) if rng.random() < 0.6 else None,
                paid=rng.random() < PAID_SHARE[kind],
                positions=self.pick({1: 85, 2: 10, 3: 5}),
                contact_id=rng.choice(team),
                status=status,
                created_by_id=team[0],
            )
            if opening.paid and kind == "job" and rng.random() < 0.6:
                opening.salary_min = rng.randrange(2200, 4600, 100)
                opening.salary_max = opening.salary_min + rng.randrange(200, 1600, 100)
            self._opening_dates(opening, enterprise)
            openings.append(opening)
        self.write(Opening, openings, need_ids=True)
        self.openings = openings
        self.opening_occupations = occupations  # what skills each was given, even unnamed
        self._opening_events(openings)
        self._opening_requirements(openings)

    def _opening_dates(self, opening: Opening, enterprise: Enterprise) -> None:
        """Submitted, published, closed and deadline dates that fit the opening's status."""
        rng, Status = self.rng, Opening.Status
        status = opening.status
        if status == Status.PUBLISHED:
            # Published over the last months, more of them recently.
            published = self.ago(min(rng.expovariate(1 / 35), 180) + 0.05)
        elif status in (Status.CLOSED, Status.EXPIRED):
            published = self.ago(rng.uniform(45, 700))
        else:
            published = None
        published = max(published, enterprise.reviewed_at) if published else None
        if published:
            submitted = published - datetime.timedelta(days=rng.uniform(0.1, 3))
        elif status in (Status.SUBMITTED, Status.REJECTED):
            submitted = max(self.ago(rng.uniform(0.1, 10)), enterprise.reviewed_at)
        else:
            submitted = None
        created = (submitted or self.ago(rng.uniform(0.1, 60))) - datetime.timedelta(
            days=rng.uniform(0, 5)
        )
        opening.created_at = max(created, enterprise.created_at)
        opening.submitted_at, opening.published_at = submitted, published
        opening.updated_at = published or submitted or opening.created_at
        if status == Status.PUBLISHED:
            # Past the few days before the deadline when the company is reminded of it.
            opening.deadline = (
                self.today + datetime.timedelta(days=rng.randint(4, 60))
                if rng.random() < 0.8
                else None
            )
        elif status in (Status.CLOSED, Status.EXPIRED):
            # Before midnight even for a company verified only days ago.
            ended = min(
                published + datetime.timedelta(days=rng.uniform(10, 40)),
                published + (self.midnight - published) * 0.9,
            )
            opening.closed_at = opening.updated_at = ended
            opening.deadline = max(
                timezone.localdate(published),
                timezone.localdate(ended) - datetime.timedelta(days=1),
            )
            if status == Status.CLOSED:
                opening.close_reason = self.pick({"filled": 70, "cancelled": 30})
            opening.start_date = opening.deadline + datetime.timedelta(days=rng.randint(14, 60))
        elif status == Status.REJECTED:
            opening.rejection_reason = "Please describe the tasks in more detail."
        if published:
            # Its matching talents were told when it was published: nothing is owed now.
            opening.matches_notified_at = published

    def _opening_events(self, openings: list[Opening]) -> None:
        Status = Opening.Status
        events = []
        for opening in openings:
            steps = []
            if opening.submitted_at:
                steps.append((Status.DRAFT, Status.SUBMITTED, opening.submitted_at))
            if opening.published_at:
                steps.append((Status.SUBMITTED, Status.PUBLISHED, opening.published_at))
            if opening.status == Status.REJECTED:
                steps.append((Status.SUBMITTED, Status.REJECTED, opening.updated_at))
            if opening.closed_at:
                steps.append((Status.PUBLISHED, opening.status, opening.closed_at))
            events.extend(
                OpeningEvent(
                    opening=opening,
                    # The company submits and closes; staff (not generated) approve; the
                    # hourly task expires.
                    actor_id=opening.created_by_id
                    if to in (Status.SUBMITTED, Status.CLOSED)
                    else None,
                    from_status=before,
                    to_status=to,
                    note=opening.rejection_reason if to == Status.REJECTED else "",
                    created_at=moment,
                )
                for before, to, moment in steps
            )
        self.write(OpeningEvent, events)

    def _opening_requirements(self, openings: list[Opening]) -> None:
        rng = self.rng
        skills, languages = [], []
        for opening, occupation in zip(openings, self.opening_occupations, strict=True):
            essential, optional = self.essential[occupation], self.optional[occupation]
            chosen = rng.sample(essential, min(len(essential), rng.randint(3, 6)))
            nice = rng.sample(optional, min(len(optional), rng.randint(1, 4)))
            skills.extend(
                OpeningSkill(
                    opening=opening,
                    skill_id=skill,
                    essential=True,
                    level=self.pick(ESSENTIAL_LEVELS),
                )
                for skill in chosen
            )
            skills.extend(
                OpeningSkill(
                    opening=opening, skill_id=skill, essential=False, level=self.pick(NICE_LEVELS)
                )
                for skill in nice
                if skill not in chosen
            )
            wanted = {}
            if not opening.finnish_not_required:
                wanted["fi"] = self.pick({3: 40, 4: 40, 5: 20})
            if rng.random() < 0.7:
                wanted["en"] = self.pick({3: 20, 4: 60, 5: 20})
            if rng.random() < 0.1:
                wanted.setdefault(rng.choice(["sv", "de", "ru", "et"]), 4)
            languages.extend(
                OpeningLanguage(opening=opening, language=language, level=level)
                for language, level in wanted.items()
            )
        self.write(OpeningSkill, skills)
        self.write(OpeningLanguage, languages)

    # --- applications and placements -------------------------------------------------------

    def _applications(self) -> None:
        rng = self.rng
        ever_published = [o for o in self.openings if o.published_at]
        if not ever_published:
            return
        # Some openings draw many more applicants than others.
        appeal = list(itertools.accumulate(rng.paretovariate(1.5) for _ in ever_published))
        by_occupation: dict[int, list[Opening]] = {}
        for opening in ever_published:
            if opening.occupation_id:
                by_occupation.setdefault(opening.occupation_id, []).append(opening)
        applicants = rng.sample(self.talents, max(1, round(len(self.talents) * APPLYING_SHARE)))
        accepted: dict[int, int] = {}  # opening id -> offers accepted so far
        applications, chosen = [], []
        for profile_id, user_id, mine in applicants:
            targets: dict[int, Opening] = {}
            for _ in range(self.pick(APPLICATIONS_PER_APPLICANT)):
                own = [o for occupation in mine for o in by_occupation.get(occupation, ())]
                if own and rng.random() < OWN_OCCUPATION_SHARE:
                    opening = rng.choice(own)
                else:
                    opening = rng.choices(ever_published, cum_weights=appeal)[0]
                targets.setdefault(opening.pk, opening)
            for opening in targets.values():
                application, status = self._application(profile_id, opening, accepted)
                applications.append(application)
                chosen.append((application, user_id, opening, status))
        self.write(Application, applications, need_ids=True)
        self._application_events(chosen)
        self._placements(chosen)

    def _application(self, profile_id: int, opening: Opening, accepted: dict[int, int]):
        rng = self.rng
        is_open = opening.status == Opening.Status.PUBLISHED
        status = self.pick(APPLICATION_STATUS_OPEN if is_open else APPLICATION_STATUS_ENDED)
        if status == Application.Status.ACCEPTED:
            if accepted.get(opening.pk, 0) >= opening.positions:
                status = Application.Status.REJECTED  # the positions are filled
            else:
                accepted[opening.pk] = accepted.get(opening.pk, 0) + 1
        latest = opening.closed_at or self.midnight
        window = min((latest - opening.published_at).total_seconds(), 21 * 86400)
        created = opening.published_at + datetime.timedelta(seconds=window * rng.uniform(0.02, 0.9))
        updated = created
        if status != Application.Status.RECEIVED:
            updated = created + (self.midnight - created) * rng.uniform(0.05, 0.5)
        application = Application(
            profile_id=profile_id,
            opening=opening,
            motivation=MOTIVATION.format(label=self.label(opening.occupation_id)),
            status=status,
            created_at=created,
            updated_at=updated,
        )
        return application, status

    def _application_events(self, chosen) -> None:
        events = []
        for application, user_id, opening, status in chosen:
            events.append(
                ApplicationEvent(
                    application=application,
                    actor_id=user_id,
                    from_status="",
                    to_status=Application.Status.RECEIVED,
                    created_at=application.created_at,
                )
            )
            steps = APPLICATION_STEPS[status]
            span = application.updated_at - application.created_at
            for number, (before, to) in enumerate(
                itertools.pairwise([Application.Status.RECEIVED, *steps]), start=1
            ):
                events.append(
                    ApplicationEvent(
                        application=application,
                        actor_id=user_id if to in TALENT_MOVES else opening.contact_id,
                        from_status=before,
                        to_status=to,
                        created_at=application.created_at + span * number / len(steps),
                    )
                )
        self.write(ApplicationEvent, events)

    def _placements(self, chosen) -> None:
        rng, today, Status = self.rng, self.today, Placement.Status
        placements, events, outcomes = [], [], []
        for application, user_id, opening, status in chosen:
            if status != Application.Status.ACCEPTED or rng.random() >= PLACED_SHARE:
                continue
            start = timezone.localdate(application.updated_at) + datetime.timedelta(
                days=rng.randint(14, 45)
            )
            if opening.kind in PERIOD_KINDS:
                end = start + datetime.timedelta(days=30 * (opening.duration_months or 3))
            else:
                end = start + datetime.timedelta(days=365) if rng.random() < 0.2 else None
            placement = Placement(
                enterprise_id=opening.enterprise_id,
                profile_id=application.profile_id,
                application=application,
                opening=opening,
                title=opening.title,
                kind=opening.kind,
                start_date=start,
                end_date=end,
                supervisor_id=opening.contact_id,
                goals="Learn the work and the team's ways; agree on next steps at the end.",
                created_by_id=user_id,
                created_at=application.updated_at,
                updated_at=application.updated_at,
            )
            steps = [("", Status.AGREED, start - datetime.timedelta(days=14))]
            if start <= today:
                placement.started_on = start
                steps.append((Status.AGREED, Status.ONGOING, start))
                if rng.random() < INTERRUPTED_SHARE:
                    stop = min(today, start + datetime.timedelta(days=rng.randint(7, 60)))
                    placement.interruption_reason = "The talent moved to another city."
                    placement.ended_on = stop
                    steps.append((Status.ONGOING, Status.INTERRUPTED, stop))
                elif end and end < today:
                    placement.ended_on = end
                    steps.append((Status.ONGOING, Status.COMPLETED, end))
            placement.status = steps[-1][1]
            self._placement_reminders(placement)
            placements.append(placement)
            events.extend(
                PlacementEvent(
                    placement=placement,
                    actor_id=user_id if before == "" else None,
                    from_status=before,
                    to_status=to,
                    note=placement.interruption_reason if to == Status.INTERRUPTED else "",
                    created_at=max(self._moment(day), application.updated_at),
                )
                for before, to, day in steps
            )
            if placement.status == Status.COMPLETED and rng.random() < OUTCOME_SHARE:
                outcomes.append(
                    Outcome(
                        placement=placement,
                        kind=self.pick(OUTCOMES),
                        recorded_by_id=user_id,
                        recorded_at=self._moment(
                            min(end + datetime.timedelta(days=rng.randint(1, 60)), today)
                        ),
                    )
                )
        self.write(Placement, placements, need_ids=True)
        for item in (*events, *outcomes):  # made before their placement had an id
            item.placement_id = item.placement.pk
        self.write(PlacementEvent, events)
        self.write(Outcome, outcomes)

    def _placement_reminders(self, placement: Placement) -> None:
        """Mark the daily task's mails as sent where they are already due, so the first run
        of that task does not mail everyone at once."""
        Status = Placement.Status
        today, end = self.today, placement.end_date
        halfway = placement.start_date + (end - placement.start_date) / 2 if end else None
        if placement.status == Status.ONGOING and halfway and halfway <= today:
            placement.checkin_requested_at = self.midnight
        if placement.status == Status.COMPLETED:
            for months, days in OUTCOME_REMINDER_DAYS.items():
                if placement.ended_on + datetime.timedelta(days=days) <= today:
                    setattr(placement, f"outcome_reminder_{months}_sent_at", self.midnight)

    def _moment(self, day: datetime.date) -> datetime.datetime:
        """Ten in the morning of a day, no later than the generator's midnight."""
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        return min(moment, self.midnight - datetime.timedelta(minutes=1))


def _copy(model, objects: list) -> None:
    """PostgreSQL's COPY: several times faster than INSERT for rows whose ids nothing needs.

    The values go as the objects hold them, so they must be what the columns store: no field
    here needs Django to convert it (no files, no JSON).
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for item in objects:
            copy.write_row([getattr(item, field.attname) for field in fields])


def _business_id(n: int) -> str:
    """The n-th valid business ID from 4000000 up, clear of the demo's and the tests'."""
    digits = 4_000_000 + n * 2
    while business_id_check_digit(f"{digits:07d}") is None:
        digits += 1
    return f"{digits:07d}-{business_id_check_digit(f'{digits:07d}')}"


def _place_name(code: str) -> str:
    place = geography.municipality(code) if code else None
    return place.name_fi if place else "Finland"
