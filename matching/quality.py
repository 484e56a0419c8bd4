"""Quality checks for an opening submitted for review.

Job Market Finland (Työmarkkinatori) posting rules, the Non-discrimination Act
(Yhdenvertaisuuslaki) and the Act on Equality between Women and Men forbid asking applicants
for a photo, their age, gender, nationality or family situation unless the work truly needs
it, and a Finnish requirement above what the tasks need shuts out international talents.

The checks only *warn*: the enterprise may still submit, and staff see the warnings when
they review. So the patterns aim at good recall in English and Finnish (some Swedish) while
steering clear of the everyday words that merely look alike ("kuvaus", "ikävä", "image",
"manager", "single sign-on"). Pure Python: no database access.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from profiles.models import OpportunityType, ProfileLanguage

CODES = ("photo", "age", "gender", "nationality", "marital_status", "finnish_level")

EXCERPT_MAX = 80
EXCERPT_CONTEXT = 30  # characters on each side of the matched words, before trimming

# Words that let an applicant guess who is wanted, one tuple of regular expressions per code.
# They are matched case-insensitively; Python's \b is Unicode-aware, so "ikä" does not match
# inside "ikävä". Finnish inflects, so its entries list the forms (or a stem plus \w*) that
# carry the meaning and leave out look-alikes. A bare word that is too common in harmless
# text ("photo", "kuva", "man", "single", "kansalais-") only counts next to the words that
# turn it into a request.
_TEXT_PATTERNS: dict[str, tuple[str, ...]] = {
    "photo": (
        # "send/attach/include ... a photo", with only filler words in between, so that
        # "upload product photos" (a task) does not count.
        r"\b(?:send|attach|include|enclose|add|upload|submit|provide|share)\w*\s+"
        r"(?:(?:us|me|your|a|an|one|the|recent|current|cv|résumé|resume|application|and|with"
        r"|plus|also|including|passport|profile|personal|professional|good|clear)\s+){0,4}"
        r"(?:photo|photograph|picture|portrait|headshot|selfie)s?\b",
        # "CV with photo", but not "work with photo editing software".
        r"\bwith\s+(?:an?\s+)?(?:recent\s+)?(?:photo|photograph|picture)s?\b"
        r"(?![\s-]+(?:edit|shoot|retouch|studio|software|manipulation|librar|bank|archive))",
        r"\b(?:photo|photograph|picture)s?\s+of\s+(?:yourself|you)\b",
        r"\b(?:photo|photograph|picture)s?\s+(?:is\s+|are\s+)?"
        r"(?:required|mandatory|attached|needed|appreciated|welcome|must)\b",
        r"\bpassport[\s-]*(?:size|style|type)?[\s-]*photos?\b",
        r"\bheadshots?\b",
        # Finnish: the noun valokuva in its case forms, not valokuvaus/valokuvaaja
        # (photography, photographer) or valokuvata (to photograph).
        r"\bvalokuv(?:a|an|aa|at|ia|ien|alla|alle|ineen|allinen|allisen|allista)\b",
        # Bare "kuva" only as a request: kuvaus/kuvata/kuvailla/kuvitus never match.
        r"\bkuva(?:n|t)?\s+(?:(?:ja|sekä|myös|mukaan|itsestäsi|liitteeksi)\s+)?"
        r"(?:hakemuk|ansioluettelo|cv)\w*",
        r"\b(?:liitä|liittäkää|lähetä|lähettäkää|toimita|toimittakaa)\w*\s+"
        r"(?:(?:hakemukseen|hakemukseesi|hakemuksen|ansioluettelon|cv:n|cv|ja|sekä|mukaan"
        r"|myös|oma|tuore|liitteeksi)\s+){0,4}kuva(?:n|t)?\b",
        r"\bkuva(?:n)?\s+itsestä\w*",
        r"\b(?:hakemu|cv|ansioluettelo)\S*\s+kuvinee\w*",
        r"\bkuvalli\w*\s+(?:hakemu|cv|ansioluettelo)\w*",
        # Swedish
        r"\b(?:bifoga|skicka)\w*\s+(?:\w+\s+){0,4}?(?:foto|fotografi|bild)\b",
        r"\b(?:cv|ansökan|meritförteckning)\w*\s+med\s+(?:foto|bild)\b",
    ),
    "age": (
        # "age" only where it is about the applicant: not "image", "manage", "digital age".
        r"\baged\s+(?:\d|between|from|under|over|up)",
        r"\bage\s*(?::|limit|range|requirement|restriction|bracket|between|\d|of\s+\d)",
        r"\b(?:maximum|minimum|max\.?|min\.?|ideal|preferred|your|applicant['’]?s?"
        r"|candidate['’]?s?)\s+age\b",
        r"\b\d+\s+years\s+of\s+age\b",
        r"\byears?[\s-]+old\b",
        r"\byear-olds?\b",
        # "under 30." but not "over 20 countries" or "under 50 €".
        r"\b(?:under|below|over|above|younger\s+than|older\s+than)\s+\d{2}\b"
        r"(?!\s*(?:[+%€$£]|[^\W\d_]))",
        # Wanting "young" people is age discrimination; a young company or work with young
        # people is not.
        r"\byoung(?:er)?\b(?!\s+(?:company|startup|firm|business|enterprise|brand|people"
        r"|persons|adults|children|kids|customers|clients|audience|users|learners|students))",
        r"\byouthful\b",
        r"\bdate\s+of\s+birth\b",
        r"\bborn\s+(?:in|after|before|between)\s+(?:19|20)\d{2}\b",
        # Finnish: ikä and its forms; ikävä (boring) and "ikään kuin" (as if) stay out.
        r"\b(?:ikä|ikää|iän|iältään|ikäsi|ikäraja\w*|ikävuo\w*|ikähaaruk\w*|ikävaatimu\w*)\b",
        r"\w*vuotia\w*",  # alle 30-vuotias, 25-35-vuotiaita
        # nuori of the applicant; plurals (nuoria, nuorille) are usually clients of youth work.
        r"\bnuor(?:i|ta|en|ekas|ekasta|ekkaa\w*|ehko\w*)\b"
        r"(?!\s+(?:yrity|startup|yhtiö))",
        r"\bsyntymä(?:aika|ajan|aikasi|vuo\w*)\b",
        # Swedish
        r"\b(?:ålder|åldern|åldersgräns\w*)\b",
        r"\b\d{2}\s*(?:[-–]\s*\d{2}\s*)?år\s+gammal\b",
    ),
    "gender": (
        r"\bgenders?\b",
        r"\bsex\b",
        r"\b(?:fe)?males?\b",
        # Not "woman-owned business" or "women's clothing".
        r"\b(?:woman|women|lady|ladies|gentleman|gentlemen|girls?)\b(?![-\s]owned|['’])",
        # "man" is also a Swedish pronoun and part of man-hours: only in a request.
        r"\b(?:a|the|one|young|strong|right|reliable|experienced|energetic)\s+(?:man|guy|boy)\b"
        r"(?![-\s]+(?:hours?|days?|months?|years?)\b)",
        r"\b(?:man|men|guy|boy)\s+(?:only|preferred|for\s+the\s+job|who)\b",
        r"\bonly\s+(?:men|women|males|females)\b",
        # Gendered job titles.
        r"\b(?:sales|chair|fore|handy|repair|crafts|camera|work|business|bar|delivery)(?:man|men)\b",
        r"\b(?:waitress|stewardess|cleaning\s+lady)\b",
        # Finnish
        r"\bsukupuol\w*",
        r"\b(?:mies|nais)puoli\w*",
        r"\bmie(?:s|stä|hen|het|hiä|helle|hille|heksi|hiksi)\b",
        r"\bnai(?:nen|sen|sta|sia|set|selle|sille|seksi|siksi|sena)\b",
        r"\b(?:myynti|huolto|talon|varasto)mie(?:s|h|st)\w*",
        r"\bsiivousnai\w*",
        # Swedish
        r"\b(?:kön|manlig\w*|kvinnlig\w*|kvinna|kvinnor)\b",
    ),
    "nationality": (
        r"\bnationalit(?:y|ies)\b",
        # Not "senior citizens" (clients in elderly care) or "citizen science".
        r"\bcitizenship\b",
        r"\b(?:finnish|finland|eu|eea|swedish|nordic|european)\s+citizens?\b",
        r"\bcitizens?\s+of\s+(?:finland|sweden|the\s+eu|the\s+eea|an?\s+eu|eu|eea)\b",
        # A native speaker is defined by origin, not by skill; "native-level Finnish" is a
        # language level and the Finnish-level check deals with it.
        r"\bnative\s+(?:\w+\s+)?speakers?\b",
        r"\bnative[\s-]+(?:born|finns?|swedes?)\b",
        r"\bmother\s+tongue\b",
        r"\b(?:finnish|swedish|european|nordic)\s+(?:origin|background|roots|descent|ethnicity)\b",
        r"\bethnic(?:ity|\s+(?:origin|background))\b",
        r"\bborn\s+in\s+finland\b",
        r"\b(?:finns?\s+only|only\s+finns?)\b",
        # Finnish: kansalaisopisto and kansalaisjärjestö are not about citizenship.
        r"\bkansalaisuu\w*",
        r"\bkansallisuu\w*",
        r"\b(?:suomen|ruotsin|eu:n|eu-|eu)\s*kansalai\w*",
        r"\bsyntyperä\w*",
        r"\bkantasuomalai\w*",
        r"\bsuomalai\w*\s+(?:tausta|juuret|juuri|alkuperä)\w*",
        r"\betni\w*\s+(?:tausta|alkuperä)\w*",
        # Mother tongue; "äidinkielen tasoinen" is a language level like "native-level".
        r"\bäidinkiel(?!en\s*tasoi|entasoi)\w*",
        # Swedish
        r"\b(?:nationalitet\w*|medborgarskap\w*|medborgare|modersmål\w*)\b",
    ),
    "marital_status": (
        r"\bmarital\s+status\b",
        r"\b(?:un)?married\b",
        # "single" only about people: not "single sign-on" or "a single page".
        r"\bsingle\s+(?:applicants?|candidates?|persons?|people|men|women|status)\b",
        r"\b(?:no|without)\s+(?:children|kids|family)\b",
        r"\bchildless\b",
        r"\b(?:family|relationship)\s+(?:status|situation|plans?)\b",
        r"\bpregnan\w*",
        # Finnish
        r"\bsiviilisääty\w*",
        r"\bnaimat(?:on|tom)\w*",
        r"\bnaimisi\w*",
        r"\blapse(?:ton|ttom)\w*",
        r"\b(?:ei|ilman)\s+lapsi\w*",
        r"\bperhe(?:tilan|suhte|suunnitel)\w*",
        # raskaus/raskaana (pregnancy), not raskas (heavy).
        r"\braska(?:us|ud|ut)\w*|\braskaana\b",
        # Swedish
        r"\b(?:civilstånd\w*|ogift\w*|barnlös\w*|familjesituation\w*)\b",
    ),
}

# A sentence that states an equality policy ("regardless of age or gender",
# "sukupuolesta riippumatta") uses the same words to say the opposite: it is not flagged.
_INCLUSIVE = re.compile(
    r"regardless|irrespective|independent(?:ly)?\s+of|equal\s+opportunit|discriminat"
    r"|diversity|inclusion|all\s+(?:genders|ages|backgrounds|nationalities)"
    r"|any\s+(?:gender|age|nationality|background)"
    r"|riippumatta|yhdenvertai|tasa-?arvo|syrji|monimuotoi|kaikenikäi|kaiken\s+ikäi"
    r"|oavsett|mångfald|jämställd|diskrimin",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;\n]")

_TEXT_REGEXES = {
    code: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    for code, patterns in _TEXT_PATTERNS.items()
}

Level = ProfileLanguage.Level

# Lowest Finnish level that draws a warning, per opening kind. A job may ask for B2, but C1
# and above (incl. native) exclude nearly every international talent. The cooperation
# periods exist for international talents, so there B2 is already too much.
FINNISH_LEVEL_WARN_FROM: Mapping[str, int] = {
    OpportunityType.JOB: Level.C1,
    OpportunityType.INTERNSHIP: Level.B2,
    OpportunityType.JOINT_WORK: Level.B2,
    OpportunityType.DEVELOPMENT: Level.B2,
}
FINNISH_LEVEL_WARN_FROM_DEFAULT = Level.C1

_MESSAGES = {
    "photo": _(
        "Asking for a photo invites discrimination by appearance; Job Market Finland does not "
        "allow it. Remove the request unless the job truly needs it (e.g. modelling)."
    ),
    "age": _(
        "Asking for an age, an age range or “young” applicants is age discrimination under the "
        "Non-discrimination Act. Describe the skills and experience the work needs instead."
    ),
    "gender": _(
        "Asking for a particular gender, or using a gendered job title, breaks the Act on "
        "Equality between Women and Men. Use neutral wording and describe the tasks instead."
    ),
    "nationality": _(
        "Asking for a nationality, citizenship, origin or a native speaker excludes people by "
        "origin. Ask for the language skills the tasks need; a work permit is checked at hiring."
    ),
    "marital_status": _(
        "Marital status, family situation, children or pregnancy are not grounds for choosing "
        "an applicant. Remove the request; it has nothing to do with how the work is done."
    ),
    "finnish_level": _(
        "This Finnish requirement excludes most international talents. Ask only for the level "
        "the tasks really need (often B1 or lower), or tick “Finnish not required” and remove "
        "the Finnish level so the requirement does not contradict itself."
    ),
}


@dataclass(frozen=True)
class QualityWarning:
    code: str
    field: str
    excerpt: str = ""

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"Unknown quality warning code: {self.code!r}")

    def as_dict(self) -> dict:
        return {"code": self.code, "field": self.field, "excerpt": self.excerpt}

    @classmethod
    def from_dict(cls, data: Mapping) -> QualityWarning:
        return cls(code=data["code"], field=data["field"], excerpt=data.get("excerpt", ""))

    @property
    def message(self) -> str:
        return str(_MESSAGES[self.code])


def _is_inclusive_statement(text: str, start: int, end: int) -> bool:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    sentence = text[before[-1] if before else 0 : after.start() if after else len(text)]
    return bool(_INCLUSIVE.search(sentence))


def _excerpt(text: str, start: int, end: int) -> str:
    """The match with some context, cut at whole words, whitespace collapsed, ≤ EXCERPT_MAX."""
    matched = text[start:end]
    if len(matched) >= EXCERPT_MAX:
        return " ".join(matched.split())[:EXCERPT_MAX].strip()
    room = min(EXCERPT_MAX - len(matched), 2 * EXCERPT_CONTEXT)
    left_start = max(0, start - room // 2)
    right_end = min(len(text), end + room - (start - left_start))
    left, right = text[left_start:start], text[end:right_end]
    # Drop a word cut in half at either edge.
    if left_start > 0 and not text[left_start - 1].isspace():
        left = re.sub(r"^\S*", "", left)
    if right_end < len(text) and not text[right_end].isspace():
        right = re.sub(r"\S*$", "", right)
    return " ".join((left + matched + right).split())


def text_warnings(texts: Mapping[str, str]) -> list[QualityWarning]:
    """texts maps field name -> text (English and/or Finnish, maybe Swedish).

    At most one warning per (code, field): the first match that is not part of an equality
    statement.
    """
    warnings = []
    for field, raw in texts.items():
        text = unicodedata.normalize("NFC", raw or "")
        for code, regex in _TEXT_REGEXES.items():
            for match in regex.finditer(text):
                if not _is_inclusive_statement(text, match.start(), match.end()):
                    excerpt = _excerpt(text, match.start(), match.end())
                    warnings.append(QualityWarning(code=code, field=field, excerpt=excerpt))
                    break
    return warnings


def finnish_level_warning(
    *, kind: str, finnish_level: int | None, finnish_not_required: bool
) -> QualityWarning | None:
    """finnish_level is the required minimum CEFR level for Finnish (None = Finnish not listed)."""
    if finnish_level is None:
        return None
    warn_from = FINNISH_LEVEL_WARN_FROM.get(kind, FINNISH_LEVEL_WARN_FROM_DEFAULT)
    if finnish_not_required or finnish_level >= warn_from:
        return QualityWarning(code="finnish_level", field="languages", excerpt="")
    return None


def opening_warnings(
    *, texts: Mapping[str, str], kind: str, finnish_level: int | None, finnish_not_required: bool
) -> list[QualityWarning]:
    """All warnings: text ones in field order, then the Finnish-level one."""
    warnings = text_warnings(texts)
    level_warning = finnish_level_warning(
        kind=kind, finnish_level=finnish_level, finnish_not_required=finnish_not_required
    )
    if level_warning is not None:
        warnings.append(level_warning)
    return warnings
