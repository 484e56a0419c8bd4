"""Import the official ESCO CSV export (the files a city downloads from the ESCO portal).

Everything is read and checked before anything is written, and the writes run in one
transaction: a malformed or missing file leaves the database as it was. Concepts are upserted by
URI, and the labels, relations and hierarchy of the imported concepts are replaced, so running
the import twice changes nothing the second time.
"""

import csv
import itertools
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import (
    LANGUAGES,
    IscoGroup,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillBroader,
    SkillLabel,
)
from .selectors import normalise

BATCH_SIZE = 5000
# The small taxonomy shipped with the code (see its README), for development and tests.
STARTER_TAXONOMY = Path(__file__).resolve().parent / "starter"
Progress = Callable[[str], None]


class EscoImportError(Exception):
    """A file is missing or malformed; the message names the file and the line."""


@dataclass
class Concept:
    labels: dict[str, str] = field(default_factory=dict)  # language -> preferred label
    alt_labels: dict[str, list[str]] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Export:
    isco: dict[str, Concept] = field(default_factory=dict)
    skills: dict[str, Concept] = field(default_factory=dict)
    occupations: dict[str, Concept] = field(default_factory=dict)
    relations: dict[tuple[str, str], str] = field(default_factory=dict)
    broader: set[tuple[str, str]] = field(default_factory=set)
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _rows(
    path: Path,
    required: tuple[str, ...],
    present: tuple[str, ...] = (),
    allowed: Mapping[str, Collection[str]] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a CSV file; a row's line is the one its record starts on.

    `required` columns must hold a value on every row; `present` ones may be empty; `allowed`
    lists the values a column may take.
    """
    line = 0  # the last line read; an error is on the line after it
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            line = reader.line_num
            missing = [name for name in (*required, *present) if name not in (header or [])]
            if missing:
                raise EscoImportError(f"{path} line 1: missing column(s) {', '.join(missing)}")
            for values in reader:
                line_start, line = line + 1, reader.line_num
                if not any(values):
                    continue
                if len(values) > len(header):
                    raise EscoImportError(
                        f"{path} line {line_start}: {len(values)} fields, "
                        f"but the header has {len(header)}"
                    )
                # The official export drops trailing empty columns on some rows.
                row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))
                for name in required:
                    if not row[name].strip():
                        raise EscoImportError(f"{path} line {line_start}: {name} is empty")
                for name, values in (allowed or {}).items():
                    if row[name] not in values:
                        raise EscoImportError(
                            f"{path} line {line_start}: unknown {name} {row[name]!r}"
                        )
                yield line_start, row
    except csv.Error as error:
        raise EscoImportError(f"{path} line {line + 1}: {error}") from error
    except UnicodeDecodeError as error:
        raise EscoImportError(f"{path} line {line + 1}: not UTF-8 text") from error
    except OSError as error:
        raise EscoImportError(f"{path}: {error.strerror}") from error


def _split(value: str) -> list[str]:
    # Multi-value cells hold one value a line; collection files separate them with " | ".
    return [part.strip() for part in value.replace(" | ", "\n").splitlines() if part.strip()]


def _find(directory: Path, pattern: str, *, required: bool) -> list[Path]:
    found = sorted(directory.rglob(pattern))
    if required and not found:
        raise EscoImportError(f"{directory}: no file matching {pattern}")
    return found


def _one(directory: Path, name: str) -> Path:
    found = _find(directory, name, required=True)
    if len(found) > 1:
        raise EscoImportError(f"{directory}: {name} found twice: {found[0]} and {found[1]}")
    return found[0]


def _concept(target: dict[str, Concept], row: dict[str, str], language: str) -> Concept:
    concept = target.setdefault(row["conceptUri"].strip(), Concept())
    if row.get("preferredLabel", "").strip():
        concept.labels[language] = row["preferredLabel"].strip()
    alt_labels = _split(row.get("altLabels", ""))
    if alt_labels:
        concept.alt_labels[language] = alt_labels
    return concept


def read_export(directory: Path, progress: Progress) -> Export:
    """Read and check every file; raise EscoImportError naming the first bad file and line."""
    if not directory.is_dir():
        raise EscoImportError(f"{directory}: not a directory")
    export = Export()
    label_columns = ("conceptUri", "preferredLabel")

    def read(path: Path, required: tuple[str, ...], present=(), allowed=None):
        count = 0
        for _line, row in _rows(path, required, present, allowed):
            count += 1
            yield row
        progress(f"Read {path.relative_to(directory)}: {count:,} rows")

    for row in read(_one(directory, "ISCOGroups_en.csv"), (*label_columns, "code")):
        _concept(export.isco, row, "en").fields["code"] = row["code"].strip()

    for row in read(_one(directory, "skills_en.csv"), label_columns, ("skillType",)):
        _concept(export.skills, row, "en").fields.update(
            concept_type=Skill.ConceptType.SKILL,
            skill_type=row.get("skillType", "").strip(),
            reuse_level=row.get("reuseLevel", "").strip(),
            description=row.get("description", "").strip(),
        )
    for path in _find(directory, "skillGroups_en.csv", required=False):
        for row in read(path, label_columns):
            _concept(export.skills, row, "en").fields.update(
                concept_type=Skill.ConceptType.GROUP,
                code=row.get("code", "").strip(),
                description=row.get("description", "").strip(),
            )

    for row in read(_one(directory, "occupations_en.csv"), (*label_columns, "iscoGroup")):
        _concept(export.occupations, row, "en").fields.update(
            code=row.get("code", "").strip(),
            isco_code=row["iscoGroup"].strip(),
            description=row.get("description", "").strip(),
        )

    for language in LANGUAGES[1:]:
        for prefix, target in (
            ("ISCOGroups", export.isco),
            ("skills", export.skills),
            ("skillGroups", export.skills),
            ("occupations", export.occupations),
        ):
            # Sorted, so a newer `*_preferredLabels.csv` overrides the full file's label.
            for path in _find(directory, f"{prefix}_{language}*.csv", required=False):
                for row in read(path, ("conceptUri",), ("preferredLabel",)):
                    if row["conceptUri"].strip() in target:
                        _concept(target, row, language)
                    else:
                        export.skip(f"{language} labels of concepts not in the English files")

    for path in _find(directory, "occupationSkillRelations*.csv", required=True):
        columns = ("occupationUri", "relationType", "skillUri")
        relation_types = {"relationType": OccupationSkill.RelationType.values}
        for row in read(path, columns, allowed=relation_types):
            occupation, skill = row["occupationUri"].strip(), row["skillUri"].strip()
            if occupation not in export.occupations:
                export.skip("relations to an occupation not in occupations_en.csv")
            elif skill not in export.skills:
                export.skip("relations to a skill not in skills_en.csv")
            else:
                export.relations[(occupation, skill)] = row["relationType"]

    for path in _find(directory, "broaderRelationsSkillPillar.csv", required=False):
        for row in read(path, ("conceptUri", "broaderUri")):
            pair = (row["conceptUri"].strip(), row["broaderUri"].strip())
            if pair[0] in export.skills and pair[1] in export.skills:
                export.broader.add(pair)
            else:
                export.skip("hierarchy links to a concept not in the skill files")
    for path in _find(directory, "skillsHierarchy_en.csv", required=False):
        for row in read(path, ("Level 0 URI",)):
            levels = [row.get(f"Level {level} URI", "").strip() for level in range(4)]
            # Link each level to the one above it; stop at a gap rather than skip a level.
            for broader, narrower in itertools.pairwise(levels):
                if not (narrower in export.skills and broader in export.skills):
                    break
                export.broader.add((narrower, broader))
    return export


def _labels(model, ids: dict[str, int], concepts: dict[str, Concept]):
    for uri, concept in concepts.items():
        for language in LANGUAGES:
            seen = set()
            preferred = concept.labels.get(language)
            texts = ([preferred] if preferred else []) + concept.alt_labels.get(language, [])
            for text in texts:
                key = normalise(text)[:255]
                if key and key not in seen:
                    seen.add(key)
                    yield model(
                        concept_id=ids[uri],
                        language=language,
                        text=text[:255],
                        search_text=key,
                        is_preferred=text == preferred,
                    )


def _upsert(model, concepts: dict[str, Concept], build, update_fields: list[str]) -> dict[str, int]:
    objects = [build(uri, concept) for uri, concept in concepts.items()]
    model.objects.bulk_create(
        objects,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["uri"],
        update_fields=update_fields,
    )
    ids = {}
    uris = list(concepts)
    for start in range(0, len(uris), BATCH_SIZE):
        chunk = uris[start : start + BATCH_SIZE]
        ids.update(model.objects.filter(uri__in=chunk).values_list("uri", "id"))
    return ids


def _label_fields(concept: Concept) -> dict[str, str]:
    return {f"label_{lang}": concept.labels.get(lang, "")[:255] for lang in LANGUAGES}


def _replace(model, filter_field: str, ids: list[int], objects, progress: Progress, what: str):
    for start in range(0, len(ids), BATCH_SIZE):
        model.objects.filter(**{f"{filter_field}__in": ids[start : start + BATCH_SIZE]}).delete()
    created = model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    progress(f"Wrote {len(created):,} {what}")


@transaction.atomic
def write_export(export: Export, progress: Progress) -> None:
    labels = ["label_en", "label_fi", "label_sv"]
    isco_ids = _upsert(
        IscoGroup,
        export.isco,
        lambda uri, c: IscoGroup(uri=uri, code=c.fields["code"], **_label_fields(c)),
        [*labels, "code"],
    )
    by_code = {c.fields["code"]: isco_ids[uri] for uri, c in export.isco.items()}
    groups = IscoGroup.objects.filter(id__in=by_code.values())
    for group in groups:
        group.parent_id = by_code.get(group.code[:-1])
    IscoGroup.objects.bulk_update(groups, ["parent"], batch_size=BATCH_SIZE)
    progress(f"Wrote {len(isco_ids):,} ISCO-08 groups")

    skill_fields = ["concept_type", "skill_type", "reuse_level", "code", "description"]
    skill_ids = _upsert(
        Skill,
        export.skills,
        lambda uri, c: Skill(uri=uri, **_label_fields(c), **c.fields),
        [*labels, *skill_fields],
    )
    progress(f"Wrote {len(skill_ids):,} skills and skill groups")

    occupation_ids = _upsert(
        Occupation,
        export.occupations,
        lambda uri, c: Occupation(
            uri=uri,
            code=c.fields["code"],
            description=c.fields["description"],
            isco_group_id=by_code.get(c.fields["isco_code"]),
            **_label_fields(c),
        ),
        [*labels, "code", "description", "isco_group"],
    )
    progress(f"Wrote {len(occupation_ids):,} occupations")

    skill_pks, occupation_pks = list(skill_ids.values()), list(occupation_ids.values())
    relations = (
        OccupationSkill(
            occupation_id=occupation_ids[o], skill_id=skill_ids[s], relation_type=relation
        )
        for (o, s), relation in export.relations.items()
    )
    _replace(OccupationSkill, "occupation", occupation_pks, relations, progress, "relations")
    links = (
        SkillBroader(skill_id=skill_ids[n], broader_id=skill_ids[b]) for n, b in export.broader
    )
    _replace(SkillBroader, "skill", skill_pks, links, progress, "hierarchy links")
    _replace(
        SkillLabel,
        "concept",
        skill_pks,
        _labels(SkillLabel, skill_ids, export.skills),
        progress,
        "skill labels",
    )
    _replace(
        OccupationLabel,
        "concept",
        occupation_pks,
        _labels(OccupationLabel, occupation_ids, export.occupations),
        progress,
        "occupation labels",
    )
    for reason, count in export.skipped.items():
        progress(f"Skipped {count:,} {reason}")


def import_export(directory: Path, progress: Progress) -> Export:
    export = read_export(directory, progress)
    write_export(export, progress)
    return export
