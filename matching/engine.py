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
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
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
        # isdisjoint walks the talent's few skills, not the related set's thousands.
        elif not related.get(need.skill_id, frozenset()).isdisjoint(talent.skills):
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


# --- many talents at once ------------------------------------------------------------------


class TalentColumns:
    """Many talents' facts as numpy columns (one row per talent, in the order given), so that
    `values` scores one opening against all of them in a few array operations."""

    def __init__(self, talents: Sequence[TalentFacts]):
        self.ids = np.array([talent.id for talent in talents], dtype=np.int64)
        size = len(talents)
        self.size = size
        skills, occupations, groups = defaultdict(list), defaultdict(list), defaultdict(list)
        languages: dict[str, np.ndarray] = {}
        kinds: dict[str, np.ndarray] = {}
        places: dict[str, int] = {"": -1}
        self.any_kind, self.no_right, self.relocate, self.has_available, self.has_hours = (
            np.zeros(size, dtype=bool) for _ in range(5)
        )
        self.municipality, self.region = (np.empty(size, dtype=np.int32) for _ in range(2))
        self.available, self.hours = (np.zeros(size, dtype=np.int32) for _ in range(2))
        for row, talent in enumerate(talents):
            for skill_id, level in talent.skills.items():
                skills[skill_id].append((row, level))
            for occupation_id in talent.occupation_ids:
                occupations[occupation_id].append(row)
            for group_id in talent.isco_group_ids:
                groups[group_id].append(row)
            for language, level in talent.languages.items():
                languages.setdefault(language, np.zeros(size, dtype=np.int8))[row] = level
            for kind in talent.kinds:
                kinds.setdefault(kind, np.zeros(size, dtype=bool))[row] = True
            self.any_kind[row] = bool(talent.kinds)
            self.no_right[row] = talent.right_to_work in NO_RIGHT_TO_WORK
            self.municipality[row] = places.setdefault(talent.municipality, len(places))
            self.region[row] = places.setdefault(talent.region, len(places))
            self.relocate[row] = talent.willing_to_relocate
            if talent.available_from is not None:
                self.has_available[row] = True
                self.available[row] = talent.available_from.toordinal()
            if talent.hours_per_week is not None:
                self.has_hours[row] = True
                self.hours[row] = talent.hours_per_week
        # A skill's holders: their rows, and each one's level (levels start at 1).
        self.skills = {
            skill_id: (np.array([r for r, _ in held]), np.array([lv for _, lv in held]))
            for skill_id, held in skills.items()
        }
        self.occupations = {key: np.array(rows) for key, rows in occupations.items()}
        self.groups = {key: np.array(rows) for key, rows in groups.items()}
        self.languages, self.kinds, self.places = languages, kinds, places
        self._related: dict[frozenset[int], np.ndarray] = {}

    def holders(self, skill_ids) -> np.ndarray:
        """Whether each talent has at least one of the skills."""
        mask = np.zeros(self.size, dtype=bool)
        for skill_id in skill_ids:
            if skill_id in self.skills:
                mask[self.skills[skill_id][0]] = True
        return mask

    def related_holders(self, skill_ids: frozenset[int]) -> np.ndarray:
        """`holders` of a required skill's related skills (often thousands), kept bit-packed
        (an eighth of a byte per talent): the rebuild asks again with every opening needing
        the skill."""
        packed = self._related.get(skill_ids)
        if packed is None:
            packed = self._related[skill_ids] = np.packbits(self.holders(skill_ids))
        return np.unpackbits(packed, count=self.size).view(bool)

    def members(self, index: Mapping[int, np.ndarray], key: int | None) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        if key in index:
            mask[index[key]] = True
        return mask

    def levels(self, skill_id: int) -> np.ndarray:
        level = np.zeros(self.size, dtype=np.int8)
        if skill_id in self.skills:
            rows, held = self.skills[skill_id]
            level[rows] = held
        return level


def values(
    talents: TalentColumns,
    opening: OpeningFacts,
    *,
    rarity: Mapping[int, float],
    related: Mapping[int, frozenset[int]],
) -> np.ndarray:
    """`score(...).value` for every talent at once, -1 where a hard filter rules the pair out.

    The same float operations in the same order as `score`, so the values are equal, not
    just close (tests compare the two on random facts).
    """
    size = talents.size
    earned = np.zeros(size)
    weights = np.zeros(size, dtype=np.int64)

    def add(name: str, credit, applies=True) -> None:
        nonlocal earned
        earned = earned + np.where(applies, WEIGHTS[name] * credit, 0.0)
        weights[...] += np.where(applies, WEIGHTS[name], 0)

    if opening.requirements:
        got, possible = np.zeros(size), 0.0
        for need in opening.requirements:
            weight = (ESSENTIAL_WEIGHT if need.essential else 1.0) * rarity.get(need.skill_id, 1.0)
            possible += weight
            have = talents.levels(need.skill_id)
            short = need.level - have.astype(np.int64)
            credit = np.where(
                have >= need.level,
                1.0,
                np.where(
                    have > 0,
                    np.select(
                        [short == gap for gap in LEVEL_SHORT_CREDIT],
                        list(LEVEL_SHORT_CREDIT.values()),
                        LEVEL_SHORT_FLOOR,
                    ),
                    np.where(_related_held(talents, need, related), RELATED_CREDIT, 0.0),
                ),
            )
            got = got + weight * credit
        add("skills", got / possible)
    if opening.occupation_id is not None:
        group = (
            talents.members(talents.groups, opening.isco_group_id)
            if opening.isco_group_id
            else np.zeros(size, dtype=bool)
        )
        credit = np.where(
            talents.members(talents.occupations, opening.occupation_id),
            1.0,
            np.where(group, SAME_ISCO_GROUP_CREDIT, 0.0),
        )
        add("occupation", credit)
    if opening.languages:
        credits = np.zeros(size)
        for language, need in sorted(opening.languages.items(), key=lambda item: -item[1]):
            have = talents.languages.get(language, np.zeros(size, dtype=np.int8))
            credits = credits + np.where(
                have >= need,
                1.0,
                np.where((have > 0) & (need - have == 1), LANGUAGE_ONE_BELOW_CREDIT, 0.0),
            )
        add("languages", credits / len(opening.languages))
    elif opening.finnish_not_required:
        add("languages", 1.0)
    wants = talents.kinds.get(opening.kind, np.zeros(size, dtype=bool))
    add("kind", np.where(wants, 1.0, 0.5))
    if opening.remote:
        add("location", 1.0)
    else:
        place = talents.places.get(opening.municipality, -2) if opening.municipality else -2
        region = talents.places.get(opening.region, -2) if opening.region else -2
        credit = np.where(
            talents.municipality == place,
            1.0,
            np.where(
                talents.region == region,
                SAME_REGION_CREDIT,
                np.where(talents.relocate, RELOCATE_CREDIT, 0.0),
            ),
        )
        add("location", credit)
    if opening.start_date is None:
        add("availability", 1.0, talents.has_available)
    else:
        late = talents.available - opening.start_date.toordinal()
        credit = np.where(late <= 0, 1.0, np.where(late <= AVAILABILITY_GRACE_DAYS, 0.5, 0.0))
        add("availability", credit, talents.has_available)
    if opening.hours_per_week is not None:
        near = np.abs(talents.hours - opening.hours_per_week) <= HOURS_TOLERANCE
        add("hours", np.where(near, 1.0, 0.5), talents.has_hours)
    result = np.rint(100 * (earned / weights)).astype(np.int64)
    ruled_out = talents.any_kind & ~wants
    if opening.paid:
        ruled_out |= talents.no_right
    result[ruled_out] = -1
    return result


def _related_held(talents: TalentColumns, need: Requirement, related) -> np.ndarray:
    return talents.related_holders(related.get(need.skill_id, frozenset()))


def explain(
    talents: TalentColumns,
    rows: np.ndarray,
    opening: OpeningFacts,
    *,
    related: Mapping[int, frozenset[int]],
) -> list[list[dict]]:
    """`[r.as_dict() for r in score(...).reasons]` for the talents at `rows`, none of them ruled
    out by a hard filter. Each component picks its case for all of them at once, so the
    rebuild explains the 500 talents it keeps per opening without a Python call per talent
    and requirement (tests compare the two on random facts)."""
    size = len(rows)
    found: list[list[dict]] = [[] for _ in range(size)]

    def add(where: np.ndarray, reason: dict) -> None:
        for row in np.flatnonzero(where).tolist():
            found[row].append(dict(reason))

    def column(arrays: Mapping[str, np.ndarray], key: str) -> np.ndarray:
        return arrays[key][rows] if key in arrays else np.zeros(size, dtype=np.int8)

    if opening.requirements:
        matched = {True: np.zeros(size, dtype=np.int64), False: np.zeros(size, dtype=np.int64)}
        totals = {True: 0, False: 0}
        partly = []  # per requirement: 0, or 1 below the level asked, or 2 a related skill
        for need in opening.requirements:
            totals[need.essential] += 1
            have = talents.levels(need.skill_id)[rows]
            matched[need.essential] += have >= need.level
            related_only = (have == 0) & _related_held(talents, need, related)[rows]
            partly.append(
                np.where((have > 0) & (have < need.level), 1, np.where(related_only, 2, 0))
            )
        for code, essential in (("skills_essential", True), ("skills_nice", False)):
            if totals[essential]:
                for row, count in enumerate(matched[essential].tolist()):
                    found[row].append({"code": code, "matched": count, "total": totals[essential]})
        partly = np.column_stack(partly)
        # Each talent's first three requirements met only partly, in the opening's order.
        shown = (partly > 0) & (np.cumsum(partly > 0, axis=1) <= 3)
        for row, index in zip(*(axis.tolist() for axis in np.nonzero(shown)), strict=True):
            code = "skill_level" if partly[row, index] == 1 else "skill_related"
            found[row].append({"code": code, "skill": dict(opening.requirements[index].labels)})
    if opening.occupation_id is not None:
        same = talents.members(talents.occupations, opening.occupation_id)[rows]
        add(same, {"code": "occupation_same"})
        if opening.isco_group_id:
            group = talents.members(talents.groups, opening.isco_group_id)[rows]
            add(~same & group, {"code": "occupation_group"})
    if opening.finnish_not_required and "fi" not in opening.languages:
        for row, have in enumerate(column(talents.languages, "fi").tolist()):
            found[row].append({"code": "finnish_not_required", "have": have or None})
    for language, need in sorted(opening.languages.items(), key=lambda item: -item[1]):
        for row, have in enumerate(column(talents.languages, language).tolist()):
            found[row].append(
                {"code": "language", "language": language, "have": have or None, "need": need}
            )
    add(column(talents.kinds, opening.kind), {"code": "wants_kind", "kind": opening.kind})
    if opening.remote:
        add(np.ones(size, dtype=bool), {"code": "remote"})
    else:
        place = talents.places.get(opening.municipality, -2) if opening.municipality else -2
        region = talents.places.get(opening.region, -2) if opening.region else -2
        same_place = talents.municipality[rows] == place
        same_region = ~same_place & (talents.region[rows] == region)
        add(same_place, {"code": "same_municipality"})
        add(same_region, {"code": "same_region"})
        add(~same_place & ~same_region & talents.relocate[rows], {"code": "relocate"})
    start = opening.start_date
    available = talents.available[rows]
    for row in np.flatnonzero(talents.has_available[rows]).tolist():
        day = datetime.date.fromordinal(int(available[row]))
        reason = {"code": "available", "available": day.isoformat()}
        if start is not None:
            reason["start"] = start.isoformat()
            if day > start:
                reason["code"] = "available_late"
        found[row].append(reason)
    if opening.hours_per_week is not None:
        hours = talents.hours[rows]
        far = talents.has_hours[rows] & (np.abs(hours - opening.hours_per_week) > HOURS_TOLERANCE)
        for row in np.flatnonzero(far).tolist():
            found[row].append(
                {"code": "hours", "have": int(hours[row]), "need": opening.hours_per_week}
            )
    return found


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
