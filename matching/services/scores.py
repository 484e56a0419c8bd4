"""Stored match scores: recomputed when a profile or an opening changes, rebuilt nightly.

The engine (matching/engine.py) does the arithmetic; this module loads the facts in bulk, a
few queries per batch whatever the batch size, and writes MatchScore rows. Pages read the
rows and never score anything themselves.

What is stored: pairs that pass the hard filters and score at least MIN_SCORE, at most
MAX_PER_OPENING talents per opening (the best ones; a suggestion list never shows more).
"""

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import timedelta

import numpy as np
import psycopg
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from psycopg import sql

from core.iterables import batched
from core.pagecache import data_changed
from core.tasks import enqueue_on_commit
from esco.models import OccupationSkill, SkillBroader
from profiles import geography
from profiles.models import (
    Opportunity,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)

from .. import engine
from ..models import Dismissal, MatchScore, Opening, OpeningLanguage, OpeningSkill
from ..notifications import opening_matches_notify

MIN_SCORE = 20
# A stored score's columns, in the order of the rows _row makes.
_FIELDS = ("profile_id", "opening_id", "score", "reasons", "computed_at")
MAX_PER_OPENING = 500
BATCH = 2000
# The PostgreSQL advisory lock that orders the writers of the scores (any number of ours).
WRITERS_LOCK = 7_260_921
# The rebuild writes this many openings' rows per transaction.
WRITE_BATCH = 100
# The profile refresh's cache of the published openings (see _published_openings).
_OPENINGS_KEY = "match-published-openings"
_OPENINGS_TIMEOUT = 60 * 60 * 24
# A worker process keeps its own copy of that cache (unpickling it took 0.4 s a profile at
# L) while the openings are unchanged, for at most this long: rarity is as of its filling.
_LOCAL_SECONDS = 10 * 60
_local: tuple[str, float, list, dict] | None = None
# The task queued at publishing gets this long before the relay scores the opening instead.
RELAY_GRACE = timedelta(minutes=2)


def _region(municipality: str) -> str:
    place = geography.municipality(municipality) if municipality else None
    return place.region.code if place else ""


def _talents():
    return TalentProfile.objects.filter(user__is_active=True)


# --- facts ---------------------------------------------------------------------------------


def _opening_facts(openings) -> list[engine.OpeningFacts]:
    rows = list(
        openings.values(
            "id",
            "kind",
            "paid",
            "occupation_id",
            "occupation__isco_group_id",
            "finnish_not_required",
            "municipality",
            "work_mode",
            "start_date",
            "hours_per_week",
        )
    )
    ids = [row["id"] for row in rows]
    requirements = defaultdict(list)
    for item in OpeningSkill.objects.filter(opening_id__in=ids).values(
        "opening_id", "skill_id", "essential", "level", "skill__label_en", "skill__label_fi"
    ):
        labels = {"en": item["skill__label_en"], "fi": item["skill__label_fi"]}
        requirements[item["opening_id"]].append(
            engine.Requirement(item["skill_id"], item["essential"], item["level"], labels)
        )
    languages = defaultdict(dict)
    for opening_id, language, level in OpeningLanguage.objects.filter(
        opening_id__in=ids
    ).values_list("opening_id", "language", "level"):
        languages[opening_id][language] = level
    return [
        engine.OpeningFacts(
            id=row["id"],
            kind=row["kind"],
            paid=row["paid"],
            requirements=tuple(requirements[row["id"]]),
            occupation_id=row["occupation_id"],
            isco_group_id=row["occupation__isco_group_id"],
            languages=languages[row["id"]],
            finnish_not_required=row["finnish_not_required"],
            municipality=row["municipality"],
            region=_region(row["municipality"]),
            remote=row["work_mode"] != Opening.WorkMode.ON_SITE,
            start_date=row["start_date"],
            hours_per_week=row["hours_per_week"],
        )
        for row in rows
    ]


def _talent_facts(profile_ids: list[int]) -> list[engine.TalentFacts]:
    skills, languages = defaultdict(dict), defaultdict(dict)
    occupations, groups, kinds = defaultdict(set), defaultdict(set), defaultdict(set)
    for profile_id, skill_id, level in ProfileSkill.objects.filter(
        profile_id__in=profile_ids
    ).values_list("profile_id", "skill_id", "level"):
        skills[profile_id][skill_id] = level
    for profile_id, language, level in ProfileLanguage.objects.filter(
        profile_id__in=profile_ids
    ).values_list("profile_id", "language", "level"):
        languages[profile_id][language] = level
    for profile_id, occupation_id, group_id in TalentProfile.occupations.through.objects.filter(
        talentprofile_id__in=profile_ids
    ).values_list("talentprofile_id", "occupation_id", "occupation__isco_group_id"):
        occupations[profile_id].add(occupation_id)
        groups[profile_id].add(group_id)
    for profile_id, kind in Opportunity.objects.filter(profile_id__in=profile_ids).values_list(
        "profile_id", "kind"
    ):
        kinds[profile_id].add(kind)
    return [
        engine.TalentFacts(
            id=row["id"],
            skills=skills[row["id"]],
            occupation_ids=frozenset(occupations[row["id"]]),
            isco_group_ids=frozenset(groups[row["id"]] - {None}),
            languages=languages[row["id"]],
            kinds=frozenset(kinds[row["id"]]),
            right_to_work=row["right_to_work"],
            municipality=row["municipality"],
            region=_region(row["municipality"]),
            willing_to_relocate=row["willing_to_relocate"],
            available_from=row["available_from"],
            hours_per_week=row["hours_per_week"],
        )
        for row in TalentProfile.objects.filter(pk__in=profile_ids).values(
            "id",
            "right_to_work",
            "municipality",
            "willing_to_relocate",
            "available_from",
            "hours_per_week",
        )
    ]


def _related(skill_ids: set[int]) -> dict[int, frozenset[int]]:
    """For each skill, the skills that partly stand in for it: the same broader concept (its
    ESCO skill group, its parent, its children) or essential for an occupation it is essential
    for. Three queries whatever the number of skills."""
    related = defaultdict(set)
    broader_of = defaultdict(set)
    for skill_id, broader_id in SkillBroader.objects.filter(
        Q(skill_id__in=skill_ids) | Q(broader_id__in=skill_ids)
    ).values_list("skill_id", "broader_id"):
        broader_of[skill_id].add(broader_id)
        if broader_id in skill_ids:
            related[broader_id].add(skill_id)  # a narrower skill
    children_of = defaultdict(set)  # a parent -> the required skills under it
    for required in skill_ids:
        for broader_id in broader_of[required]:
            children_of[broader_id].add(required)
    for skill_id, broader_id in SkillBroader.objects.filter(broader_id__in=children_of).values_list(
        "skill_id", "broader_id"
    ):
        for required in children_of[broader_id]:
            related[required].update((skill_id, broader_id))  # a sibling and the parent
    essential = OccupationSkill.RelationType.ESSENTIAL
    occupations_of = defaultdict(set)
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        skill_id__in=skill_ids, relation_type=essential
    ).values_list("occupation_id", "skill_id"):
        occupations_of[occupation_id].add(skill_id)
    for occupation_id, skill_id in OccupationSkill.objects.filter(
        occupation_id__in=occupations_of, relation_type=essential
    ).values_list("occupation_id", "skill_id"):
        for required in occupations_of[occupation_id]:
            related[required].add(skill_id)
    return {skill_id: frozenset(related[skill_id] - {skill_id}) for skill_id in skill_ids}


def _rarity(skill_ids: set[int]) -> dict[int, float]:
    talents = _talents().count()
    with_skill = dict(
        ProfileSkill.objects.filter(skill_id__in=skill_ids, profile__user__is_active=True)
        .values("skill_id")
        .annotate(n=Count("pk"))
        .values_list("skill_id", "n")
    )
    return {skill_id: engine.idf(with_skill.get(skill_id, 0), talents) for skill_id in skill_ids}


def _context(openings: list[engine.OpeningFacts]):
    required = {need.skill_id for opening in openings for need in opening.requirements}
    return {"rarity": _rarity(required), "related": _related(required)}


def _row(profile_id: int, opening_id: int, result: engine.Score, now) -> tuple:
    return (profile_id, opening_id, result.value, [r.as_dict() for r in result.reasons], now)


def _instances(rows: list[tuple]) -> list[MatchScore]:
    return [MatchScore(**dict(zip(_FIELDS, row, strict=True))) for row in rows]


def _store(rows: list[tuple], *, owner: str, owner_id: int) -> None:
    """Make the stored scores of one talent (`owner` "profile_id") or one opening
    ("opening_id") exactly `rows` (as _row makes them): the others deleted, these inserted or
    updated, which refreshes writing side by side allow."""
    other = "opening_id" if owner == "profile_id" else "profile_id"
    column = _FIELDS.index(other)
    kept = [row[column] for row in rows]
    _writers_lock(alone=False)
    if connection.vendor != "postgresql":
        MatchScore.objects.filter(**{owner: owner_id}).exclude(**{f"{other}__in": kept}).delete()
        MatchScore.objects.bulk_create(
            _instances(rows),
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["profile", "opening"],
            update_fields=["score", "reasons", "computed_at"],
        )
        return
    table = sql.Identifier(MatchScore._meta.db_table)
    # A cursor that binds on the server, the arrays sent in binary (%b) as they are: Django's
    # cursor quoted a talent's 5,000 rows into the SQL in Python, 0.6 s of 1.1 at L.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(
            sql.SQL("DELETE FROM {} WHERE {} = %s AND {} <> ALL(%s::bigint[])").format(
                table, sql.Identifier(owner), sql.Identifier(other)
            ),
            [owner_id, kept],
        )
        changed = cursor.rowcount > 0
        if rows:
            columns = [list(column) for column in zip(*rows, strict=True)]  # tuples are records
            cursor.execute(
                sql.SQL(
                    "INSERT INTO {} ({}) SELECT * FROM unnest(%b::bigint[], %b::bigint[], "
                    "%b::smallint[], %b::jsonb[], %b::timestamptz[]) "
                    "ON CONFLICT (profile_id, opening_id) DO UPDATE SET score = EXCLUDED.score, "
                    "reasons = EXCLUDED.reasons, computed_at = EXCLUDED.computed_at"
                ).format(table, sql.SQL(", ").join(map(sql.Identifier, _FIELDS))),
                [*columns[:3], [json.dumps(reasons) for reasons in columns[3]], columns[4]],
            )
            changed = True
    if changed:
        # Past the statements Django sees (core.pagecache._watch).
        data_changed()


def _insert(rows: list[tuple]) -> None:
    """Write new rows (as _row makes them), none of them stored yet: on PostgreSQL with COPY,
    several times faster than INSERT for the rebuild's millions of rows, and no model
    instance per row."""
    if connection.vendor != "postgresql":
        MatchScore.objects.bulk_create(_instances(rows), batch_size=1000)
        return
    table = MatchScore._meta.db_table
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(_FIELDS)}) FROM STDIN") as copy,
    ):
        for profile_id, opening_id, value, reasons, computed_at in rows:
            copy.write_row((profile_id, opening_id, value, json.dumps(reasons), computed_at))
    # COPY goes past the statements Django sees (core.pagecache._watch).
    data_changed()


# --- writes --------------------------------------------------------------------------------


def _candidates(opening: engine.OpeningFacts, related) -> Iterable[int]:
    """Talents worth scoring: some overlap in skills or occupation (all talents when the
    opening names neither, which only small, early openings do)."""
    skill_ids = {need.skill_id for need in opening.requirements}
    skill_ids |= {s for need in opening.requirements for s in related.get(need.skill_id, ())}
    overlap = Q(pk__in=ProfileSkill.objects.filter(skill_id__in=skill_ids).values("profile_id"))
    if opening.occupation_id:
        overlap |= Q(occupations=opening.occupation_id)
        if opening.isco_group_id:
            overlap |= Q(occupations__isco_group_id=opening.isco_group_id)
    talents = _talents()
    if skill_ids or opening.occupation_id:
        talents = talents.filter(overlap)
    return talents.values_list("pk", flat=True).distinct().order_by("pk").iterator()


def _ranked(opening, talents, context, dismissed: set[int]) -> list[tuple[int, engine.Score]]:
    """Every talent who fits the opening at all, best first; ties go to the older profile, so
    the cut at MAX_PER_OPENING is the same on every database."""
    results = []
    for talent in talents:
        if talent.id in dismissed:
            continue
        result = engine.score(talent, opening, **context)
        if result is not None and result.value >= MIN_SCORE:
            results.append((talent.id, result))
    results.sort(key=lambda item: (-item[1].value, item[0]))
    return results


def _writers_lock(*, alone: bool) -> None:
    """Until the transaction ends: the rebuild writes a batch of openings alone (it deletes
    their rows and COPYs new ones, which a row upserted meanwhile by a refresh would make
    fail); refreshes write side by side, as their upserts allow."""
    if connection.vendor == "postgresql":
        function = "pg_advisory_xact_lock" if alone else "pg_advisory_xact_lock_shared"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [WRITERS_LOCK])


def _replace(opening_id: int, best: list[tuple[int, engine.Score]]) -> int:
    now = timezone.now()
    rows = [_row(profile_id, opening_id, result, now) for profile_id, result in best]
    _store(rows, owner="opening_id", owner_id=opening_id)
    return len(rows)


@transaction.atomic
def scores_refresh_opening(*, opening_id: int) -> int:
    """Score an opening against every talent worth it; drop its scores if it is not public."""
    published = Opening.objects.published().filter(pk=opening_id)
    if not published.exists():
        MatchScore.objects.filter(opening_id=opening_id).delete()
        return 0
    (opening,) = _opening_facts(published)
    context = _context([opening])
    dismissed = set(
        Dismissal.objects.filter(opening_id=opening_id).values_list("profile_id", flat=True)
    )
    talents = (
        talent
        for batch in batched(_candidates(opening, context["related"]), BATCH)
        for talent in _talent_facts(batch)
    )
    ranked = _ranked(opening, talents, context, dismissed)
    stored = _replace(opening_id, ranked[:MAX_PER_OPENING])
    # In the same transaction as the scores: the talents hear of it once it is scored, all
    # who reach their threshold, not only the best stored.
    opening_matches_notify(
        opening_id=opening_id, scores=[(talent, result.value) for talent, result in ranked]
    )
    return stored


def _published_openings() -> tuple[list[engine.OpeningFacts], dict[int, float]]:
    """The published openings' facts and the rarity of the skills they ask, cached: loading
    them takes far longer than scoring one talent against them all.

    Keyed by every published opening's last change, so an opening published, edited or
    withdrawn is seen at once. Rarity is as of the cache's filling: the nightly rebuild
    refreshes it, as it refreshes every stored score.
    """
    version = _openings_version()
    if _local is not None and _local[0] == version and time.monotonic() < _local[1]:
        return _local[2], _local[3]
    cached = cache.get(_OPENINGS_KEY)
    if cached is not None and cached[0] == version:
        _keep_local(*cached)
        return cached[1], cached[2]
    openings = _opening_facts(Opening.objects.published().order_by("pk"))
    rarity = _rarity({need.skill_id for opening in openings for need in opening.requirements})
    _openings_cache(version, openings, rarity)
    return openings, rarity


def _openings_version() -> str:
    stamps = Opening.objects.published().order_by("pk").values_list("pk", "updated_at")
    return hashlib.sha256(repr(list(stamps)).encode()).hexdigest()


def _openings_cache(version: str, openings: list[engine.OpeningFacts], rarity) -> None:
    # `version` is read before the openings were: a change made while they were loaded
    # leaves the cache under a version that is already gone, so it is loaded again.
    cache.set(_OPENINGS_KEY, (version, openings, rarity), timeout=_OPENINGS_TIMEOUT)
    _keep_local(version, openings, rarity)


def _keep_local(version: str, openings: list[engine.OpeningFacts], rarity) -> None:
    global _local
    _local = (version, time.monotonic() + _LOCAL_SECONDS, openings, rarity)


def _reaches(opening: engine.OpeningFacts, talent: engine.TalentFacts, near: set[int]) -> bool:
    """Whether the talent is one of the opening's candidates (see _candidates); `near` holds
    the skills the talent has or has a related skill for."""
    if not opening.requirements and not opening.occupation_id:
        return True
    return (
        any(need.skill_id in near for need in opening.requirements)
        or opening.occupation_id in talent.occupation_ids
        or (opening.isco_group_id is not None and opening.isco_group_id in talent.isco_group_ids)
    )


@transaction.atomic
def scores_refresh_profile(*, profile_id: int) -> int:
    """Score one talent against every published opening it is a candidate for, as after a
    profile edit."""
    talents = _talent_facts(list(_talents().filter(pk=profile_id).values_list("pk", flat=True)))
    if not talents:
        MatchScore.objects.filter(profile_id=profile_id).delete()
        return 0
    (talent,) = talents
    openings, rarity = _published_openings()
    dismissed = set(
        Dismissal.objects.filter(profile_id=profile_id).values_list("opening_id", flat=True)
    )
    # Being related is mutual, so the talent's own skills' related skills are the required
    # skills they partly stand in for: a few small queries instead of every opening's.
    stands_in = defaultdict(set)
    for skill_id, others in _related(set(talent.skills)).items():
        for other in others:
            stands_in[other].add(skill_id)
    context = {
        "rarity": rarity,
        "related": {skill_id: frozenset(own) for skill_id, own in stands_in.items()},
    }
    near = set(talent.skills) | set(stands_in)
    now = timezone.now()
    rows = []
    for opening in openings:
        if opening.id in dismissed or not _reaches(opening, talent, near):
            continue
        result = engine.score(talent, opening, **context)
        if result is not None and result.value >= MIN_SCORE:
            rows.append(_row(profile_id, opening.id, result, now))
    _store(rows, owner="profile_id", owner_id=profile_id)
    return len(rows)


def _all_talents() -> list[engine.TalentFacts]:
    ids = _talents().order_by("pk").values_list("pk", flat=True).iterator()
    talents = [talent for batch in batched(ids, BATCH) for talent in _talent_facts(batch)]
    return sorted(talents, key=lambda talent: talent.id)


def _top(opening, columns, context, dismissed: set[int]) -> list[tuple[int, int, list[dict]]]:
    """The talents worth storing for an opening, as (profile id, score, reasons): as _ranked
    over its candidates, cut at MAX_PER_OPENING, but scoring and explaining many talents at
    once in arrays, so the same rows without a Python call per candidate."""
    values = engine.values(columns, opening, **context)
    if opening.requirements or opening.occupation_id:
        candidate = columns.holders(need.skill_id for need in opening.requirements)
        for need in opening.requirements:
            candidate |= columns.related_holders(context["related"].get(need.skill_id, frozenset()))
        if opening.occupation_id:
            candidate |= columns.members(columns.occupations, opening.occupation_id)
            if opening.isco_group_id:
                candidate |= columns.members(columns.groups, opening.isco_group_id)
        values[~candidate] = -1
    if dismissed:
        values[np.isin(columns.ids, list(dismissed))] = -1
    (rows,) = np.nonzero(values >= MIN_SCORE)
    # Best first, ties to the older profile: rows are in profile order, so one integer key.
    key = (100 - values[rows]) * columns.size + rows
    if len(rows) > MAX_PER_OPENING:
        kept = np.argpartition(key, MAX_PER_OPENING - 1)[:MAX_PER_OPENING]
        rows, key = rows[kept], key[kept]
    rows = rows[np.argsort(key)]
    reasons = engine.explain(columns, rows, opening, related=context["related"])
    return list(zip(columns.ids[rows].tolist(), values[rows].tolist(), reasons, strict=True))


def scores_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Recompute everything, some openings (and one transaction) at a time; safe to rerun."""
    MatchScore.objects.exclude(opening__in=Opening.objects.published()).delete()
    version = _openings_version()
    openings = _opening_facts(Opening.objects.published().order_by("pk"))
    context = _context(openings)
    columns = engine.TalentColumns(_all_talents())
    dismissed = defaultdict(set)
    for opening_id, profile_id in Dismissal.objects.values_list("opening_id", "profile_id"):
        dismissed[opening_id].add(profile_id)
    stored = done = 0
    for batch in batched(openings, WRITE_BATCH):
        now = timezone.now()
        rows = [
            (profile_id, opening.id, value, reasons, now)
            for opening in batch
            for profile_id, value, reasons in _top(opening, columns, context, dismissed[opening.id])
        ]
        with transaction.atomic():
            _writers_lock(alone=True)
            MatchScore.objects.filter(opening_id__in=[opening.id for opening in batch]).delete()
            _insert(rows)
        stored += len(rows)
        done += len(batch)
        if progress:
            progress(done, len(openings))
    if connection.vendor == "postgresql":
        # Every row is new: without fresh statistics the planner takes a talent's few hundred
        # rows for a hundred thousand and reads their recommendations with parallel workers,
        # whose start alone takes longer than the read.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {MatchScore._meta.db_table}")
    # Fresh rarity for the profile refresh, and its first call after the rebuild is fast too.
    _openings_cache(version, openings, context["rarity"])
    return stored


def openings_awaiting_match_notice() -> list[int]:
    """Published openings whose scoring (and so their talents' notice) is overdue, each
    handed out at most once per RELAY_GRACE, so a slow scoring is not queued over and over."""
    waiting = Opening.objects.published().filter(
        # updated_at: the approval, also of an opening published before and re-approved
        matches_notified_at__isnull=True,
        updated_at__lt=timezone.now() - RELAY_GRACE,
    )
    grace = int(RELAY_GRACE.total_seconds())
    return [
        pk
        for pk in waiting.values_list("pk", flat=True)
        if cache.add(f"match-notice-queued:{pk}", 1, timeout=grace)
    ]


def rescore_opening_on_commit(opening_id: int) -> None:
    from ..tasks import rescore_opening

    enqueue_on_commit(rescore_opening, opening_id)


def rescore_profile_on_commit(profile_id: int) -> None:
    from ..tasks import rescore_profile

    enqueue_on_commit(rescore_profile, profile_id)


@transaction.atomic
def opening_dismiss(*, profile: TalentProfile, opening_id: int) -> None:
    """Not interested: the opening is no longer recommended to this talent."""
    Dismissal.objects.get_or_create(profile=profile, opening_id=opening_id)
    MatchScore.objects.filter(profile=profile, opening_id=opening_id).delete()


@transaction.atomic
def opening_undismiss(*, profile: TalentProfile, opening_id: int) -> None:
    Dismissal.objects.filter(profile=profile, opening_id=opening_id).delete()
    rescore_profile_on_commit(profile.pk)
