import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from esco.importer import STARTER_TAXONOMY
from esco.models import IscoGroup, Occupation, OccupationSkill, Skill, SkillBroader, SkillLabel
from tests.conftest import skip_unless_available

FULL_EXPORT = Path(settings.BASE_DIR).parent / "shared" / "esco"


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (IscoGroup, Skill, Occupation, OccupationSkill, SkillBroader, SkillLabel)
    }


@pytest.fixture
def starter_copy(tmp_path):
    """A copy of the starter taxonomy a test may break."""
    return Path(shutil.copytree(STARTER_TAXONOMY, tmp_path / "esco"))


def _import(directory) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_esco", str(directory), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_starter_taxonomy_is_in_every_test_database():
    counts = _counts()
    assert counts["Occupation"] == 47
    assert Skill.objects.pickable().count() == 362
    assert counts["OccupationSkill"] == 685
    joensuu_dev = Occupation.objects.get(label_en="software developer")
    assert joensuu_dev.label_fi == "ohjelmistokehittäjä"
    assert joensuu_dev.isco_group.code == "2512"
    assert joensuu_dev.isco_group.parent.code == "251"


@pytest.mark.django_db
def test_importing_again_updates_and_never_duplicates():
    before = _counts()
    Skill.objects.filter(label_en="operate forklift").update(label_fi="vanha nimi")

    output = _import(STARTER_TAXONOMY)

    assert _counts() == before
    assert Skill.objects.get(label_en="operate forklift").label_fi == "käyttää haarukkatrukkia"
    assert "Wrote 685 relations" in output
    assert "ESCO imported" in output


@pytest.mark.django_db
def test_a_malformed_row_names_the_file_and_line_and_changes_nothing(starter_copy):
    skills = starter_copy / "en" / "skills_en.csv"
    records = skills.read_bytes().split(b"\r\n")
    # A record with more fields than the header, after the first three (which span lines).
    line = b"\r\n".join(records[:4]).count(b"\n") + 2
    records.insert(4, b"KnowledgeSkillCompetence,http://x/1,knowledge,,extra,,,,,,,,,,too,many")
    skills.write_bytes(b"\r\n".join(records))
    Skill.objects.filter(label_en="operate forklift").update(label_fi="ennallaan")
    before = _counts()

    with pytest.raises(CommandError, match=rf"skills_en\.csv line {line}: 16 fields") as error:
        _import(starter_copy)

    assert "nothing was changed" in str(error.value)
    assert _counts() == before
    assert Skill.objects.get(label_en="operate forklift").label_fi == "ennallaan"


@pytest.mark.django_db
def test_an_error_late_in_the_import_leaves_no_half_import(starter_copy):
    relations = starter_copy / "en" / "occupationSkillRelations.csv"
    text = relations.read_text(encoding="utf-8")
    relations.write_text(text + 'http://x/o,essential,knowledge,"unterminated\r\n', "utf-8")
    OccupationSkill.objects.all().delete()  # a state the failed import must not "repair"

    with pytest.raises(CommandError, match=r"occupationSkillRelations\.csv line \d+"):
        _import(starter_copy)

    assert OccupationSkill.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "en" / "occupations_en.csv").unlink(), "no file matching occupations_en"),
        (
            lambda d: (d / "en" / "ISCOGroups_en.csv").write_text("conceptUri,preferredLabel\n"),
            r"ISCOGroups_en\.csv line 1: missing column\(s\) code",
        ),
        (
            lambda d: (d / "fi" / "skills_fi_preferredLabels.csv").write_bytes(b"\xff\xfe\x00x"),
            r"skills_fi_preferredLabels\.csv line 1: not UTF-8 text",
        ),
    ],
    ids=["missing file", "missing column", "not UTF-8"],
)
def test_a_missing_or_broken_file_is_named(starter_copy, damage, message):
    damage(starter_copy)
    with pytest.raises(CommandError, match=message):
        _import(starter_copy)


def test_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        _import(tmp_path / "nowhere")


@pytest.mark.django_db
def test_the_full_esco_export_imports(capsys):
    """The official v1.1.1 export, with its quirks, at full size (CI has ../shared beside us)."""
    if not (FULL_EXPORT / "en" / "skills_en.csv").exists():
        skip_unless_available("esco", f"the full ESCO export is not at {FULL_EXPORT}")

    output = _import(FULL_EXPORT)
    with capsys.disabled():
        print(f"\n{output.strip().splitlines()[-1]}")

    assert Skill.objects.pickable().count() == 13_896
    assert Skill.objects.filter(concept_type=Skill.ConceptType.GROUP).count() == 640
    assert Occupation.objects.count() == 3_007
    assert IscoGroup.objects.count() == 619
    # 123,855 rows, less the 67 that point to an occupation missing from the export.
    assert OccupationSkill.objects.count() == 123_855 - 67
    assert "Skipped 67 relations to an occupation not in occupations_en.csv" in output
    assert Skill.objects.pickable().filter(skill_type="").count() == 6
    python = Skill.objects.get(label_en="Python (computer programming)")
    assert python.label_sv == "Python (datorprogrammering)"
    assert python.broader.exists()

    before = _counts()
    _import(FULL_EXPORT)
    assert _counts() == before


@pytest.mark.django_db
def test_an_unknown_relation_type_is_named_with_its_line(starter_copy):
    relations = starter_copy / "en" / "occupationSkillRelations.csv"
    text = relations.read_text(encoding="utf-8")
    relations.write_text(text.replace(",essential,", ",Essential,", 1), "utf-8")
    with pytest.raises(CommandError, match=r"line 2: unknown relationType 'Essential'"):
        _import(starter_copy)
