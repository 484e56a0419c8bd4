"""Reads of the ESCO taxonomy: label search a person can use, in English, Finnish and Swedish."""

import unicodedata

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Length
from django.utils import translation

from .models import Label, Occupation, OccupationLabel, Skill, SkillLabel

MIN_QUERY_LENGTH = 2
# Each word is one LIKE condition: a pasted paragraph must not become a huge query.
MAX_QUERY_WORDS = 8
MAX_ID_DIGITS = 18


def normalise(text: str) -> str:
    """Fold case and accents and collapse spaces: "Käyttää  TRUKKIA" becomes "kayttaa trukkia"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _search(label_model: type[Label], query: str, *, limit: int) -> list[int]:
    """Concept ids whose labels contain every word of the query, best first.

    An exact label beats a label that starts with the query, which beats a word in a label
    starting with it, which beats a match inside a word; then preferred over alternative labels,
    the reader's language first, and shorter labels first.
    """
    needle = normalise(query)
    if len(needle) < MIN_QUERY_LENGTH:
        return []
    words = Q()
    for word in needle.split()[:MAX_QUERY_WORDS]:
        words &= Q(search_text__contains=word)
    rank = Case(
        When(search_text=needle, then=Value(0)),
        When(search_text__startswith=needle, then=Value(1)),
        When(Q(search_text__contains=f" {needle}") | Q(search_text__contains=f"-{needle}"), then=2),
        default=Value(3),
        output_field=IntegerField(),
    )
    language = (translation.get_language() or "en")[:2]
    in_language = Case(When(language=language, then=Value(0)), default=Value(1))
    rows = (
        label_model.objects.filter(words)
        .annotate(rank=rank, in_language=in_language, length=Length("search_text"))
        .order_by("rank", "-is_preferred", "in_language", "length", "concept_id")
        .values_list("concept_id", flat=True)
    )
    ids: list[int] = []
    # A concept has many labels; read a few pages of labels to fill `limit` distinct concepts.
    for concept_id in rows[: limit * 10]:
        if concept_id not in ids:
            ids.append(concept_id)
            if len(ids) == limit:
                break
    return ids


def skill_search(query: str, *, limit: int = 20) -> list[Skill]:
    ids = _search(SkillLabel, query, limit=limit * 2)
    found = Skill.objects.pickable().in_bulk(ids)
    return [found[i] for i in ids if i in found][:limit]


def occupation_search(query: str, *, limit: int = 20) -> list[Occupation]:
    ids = _search(OccupationLabel, query, limit=limit)
    found = Occupation.objects.in_bulk(ids)
    return [found[i] for i in ids]


def occupations_named(text: str):
    """The ids of the occupations one of whose labels, in any language, has every word of
    `text` (case and accents folded); None when no word is long enough to search for. A
    number is an occupation's id: links and feeds made when the filters offered a list."""
    # Only what can be a key: "²" is a digit int() refuses, and SQLite refuses integers past
    # 64 bits (any 18 digits fit).
    if text.isdecimal() and len(text) <= MAX_ID_DIGITS:
        return [int(text)]
    words = [word for word in normalise(text).split() if len(word) >= MIN_QUERY_LENGTH]
    if not words:
        return None
    label = Q()
    for word in words[:MAX_QUERY_WORDS]:
        label &= Q(search_text__contains=word)
    return OccupationLabel.objects.filter(label).values("concept_id")
