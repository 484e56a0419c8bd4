"""The internationalisation readiness self-assessment: its questions, score and next step.

Plain Python, no database: the same answers always give the same result, so the result page
can be rebuilt from the answers alone (the draft opening is created from them, too).

Five questions measure readiness, each answer worth 0, 1 or 2 points; two more (what the
company needs, how soon) steer the next step without changing the score.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from profiles.models import OpportunityType

Kind = OpportunityType


class Level(models.TextChoices):
    GETTING_STARTED = "getting_started", _("Getting started")
    WITH_SUPPORT = "with_support", _("Ready with support")
    READY = "ready", _("Ready")


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    help_text: str
    # (value, label, points); points is None for the questions that do not measure readiness.
    options: tuple[tuple[str, str, int | None], ...]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(value, label) for value, label, _points in self.options]

    def points(self, value: str) -> int | None:
        return self._option(value)[2]

    def label_of(self, value: str) -> str:
        return self._option(value)[1]

    def _option(self, value: str) -> tuple[str, str, int | None]:
        for option in self.options:
            if option[0] == value:
                return option
        raise ValueError(f"{value!r} is not an answer to {self.name!r}")


QUESTIONS = (
    Question(
        "experience",
        _("Has your company employed people from abroad before?"),
        _("Employees, trainees or interns whose first language is not Finnish or Swedish."),
        (
            ("none", _("No, never"), 0),
            ("some", _("Once or twice, or as trainees"), 1),
            ("regular", _("Yes, we have international employees now"), 2),
        ),
    ),
    Question(
        "language",
        _("Which language is used in your daily work?"),
        _("Meetings, instructions, the tools and the talk at the coffee table."),
        (
            ("finnish", _("Finnish only"), 0),
            ("mixed", _("Mostly Finnish, but English works for much of it"), 1),
            ("english", _("English (or another shared language) works everywhere"), 2),
        ),
    ),
    Question(
        "mentor",
        _("Who could supervise and mentor a new international employee?"),
        "",
        (
            ("nobody", _("Nobody has time for it at the moment"), 0),
            ("finnish", _("Someone could, but only in Finnish"), 1),
            ("shared", _("Someone could, in English or another shared language"), 2),
        ),
    ),
    Question(
        "onboarding",
        _("How much time can you give to onboarding in the first weeks?"),
        "",
        (
            ("little", _("Hardly any: the person should get going on their own"), 0),
            ("some", _("A few hours a week for questions and guidance"), 1),
            ("planned", _("A planned induction with a named person and time for it"), 2),
        ),
    ),
    Question(
        "permits",
        _("Do you know how to check a person’s right to work in Finland?"),
        _("For example residence permits for work and the employer’s duty to check them."),
        (
            ("unknown", _("No, we do not know what is needed"), 0),
            ("basics", _("We know the basics, but would need help"), 1),
            ("known", _("Yes, we have checked it before"), 2),
        ),
    ),
    Question(
        "need",
        _("What does your company need most?"),
        "",
        (
            ("try", _("To try working with someone on a specific task"), None),
            ("train", _("To train someone who is still learning the trade"), None),
            ("develop", _("To develop a new market, product or service"), None),
            ("permanent", _("To fill a permanent role"), None),
        ),
    ),
    Question(
        "timing",
        _("How soon would you like someone to start?"),
        "",
        (
            ("now", _("Within a month"), None),
            ("soon", _("In one to three months"), None),
            ("later", _("Later, we are exploring the options"), None),
        ),
    ),
)
QUESTIONS_BY_NAME = {question.name: question for question in QUESTIONS}
# The questions that measure readiness, in the order their weaknesses are listed.
AREAS = ("permits", "language", "mentor", "onboarding", "experience")
READY_FROM = 8
WITH_SUPPORT_FROM = 4

AREA_LABELS = {
    "experience": _("Experience with international employees"),
    "language": _("Working language"),
    "mentor": _("Supervision and mentoring"),
    "onboarding": _("Time for onboarding"),
    "permits": _("Permits and the right to work"),
}
AREA_STATES = {
    0: _("Needs attention"),
    1: _("Partly in place"),
    2: _("In place"),
}
LEVEL_EXPLANATIONS = {
    Level.GETTING_STARTED: _(
        "Bringing in talent from abroad is new ground for you, and that is a fine place to "
        "start. A shorter cooperation period, with a local organisation helping you, lets you "
        "learn without a big commitment."
    ),
    Level.WITH_SUPPORT: _(
        "You have a good base. A few things need preparing before a newcomer starts; the "
        "guides and organisations below help with exactly those."
    ),
    Level.READY: _(
        "You have the experience, the language and the people in place to bring in "
        "international talent. Go ahead and open a position."
    ),
}

# Which guide (a `pages:guide` slug) helps with each weak area.
AREA_GUIDES = {
    "experience": "cultural-awareness",
    "language": "working-language",
    "mentor": "onboarding",
    "onboarding": "onboarding",
    "permits": "right-to-work",
}
GUIDE_TITLES = {
    "right-to-work": _("Checking the right to work"),
    "pay-subsidy": _("Pay subsidy and other support for hiring"),
    "onboarding": _("Onboarding an international employee"),
    "working-language": _("Choosing a working language"),
    "cultural-awareness": _("Working across cultures"),
}
MAX_GUIDES = 3

# Which organisations (an `organisations:list?service=` code) help, first for the kind...
KIND_SERVICES = {
    Kind.JOINT_WORK: ("recruitment",),
    Kind.INTERNSHIP: ("internships", "education"),
    Kind.DEVELOPMENT: ("networking", "funding"),
    Kind.JOB: ("recruitment",),
}
# ...then for the weakest answers.
ANSWER_SERVICES = {
    ("permits", "unknown"): "work_permits",
    ("permits", "basics"): "work_permits",
    ("language", "finnish"): "language_courses",
    ("experience", "none"): "integration",
}
SERVICE_TITLES = {
    "entrepreneurship": _("Advice for entrepreneurs"),
    "funding": _("Funding and pay subsidies"),
    "recruitment": _("Help with recruiting"),
    "internships": _("Arranging internships"),
    "work_permits": _("Work permits and the right to work"),
    "language_courses": _("Finnish courses for employees"),
    "education": _("Schools and training providers"),
    "integration": _("Settling in and integration"),
    "networking": _("Business networks and partners"),
}

# The kind for each need; a permanent role depends on readiness too (see _kind).
NEED_KINDS = {"try": Kind.JOINT_WORK, "train": Kind.INTERNSHIP, "develop": Kind.DEVELOPMENT}
# Why the kind fits, by the reason it was chosen.
KIND_REASONS = {
    "try": _(
        "A joint work period lets you and a talent work together on a real task for a few "
        "months before either of you commits to more."
    ),
    "train": _(
        "An internship suits training someone: the talent learns your trade with a supervisor, "
        "and you get to know a possible future employee."
    ),
    "develop": _(
        "A development period brings in a talent for a defined project, such as a new market, "
        "product or service, with a clear goal and an end date."
    ),
    "permanent": _(
        "You are ready to hire. Open a job, and check that the person has the right to work "
        "for the whole employment."
    ),
    "permanent_not_ready": _(
        "You want to fill a permanent role, but some things are not in place yet. Start with "
        "a joint work period: you get to know the talent while your team prepares, and you can "
        "hire them afterwards."
    ),
}
TIMING_NOTES = {
    "now_permits": _(
        "You would like someone to start soon. If the person needs a residence permit for "
        "work, getting it can take weeks or months: sort out the right to work first, or look "
        "for a talent who already has it."
    ),
    "now_support": _(
        "You would like someone to start soon. Contact one of the organisations below now: "
        "they can help you get going quickly."
    ),
    "later": _(
        "You have time. Read the guides first; a draft opening keeps until you are ready to "
        "publish it."
    ),
}


@dataclass(frozen=True)
class Area:
    name: str
    points: int

    @property
    def label(self) -> str:
        return AREA_LABELS[self.name]

    @property
    def state(self) -> str:
        return AREA_STATES[self.points]


@dataclass(frozen=True)
class Result:
    level: Level
    score: int
    areas: tuple[Area, ...]
    kind: Kind
    kind_reason: str
    guides: tuple[str, ...]
    services: tuple[str, ...]
    timing_note: str | None

    @property
    def level_explanation(self) -> str:
        return LEVEL_EXPLANATIONS[self.level]

    @property
    def kind_explanation(self) -> str:
        return KIND_REASONS[self.kind_reason]

    @property
    def guide_links(self) -> list[tuple[str, str]]:
        return [(slug, GUIDE_TITLES[slug]) for slug in self.guides]

    @property
    def service_links(self) -> list[tuple[str, str]]:
        return [(code, SERVICE_TITLES[code]) for code in self.services]


def assess(answers: Mapping[str, str]) -> Result:
    """The result for a complete, valid set of answers (as the assessment form cleans them).

    Raises KeyError or ValueError for a missing or unknown answer: the form validates first.
    """
    for question in QUESTIONS:
        question.points(answers[question.name])
    areas = tuple(Area(name, QUESTIONS_BY_NAME[name].points(answers[name])) for name in AREAS)
    score = sum(area.points for area in areas)
    level = _level(score, areas)
    kind, reason = _kind(answers["need"], level)
    return Result(
        level=level,
        score=score,
        areas=areas,
        kind=kind,
        kind_reason=reason,
        guides=_guides(areas, kind),
        services=_services(answers, kind),
        timing_note=_timing_note(answers, level),
    )


def _level(score: int, areas: tuple[Area, ...]) -> Level:
    # "Ready" means nothing is missing: one blank area (nobody to mentor, say) needs support.
    if score >= READY_FROM and all(area.points for area in areas):
        return Level.READY
    if score >= WITH_SUPPORT_FROM:
        return Level.WITH_SUPPORT
    return Level.GETTING_STARTED


def _kind(need: str, level: Level) -> tuple[Kind, str]:
    if need == "permanent":
        # Hiring for good before the basics are in place tends to fail both sides; a period
        # first is the programme's way to try the fit.
        if level == Level.READY:
            return Kind.JOB, "permanent"
        return Kind.JOINT_WORK, "permanent_not_ready"
    return NEED_KINDS[need], need


def _guides(areas: tuple[Area, ...], kind: Kind) -> tuple[str, ...]:
    """The guides for the weakest areas first (ties in AREAS order), at most MAX_GUIDES."""
    weak = sorted((area for area in areas if area.points < 2), key=lambda area: area.points)
    slugs = list(dict.fromkeys(AREA_GUIDES[area.name] for area in weak))
    if kind == Kind.JOB:
        # Hiring someone who has been out of work may come with a pay subsidy: always worth
        # knowing before a job is opened, so it keeps its place in the list.
        return (*slugs[: MAX_GUIDES - 1], "pay-subsidy")
    return tuple(slugs[:MAX_GUIDES])


def _services(answers: Mapping[str, str], kind: Kind) -> tuple[str, ...]:
    gaps = (
        service
        for name in AREAS
        if (service := ANSWER_SERVICES.get((name, answers[name]))) is not None
    )
    return tuple(dict.fromkeys([*KIND_SERVICES[kind], *gaps]))


def _timing_note(answers: Mapping[str, str], level: Level) -> str | None:
    if answers["timing"] == "later":
        return TIMING_NOTES["later"]
    if answers["timing"] == "now" and answers["permits"] != "known":
        return TIMING_NOTES["now_permits"]
    if answers["timing"] == "now" and level != Level.READY:
        return TIMING_NOTES["now_support"]
    return None
