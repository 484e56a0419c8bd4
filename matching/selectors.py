"""Reads shaped for the opening pages: home page, public browser, detail page, feeds."""

import datetime

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.html import linebreaks

from profiles import geography
from profiles.models import TalentProfile
from profiles.selectors import for_cards

from .filters import OpeningFilter, Sort
from .models import Application, ApplyInvitation, MatchScore, Opening, OpeningSkill

# PostgreSQL: each text is indexed with both stemmers, and a query matches if either reading
# of it does. "developers" finds "developer" (English), "kehittäjää" finds "kehittäjä"
# (Finnish); words neither language knows (Python, SQL, names) stay as they are.
SEARCH_CONFIGS = ("english", "finnish")
# SQLite: each word is one LIKE per text field; a pasted paragraph must not become a huge query.
MAX_SEARCH_WORDS = 8
# The detail page's structured data: the kinds Google accepts as job postings.
JOB_POSTING_KINDS = {"job": ["FULL_TIME"], "internship": ["INTERN"]}
PART_TIME_BELOW_HOURS = 30


def _for_cards(queryset: QuerySet[Opening]) -> QuerySet[Opening]:
    """What an opening card shows: the enterprise's name, nothing per row beyond that."""
    return queryset.select_related("enterprise", "occupation")


def opening_latest(*, limit: int = 3) -> QuerySet[Opening]:
    """The newest published openings, for the home page."""
    return _for_cards(Opening.objects.published()).order_by("-published_at", "-pk")[:limit]


def opening_search(queryset: QuerySet[Opening], text: str) -> QuerySet[Opening]:
    """Openings whose title or texts match the keywords, annotated with `rank` (higher first).

    PostgreSQL: full-text search, web-search syntax ("quoted phrase", -excluded, or), title
    weighed above description, above tasks and offer. Elsewhere (SQLite, in development and
    tests): every word must appear somewhere in the texts, case-insensitively (ASCII letters
    only), and the rank counts the words found in the title.
    """
    text = " ".join(text.split())
    if not text:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _full_text_search(queryset, text)
    return _word_search(queryset, text)


def _full_text_search(queryset, text):
    vector = query = None
    for config in SEARCH_CONFIGS:
        part = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("description", weight="B", config=config)
            + SearchVector("tasks", "offer", weight="C", config=config)
        )
        reading = SearchQuery(text, search_type="websearch", config=config)
        vector = part if vector is None else vector + part
        query = reading if query is None else query | reading
    return (
        queryset.alias(document=vector)
        .filter(document=query)
        .annotate(rank=SearchRank(vector, query))
    )


def _in_texts(word: str) -> Q:
    return (
        Q(title__icontains=word)
        | Q(description__icontains=word)
        | Q(tasks__icontains=word)
        | Q(offer__icontains=word)
    )


def _word_search(queryset, text):
    words = [word.strip("\"'") for word in text.split()]
    required = [w for w in words if w and not w.startswith("-") and w.lower() != "or"]
    excluded = [w[1:] for w in words if w.startswith("-") and len(w) > 1]
    condition = Q()
    for word in required[:MAX_SEARCH_WORDS]:
        condition &= _in_texts(word)
    for word in excluded[:MAX_SEARCH_WORDS]:
        condition &= ~_in_texts(word)
    title_hits = [
        Case(When(title__icontains=word, then=Value(1)), default=Value(0))
        for word in required[:MAX_SEARCH_WORDS]
    ]
    rank = sum(title_hits[1:], title_hits[0]) if title_hits else Value(0)
    return queryset.filter(condition).annotate(rank=rank)


def _ordered(queryset, *, sort: str, searched: bool):
    if sort == Sort.RELEVANCE and searched:
        return queryset.order_by("-rank", "-published_at", "-pk")
    if sort == Sort.DEADLINE:
        return queryset.order_by(F("deadline").asc(nulls_last=True), "-published_at", "-pk")
    # Newest; also "best match" without keywords, where nothing is matched.
    return queryset.order_by("-published_at", "-pk")


def opening_list(*, params) -> tuple[OpeningFilter, QuerySet[Opening]]:
    """The public browser: the bound filter form, and the published openings it selects,
    searched, sorted and shaped for cards. `params` is a QueryDict (request.GET)."""
    filterset = OpeningFilter(params or None, queryset=Opening.objects.published())
    text = filterset.search_text
    openings = opening_search(filterset.qs, text)
    openings = _ordered(openings, sort=filterset.sort_order, searched=bool(text.strip()))
    return filterset, _for_cards(openings)


def opening_for_viewer(*, viewer, pk: int) -> Opening:
    """The opening if the viewer may see it, else 404 (whether or not it exists).

    Anyone sees published openings; members of the opening's enterprise and staff may preview
    it in any state. `is_public` tells a preview from what everyone sees.
    """
    published = Opening.objects.published()
    openings = (
        Opening.objects.visible_to(viewer)
        .annotate(is_public=Exists(published.filter(pk=OuterRef("pk"))))
        .select_related("enterprise", "occupation", "contact")
        .prefetch_related(
            Prefetch("skills", OpeningSkill.objects.select_related("skill")), "languages"
        )
    )
    return get_object_or_404(openings, pk=pk)


def _place(code: str) -> dict | None:
    place = geography.municipality(code) if code else None
    if place is None:
        return None
    language = translation.get_language() or "en"
    return {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": place.label(language),
            "addressRegion": place.region.label(language),
            "addressCountry": "FI",
        },
    }


def _employment_type(opening: Opening) -> list[str]:
    types = list(JOB_POSTING_KINDS[opening.kind])
    if opening.kind == "job":
        if opening.hours_per_week and opening.hours_per_week < PART_TIME_BELOW_HOURS:
            types = ["PART_TIME"]
        if opening.duration_months:
            types.append("TEMPORARY")
    return types


def _salary(opening: Opening) -> dict | None:
    low, high = opening.salary_min, opening.salary_max
    if not opening.paid or (low is None and high is None):
        return None
    value: dict = {"@type": "QuantitativeValue", "unitText": "MONTH"}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def opening_job_posting(opening: Opening, *, url: str) -> dict | None:
    """schema.org JobPosting for search engines, or None where it does not fit.

    Jobs and internships are job postings; joint work and development periods are programme
    periods, not hiring, and Google's guidelines keep such pages out of job search. Drafts and
    other previews are never marked up.
    """
    if opening.kind not in JOB_POSTING_KINDS or not getattr(opening, "is_public", False):
        return None
    enterprise = opening.enterprise
    texts = [opening.description, opening.tasks, opening.offer]
    organisation = {"@type": "Organization", "name": enterprise.name}
    if enterprise.website:
        organisation["sameAs"] = enterprise.website
    posted = opening.published_at or opening.created_at
    data: dict = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": opening.title,
        "description": linebreaks("\n\n".join(text for text in texts if text), autoescape=True),
        "datePosted": timezone.localtime(posted).date().isoformat(),
        "employmentType": _employment_type(opening),
        "hiringOrganization": organisation,
        "identifier": {
            "@type": "PropertyValue",
            "name": enterprise.name,
            "value": enterprise.business_id,
        },
        "url": url,
        "directApply": False,
        "totalJobOpenings": opening.positions,
    }
    if opening.deadline:
        end_of_day = datetime.datetime.combine(
            opening.deadline, datetime.time(23, 59, 59), tzinfo=timezone.get_default_timezone()
        )
        data["validThrough"] = end_of_day.isoformat()
    place = _place(opening.municipality) or _place(enterprise.municipality)
    if opening.work_mode == Opening.WorkMode.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
        # Remote, but from Finland: the programme is for people living in the region.
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "Finland"}
    if place is not None:
        data["jobLocation"] = place
    elif opening.work_mode != Opening.WorkMode.REMOTE:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressCountry": "FI"},
        }
    salary = _salary(opening)
    if salary is not None:
        data["baseSalary"] = salary
    if opening.start_date:
        data["jobStartDate"] = opening.start_date.isoformat()
    if opening.occupation is not None:
        data["occupationalCategory"] = opening.occupation.label
    skills = [item.skill.label for item in opening.skills.all()]
    if skills:
        data["skills"] = ", ".join(skills)
    return data


def recommendations(*, profile) -> QuerySet[MatchScore]:
    """The talent's best published openings by stored score (dismissed ones have none)."""
    return (
        MatchScore.objects.filter(profile=profile, opening__in=Opening.objects.published())
        .select_related("opening__enterprise")
        .order_by("-score", "-opening__published_at", "opening_id")
    )


def recommendation_headlines(*, profile, limit: int) -> QuerySet[MatchScore]:
    """The talent's best few recommendations for a short list: the opening's title and kind
    and the company's name, not every column of both."""
    return recommendations(profile=profile).only(
        "score", "opening__title", "opening__kind", "opening__enterprise__name"
    )[:limit]


def suggested_talents(*, viewer, opening: Opening) -> QuerySet[TalentProfile]:
    """Talents for one of the viewer's openings, best match first, as the viewer may see them:
    anonymous ones without identity. Each carries `match_score`, `match_reasons`, and whether
    they were invited or have applied."""
    profiles = (
        TalentProfile.objects.visible_to(viewer)
        .with_identity(viewer)
        .filter(match_scores__opening=opening)
        .annotate(
            match_score=F("match_scores__score"),
            match_reasons=F("match_scores__reasons"),
            invited=Exists(ApplyInvitation.objects.filter(opening=opening, profile=OuterRef("pk"))),
            applied=Exists(Application.objects.filter(opening=opening, profile=OuterRef("pk"))),
        )
        .order_by("-match_score", "pk")
    )
    return for_cards(profiles)
