"""The match engine's arithmetic: how well one talent fits one opening, and why.

Pure functions over plain facts (no database), so every factor can be tested by hand and the
same data gives the same score on any database. `matching.services.scores` loads the facts in
bulk and stores the results as MatchScore rows; pages only read those rows.

A score is a weighted mean of the components that apply to the pair, scaled to 0-100. A
component that does not apply (an opening that names no occupation, a talent who gave no
hours) is left out rather than counted as a match or a miss.
"""

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

# How much each component counts. Skills dominate: they are what the enterprise asked for.
WEIGHTS = {
    "skills": 50,
    "occupation": 12,
    "languages": 15,
    "kind": 8,
    "location": 7,
    "availability": 5,
    "hours": 3,
}
ESSENTIAL_WEIGHT = 2.0  # an essential skill counts twice a nice-to-have one
# Credit for a required skill the talent has at a lower level, by how many levels short.
LEVEL_SHORT_CREDIT = {1: 0.6, 2: 0.3}
LEVEL_SHORT_FLOOR = 0.15
# Credit for a related skill (same ESCO group or broader concept, or essential for the same
# occupation) when the talent lacks the required one: "Django" partly satisfies "Python".
RELATED_CREDIT = 0.4
SAME_ISCO_GROUP_CREDIT = 0.5
LANGUAGE_ONE_BELOW_CREDIT = 0.5
SAME_REGION_CREDIT = 0.7
RELOCATE_CREDIT = 0.5
# A talent free within this many days after the start date still fits, partly.
AVAILABILITY_GRACE_DAYS = 30
HOURS_TOLERANCE = 8
# Rights to work that cannot take a paid opening (profiles.TalentProfile.RightToWork).
NO_RIGHT_TO_WORK = frozenset({"needs_permit"})
CEFR = {1: "A1", 2: "A2", 3: "B1", 4: "B2", 5: "C1", 6: "C2", 7: "native"}


@dataclass(frozen=True)
class Requirement:
    skill_id: int
    essential: bool
    level: int
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class OpeningFacts:
    id: int
    kind: str
    paid: bool
    requirements: tuple[Requirement, ...] = ()
    occupation_id: int | None = None
    isco_group_id: int | None = None
    languages: Mapping[str, int] = field(default_factory=dict)
    finnish_not_required: bool = False
    municipality: str = ""
    region: str = ""
    remote: bool = False
    start_date: datetime.date | None = None
    hours_per_week: int | None = None


@dataclass(frozen=True)
class TalentFacts:
    id: int
    skills: Mapping[int, int] = field(default_factory=dict)  # skill id -> level
    occupation_ids: frozenset[int] = frozenset()
    isco_group_ids: frozenset[int] = frozenset()
    languages: Mapping[str, int] = field(default_factory=dict)
    kinds: frozenset[str] = frozenset()
    right_to_work: str = ""
    municipality: str = ""
    region: str = ""
    willing_to_relocate: bool = False
    available_from: datetime.date | None = None
    hours_per_week: int | None = None


@dataclass(frozen=True)
class Reason:
    """One line of the explanation, stored as data and worded in the reader's language."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, **self.params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Reason":
        params = dict(data)
        return cls(params.pop("code"), params)

    @property
    def text(self) -> str:
        return _WORDING[self.code](self.params)


@dataclass(frozen=True)
class Score:
    value: int
    reasons: tuple[Reason, ...]


def idf(talents_with_skill: int, talents: int) -> float:
    """Rarer skills weigh more: a smoothed inverse document frequency over all talents."""
    return math.log((talents + 1) / (talents_with_skill + 1)) + 1.0


def score(
    talent: TalentFacts,
    opening: OpeningFacts,
    *,
    rarity: Mapping[int, float],
    related: Mapping[int, frozenset[int]],
) -> Score | None:
    """The pair's score with its reasons, or None when a hard filter rules it out.

    `rarity` maps a required skill to its idf weight; `related` maps it to the skills that
    partly stand in for it.
    """
    if talent.kinds and opening.kind not in talent.kinds:
        return None
    if opening.paid and talent.right_to_work in NO_RIGHT_TO_WORK:
        return None
    components: dict[str, float] = {}
    reasons: list[Reason] = []
    for name, part in (
        ("skills", _skills),
        ("occupation", _occupation),
        ("languages", _languages),
        ("kind", _kind),
        ("location", _location),
        ("availability", _availability),
        ("hours", _hours),
    ):
        result = part(talent, opening, rarity=rarity, related=related)
        if result is not None:
            components[name], found = result
            reasons.extend(found)
    total = sum(WEIGHTS[name] for name in components)
    value = sum(WEIGHTS[name] * credit for name, credit in components.items()) / total
    return Score(round(100 * value), tuple(reasons))


def _skills(talent, opening, *, rarity, related):
    if not opening.requirements:
        return None
    earned = possible = 0.0
    matched = {True: 0, False: 0}
    totals = {True: 0, False: 0}
    partial: list[Reason] = []
    for need in opening.requirements:
        weight = (ESSENTIAL_WEIGHT if need.essential else 1.0) * rarity.get(need.skill_id, 1.0)
        possible += weight
        totals[need.essential] += 1
        have = talent.skills.get(need.skill_id)
        if have is not None and have >= need.level:
            credit = 1.0
            matched[need.essential] += 1
        elif have is not None:
            credit = LEVEL_SHORT_CREDIT.get(need.level - have, LEVEL_SHORT_FLOOR)
            partial.append(Reason("skill_level", {"skill": dict(need.labels)}))
        elif talent.skills.keys() & related.get(need.skill_id, frozenset()):
            credit = RELATED_CREDIT
            partial.append(Reason("skill_related", {"skill": dict(need.labels)}))
        else:
            credit = 0.0
        earned += weight * credit
    reasons = [
        Reason(code, {"matched": matched[essential], "total": totals[essential]})
        for code, essential in (("skills_essential", True), ("skills_nice", False))
        if totals[essential]
    ]
    return earned / possible, reasons + partial[:3]


def _occupation(talent, opening, **_):
    if opening.occupation_id is None:
        return None
    if opening.occupation_id in talent.occupation_ids:
        return 1.0, [Reason("occupation_same")]
    if opening.isco_group_id and opening.isco_group_id in talent.isco_group_ids:
        return SAME_ISCO_GROUP_CREDIT, [Reason("occupation_group")]
    return 0.0, []


def _languages(talent, opening, **_):
    reasons = []
    if opening.finnish_not_required and "fi" not in opening.languages:
        reasons.append(Reason("finnish_not_required", {"have": talent.languages.get("fi")}))
    if not opening.languages:
        return (1.0, reasons) if reasons else None
    credits = []
    for language, need in sorted(opening.languages.items(), key=lambda item: -item[1]):
        have = talent.languages.get(language)
        if have is not None and have >= need:
            credits.append(1.0)
        elif have is not None and need - have == 1:
            credits.append(LANGUAGE_ONE_BELOW_CREDIT)
        else:
            credits.append(0.0)
        reasons.append(Reason("language", {"language": language, "have": have, "need": need}))
    return sum(credits) / len(credits), reasons


def _kind(talent, opening, **_):
    if opening.kind in talent.kinds:
        return 1.0, [Reason("wants_kind", {"kind": opening.kind})]
    # The talent named no preference (a stated preference that excludes it is a hard filter).
    return 0.5, []


def _location(talent, opening, **_):
    if opening.remote:
        return 1.0, [Reason("remote")]
    if opening.municipality and opening.municipality == talent.municipality:
        return 1.0, [Reason("same_municipality")]
    if opening.region and opening.region == talent.region:
        return SAME_REGION_CREDIT, [Reason("same_region")]
    if talent.willing_to_relocate:
        return RELOCATE_CREDIT, [Reason("relocate")]
    return 0.0, []


def _availability(talent, opening, **_):
    if talent.available_from is None:
        return None
    start = opening.start_date
    params = {"available": talent.available_from.isoformat()}
    if start is not None:
        params["start"] = start.isoformat()
    if start is None or talent.available_from <= start:
        return 1.0, [Reason("available", params)]
    late = (talent.available_from - start).days
    credit = 0.5 if late <= AVAILABILITY_GRACE_DAYS else 0.0
    return credit, [Reason("available_late", params)]


def _hours(talent, opening, **_):
    if talent.hours_per_week is None or opening.hours_per_week is None:
        return None
    if abs(talent.hours_per_week - opening.hours_per_week) <= HOURS_TOLERANCE:
        return 1.0, []
    return 0.5, [Reason("hours", {"have": talent.hours_per_week, "need": opening.hours_per_week})]


# --- wording -------------------------------------------------------------------------------


def _label(labels: Mapping[str, str]) -> str:
    language = (translation.get_language() or "en")[:2]
    return labels.get(language) or labels.get("en", "")


def _language_name(code: str) -> str:
    from profiles.reference import language_name

    return language_name(code)


def _date(value: str) -> str:
    return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")


def _level(level: int | None) -> str:
    return gettext("native") if level == 7 else CEFR.get(level, "")


def _language_text(p) -> str:
    name, need = _language_name(p["language"]), _level(p["need"])
    if p["have"] is None:
        return gettext("%(language)s %(need)s required; not in the profile") % {
            "language": name,
            "need": need,
        }
    return gettext("%(language)s %(have)s (%(need)s required)") % {
        "language": name,
        "have": _level(p["have"]),
        "need": need,
    }


def _available_text(p) -> str:
    if "start" not in p:
        return gettext("Available from %(date)s") % {"date": _date(p["available"])}
    return gettext("Available from %(date)s (start %(start)s)") % {
        "date": _date(p["available"]),
        "start": _date(p["start"]),
    }


def _kind_text(p) -> str:
    from profiles.models import OpportunityType

    return gettext("Interested in: %(kind)s") % {"kind": OpportunityType(p["kind"]).label}


_WORDING = {
    "skills_essential": lambda p: (
        ngettext(
            "%(matched)s of %(total)s essential skill",
            "%(matched)s of %(total)s essential skills",
            p["total"],
        )
        % p
    ),
    "skills_nice": lambda p: (
        ngettext(
            "%(matched)s of %(total)s nice-to-have skill",
            "%(matched)s of %(total)s nice-to-have skills",
            p["total"],
        )
        % p
    ),
    "skill_level": lambda p: (
        gettext("%(skill)s: below the level asked") % {"skill": _label(p["skill"])}
    ),
    "skill_related": lambda p: (
        gettext("A skill related to %(skill)s") % {"skill": _label(p["skill"])}
    ),
    "occupation_same": lambda p: gettext("Occupation of interest"),
    "occupation_group": lambda p: gettext("A closely related occupation"),
    "finnish_not_required": lambda p: (
        gettext("Finnish %(have)s – not required") % {"have": _level(p["have"])}
        if p.get("have")
        else gettext("Finnish not required")
    ),
    "language": _language_text,
    "wants_kind": _kind_text,
    "remote": lambda p: gettext("Remote work possible"),
    "same_municipality": lambda p: gettext("Same municipality"),
    "same_region": lambda p: gettext("Same region"),
    "relocate": lambda p: gettext("Willing to relocate"),
    "available": _available_text,
    "available_late": _available_text,
    "hours": lambda p: gettext("%(need)s hours a week (%(have)s wanted)") % p,
}
