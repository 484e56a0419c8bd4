import pytest
from django.utils import translation

from matching.quality import (
    CODES,
    EXCERPT_MAX,
    FINNISH_LEVEL_WARN_FROM,
    QualityWarning,
    finnish_level_warning,
    opening_warnings,
    text_warnings,
)
from profiles.models import OpportunityType, ProfileLanguage

Level = ProfileLanguage.Level


def codes_in(text: str) -> set[str]:
    return {warning.code for warning in text_warnings({"description": text})}


@pytest.mark.parametrize(
    ("code", "text"),
    [
        # photo
        ("photo", "Please send your CV and a photo to jobs@example.com."),
        ("photo", "Applications with photo by 31 May."),
        ("photo", "CV with photo is required."),
        ("photo", "Attach a recent picture of yourself."),
        ("photo", "Include a passport-size photo."),
        ("photo", "A photo is required."),
        ("photo", "Liitä hakemukseen valokuva."),
        ("photo", "Lähetä kuva hakemukseen."),
        ("photo", "Hakemus kuvineen osoitteeseen rekry@example.fi."),
        ("photo", "Toimita kuvallinen CV viimeistään perjantaina."),
        ("photo", "Kuvallinen ansioluettelo liitteeksi."),
        ("photo", "Bifoga ditt CV och ett foto."),
        # age
        ("age", "We are looking for someone aged 25-35."),
        ("age", "Age: 20–30"),
        ("age", "Applicants should be under 30."),
        ("age", "Candidates 20 to 30 years old."),
        ("age", "We want a young and energetic salesperson."),
        ("age", "Please state your date of birth."),
        ("age", "Etsimme alle 30-vuotiasta myyjää."),
        ("age", "Toivomme 25–35-vuotiaita hakijoita."),
        ("age", "Ikä 20–30 vuotta."),
        ("age", "Kerro hakemuksessa ikäsi."),
        ("age", "Haemme nuorta ja innokasta myyjää."),
        ("age", "Sopivat ikävuodet 20–35."),
        ("age", "Ålder: 25–35 år."),
        # gender
        ("gender", "Male applicants preferred."),
        ("gender", "Looking for a strong man for warehouse work."),
        ("gender", "Men only."),
        ("gender", "The ideal candidate is a woman."),
        ("gender", "Please state your gender."),
        ("gender", "We are hiring a salesman."),
        ("gender", "Etsimme miespuolista varastotyöntekijää."),
        ("gender", "Hakijan tulee olla nainen."),
        ("gender", "Haemme reipasta miestä."),
        ("gender", "Ilmoita sukupuolesi."),
        ("gender", "Haemme myyntimiestä."),
        ("gender", "Vi söker en kvinnlig säljare."),
        # nationality
        ("nationality", "Nationality: Finnish."),
        ("nationality", "Only Finnish citizens can apply."),
        ("nationality", "Finnish citizenship required."),
        ("nationality", "Native Finnish speaker."),
        ("nationality", "Finnish mother tongue."),
        ("nationality", "Hakijan tulee olla Suomen kansalainen."),
        ("nationality", "Kerro kansalaisuutesi."),
        ("nationality", "Etsimme syntyperäistä suomalaista."),
        ("nationality", "Äidinkieli suomi."),
        ("nationality", "Svenskt medborgarskap krävs."),
        # marital status
        ("marital_status", "Please state your marital status."),
        ("marital_status", "Preferably married."),
        ("marital_status", "Single applicants preferred."),
        ("marital_status", "Applicants with no children preferred."),
        ("marital_status", "Tell us about your family situation."),
        ("marital_status", "Ilmoita siviilisäätysi."),
        ("marital_status", "Toivomme naimatonta hakijaa."),
        ("marital_status", "Oletko naimisissa?"),
        ("marital_status", "Lapseton hakija eduksi."),
        ("marital_status", "Kerro perhetilanteestasi."),
        ("marital_status", "Ange ditt civilstånd."),
    ],
)
def test_text_warning_found(code, text):
    assert code in codes_in(text)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        # photo
        ("photo", "Product photography for our web shop."),
        ("photo", "You will upload product photos to the web shop."),
        ("photo", "Experience with photo editing software is a plus."),
        ("photo", "Tehtävän kuvaus: kuvata tuotteita ja kuvailla niitä."),
        ("photo", "Kuvitus ja kuvaus ovat osa työtä."),
        ("photo", "Valokuvaus ja kuvankäsittely kuuluvat tehtäviin."),
        ("photo", "Tuotteet kuvineen verkkokauppaan."),
        # age
        ("age", "Manage our image on every stage of the project."),
        ("age", "We serve customers in over 20 countries."),
        ("age", "A young company with a great team of experts."),
        ("age", "You will work with young people at our youth centre."),
        ("age", "Experience from aged care is an advantage."),
        ("age", "Ikävä kyllä emme voi vastata kaikille."),
        ("age", "Se toimii ikään kuin portaali."),
        ("age", "Nuori yritys kasvaa nopeasti."),
        ("age", "Ohjaat nuoria harrastuksissa."),
        # gender
        ("gender", "A human-centred design manager."),
        ("gender", "Our office is in Germany."),
        ("gender", "Estimated 40 man-hours a week."),
        ("gender", "We are a woman-owned business."),
        ("gender", "We sell women’s clothing."),
        ("gender", "Esimiestyö ja miehitys ovat vastuullasi."),
        ("gender", "Naisten ja miesten vaatteiden myynti."),
        ("gender", "Olet naimisissa työsi kanssa."),
        # nationality
        ("nationality", "Native-level Finnish is needed for customer service."),
        ("nationality", "You will work with senior citizens."),
        ("nationality", "Kansalaisopiston kurssien suunnittelu."),
        ("nationality", "Yhteistyö kansalaisjärjestöjen kanssa."),
        ("nationality", "Äidinkielen tasoinen suomen kielen taito."),
        # marital status
        ("marital_status", "Single sign-on integration for a single page app."),
        ("marital_status", "Raskas nostotyö ei kuulu tehtäviin."),
        ("marital_status", "Family-friendly working hours."),
        # equality statements use the same words to say the opposite
        ("gender", "We welcome all applicants regardless of gender, age or nationality."),
        ("nationality", "We welcome all applicants regardless of gender, age or nationality."),
        ("gender", "Toivomme hakijoiksi kaikkia sukupuolesta riippumatta."),
        ("nationality", "Kaikki hakijat kansalaisuudesta riippumatta ovat tervetulleita."),
        ("age", "Toivotamme tervetulleiksi kaikenikäiset hakijat."),
    ],
)
def test_text_warning_not_found(code, text):
    assert code not in codes_in(text)


def test_clean_opening_has_no_warnings():
    texts = {
        "title": "Junior web developer",
        "description": "A small Tampere software company building a single page app.",
        "tasks": "Kehität verkkokauppaa ja kuvaat tuotteet. Managing the image library.",
        "offer": "Flexible hours, lunch benefit and a friendly team.",
    }
    assert text_warnings(texts) == []


def test_one_warning_per_code_and_field_with_field_order():
    warnings = text_warnings(
        {
            "title": "Salesman",
            "description": "Male, aged 25-35. Men only. Send a photo and another photo.",
            "tasks": "Nuori mies, alle 30-vuotias.",
        }
    )
    pairs = [(warning.field, warning.code) for warning in warnings]
    assert pairs == [
        ("title", "gender"),
        ("description", "photo"),
        ("description", "age"),
        ("description", "gender"),
        ("tasks", "age"),
        ("tasks", "gender"),
    ]


def test_excerpt_shows_the_words_as_written_within_80_chars():
    text = "Lorem ipsum " * 20 + "Please\nsend   a PHOTO with your CV. " + "dolor sit amet " * 20
    [warning] = text_warnings({"offer": text})

    assert warning.field == "offer"
    assert "send a PHOTO" in warning.excerpt
    assert len(warning.excerpt) <= EXCERPT_MAX
    assert not warning.excerpt.startswith(("orem", "psum"))  # no half words


def test_excerpt_of_a_long_match_is_capped():
    text = "Please send us " + "your " * 30 + "photo"
    for warning in text_warnings({"description": text}):
        assert len(warning.excerpt) <= EXCERPT_MAX


@pytest.mark.parametrize(
    ("kind", "first_warned"),
    [
        (OpportunityType.JOB, Level.C1),
        (OpportunityType.INTERNSHIP, Level.B2),
        (OpportunityType.JOINT_WORK, Level.B2),
        (OpportunityType.DEVELOPMENT, Level.B2),
    ],
)
def test_finnish_level_table(kind, first_warned):
    assert FINNISH_LEVEL_WARN_FROM[kind] == first_warned
    for level in Level:
        warning = finnish_level_warning(kind=kind, finnish_level=level, finnish_not_required=False)
        if level >= first_warned:
            assert warning == QualityWarning(code="finnish_level", field="languages", excerpt="")
        else:
            assert warning is None


@pytest.mark.parametrize("kind", [*FINNISH_LEVEL_WARN_FROM, "entrepreneurship"])
def test_finnish_not_listed_is_fine(kind):
    assert finnish_level_warning(kind=kind, finnish_level=None, finnish_not_required=False) is None
    assert finnish_level_warning(kind=kind, finnish_level=None, finnish_not_required=True) is None


def test_unknown_kind_warns_from_c1():
    def warns(level):
        return finnish_level_warning(kind="other", finnish_level=level, finnish_not_required=False)

    assert warns(Level.B2) is None
    assert warns(Level.C1) is not None


def test_finnish_not_required_with_a_level_is_a_contradiction():
    warning = finnish_level_warning(
        kind=OpportunityType.JOB, finnish_level=Level.A1, finnish_not_required=True
    )
    assert warning == QualityWarning(code="finnish_level", field="languages", excerpt="")


def test_opening_warnings_puts_text_warnings_first():
    warnings = opening_warnings(
        texts={"title": "Harjoittelija", "description": "CV with photo, please."},
        kind=OpportunityType.INTERNSHIP,
        finnish_level=Level.B2,
        finnish_not_required=False,
    )
    assert [warning.code for warning in warnings] == ["photo", "finnish_level"]


def test_opening_without_problems_has_no_warnings():
    warnings = opening_warnings(
        texts={"title": "Developer", "description": "Python and Django."},
        kind=OpportunityType.JOB,
        finnish_level=Level.B1,
        finnish_not_required=False,
    )
    assert warnings == []


def test_dict_round_trip():
    warning = QualityWarning(code="age", field="tasks", excerpt="alle 30-vuotias")
    data = warning.as_dict()

    assert data == {"code": "age", "field": "tasks", "excerpt": "alle 30-vuotias"}
    assert QualityWarning.from_dict(data) == warning


def test_unknown_code_is_refused():
    with pytest.raises(ValueError, match="nope"):
        QualityWarning.from_dict({"code": "nope", "field": "title", "excerpt": ""})


@pytest.mark.parametrize("code", CODES)
def test_every_code_has_a_message_in_every_language(code):
    warning = QualityWarning(code=code, field="description", excerpt="")
    english = warning.message
    assert isinstance(english, str)
    assert english
    with translation.override("fi"):
        assert isinstance(warning.message, str)
        assert warning.message
