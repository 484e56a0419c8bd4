"""The ESCO classification, keyed by concept URI so imports update rather than duplicate.

ESCO — European Skills, Competences, Qualifications and Occupations — © European Union,
reused under Commission Decision 2011/833/EU.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("en", "fi", "sv")


class Concept(models.Model):
    uri = models.CharField(_("ESCO URI"), max_length=255, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=255)
    label_fi = models.CharField(_("label (Finnish)"), max_length=255, blank=True)
    label_sv = models.CharField(_("label (Swedish)"), max_length=255, blank=True)

    class Meta:
        abstract = True
        ordering = ["label_en"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The label in the active language; ESCO's English label where a translation is missing."""
        language = (translation.get_language() or "en")[:2]
        return getattr(self, f"label_{language}", "") or self.label_en


class IscoGroup(Concept):
    code = models.CharField(_("ISCO-08 code"), max_length=10, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta(Concept.Meta):
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")
        ordering = ["code"]


class SkillQuerySet(models.QuerySet):
    def pickable(self):
        """Skills and knowledge a person can hold; groups only organise them."""
        return self.exclude(concept_type=Skill.ConceptType.GROUP)


class Skill(Concept):
    class ConceptType(models.TextChoices):
        SKILL = "skill", _("Skill or knowledge")
        GROUP = "group", _("Skill group")

    class SkillType(models.TextChoices):
        SKILL = "skill/competence", _("Skill/competence")
        KNOWLEDGE = "knowledge", _("Knowledge")
        # ESCO leaves a few concepts untyped; we keep them rather than guess.
        UNSPECIFIED = "", _("Unspecified")

    concept_type = models.CharField(
        _("concept type"), max_length=10, choices=ConceptType.choices, db_index=True
    )
    skill_type = models.CharField(
        _("skill type"), max_length=20, choices=SkillType.choices, blank=True
    )
    reuse_level = models.CharField(_("reuse level"), max_length=30, blank=True)
    code = models.CharField(_("group code"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, through="SkillBroader"
    )

    objects = SkillQuerySet.as_manager()

    class Meta(Concept.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class SkillBroader(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    broader = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["skill", "broader"], name="esco_skillbroader_unique")
        ]

    def __str__(self):
        return f"{self.skill} → {self.broader}"


class Occupation(Concept):
    code = models.CharField(_("ESCO code"), max_length=20, blank=True)
    isco_group = models.ForeignKey(
        IscoGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occupations",
        verbose_name=_("ISCO-08 group"),
    )
    description = models.TextField(_("description"), blank=True)
    skills = models.ManyToManyField(Skill, through="OccupationSkill", related_name="occupations")

    class Meta(Concept.Meta):
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")


class OccupationSkill(models.Model):
    class RelationType(models.TextChoices):
        ESSENTIAL = "essential", _("Essential")
        OPTIONAL = "optional", _("Optional")

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="skill_relations"
    )
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="occupation_relations")
    relation_type = models.CharField(
        _("relation"), max_length=10, choices=RelationType.choices, db_index=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "skill"], name="esco_occupationskill_unique"
            )
        ]

    def __str__(self):
        return f"{self.occupation}: {self.skill} ({self.relation_type})"


class Label(models.Model):
    """One searchable label (preferred or alternative) of a concept in one language."""

    language = models.CharField(max_length=2)
    text = models.CharField(max_length=255)
    # Case- and accent-folded text (see esco.search.normalise), what searches compare with.
    search_text = models.CharField(max_length=255, db_index=True)
    is_preferred = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.text


class SkillLabel(Label):
    concept = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="labels")


class OccupationLabel(Label):
    concept = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="labels")
