import pytest

from organisations.demo import ORGANISATIONS, seed_demo
from organisations.models import Organisation, OrganisationService
from profiles import geography

pytestmark = pytest.mark.django_db


def test_the_demo_organisations_are_seeded_once_and_never_overwritten():
    seed_demo()
    assert Organisation.objects.count() == len(ORGANISATIONS)
    Organisation.objects.filter(slug="riveria").update(description_en="Edited by staff.")
    OrganisationService.objects.filter(organisation__slug="riveria").delete()
    seed_demo()
    riveria = Organisation.objects.get(slug="riveria")
    assert riveria.description_en == "Edited by staff."
    assert not riveria.services.exists()
    assert Organisation.objects.count() == len(ORGANISATIONS)


def test_every_demo_organisation_is_valid_and_described_in_both_languages():
    seed_demo()
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert organisation.description_fi
        assert geography.municipality(organisation.municipality).name_fi == "Joensuu"
        assert organisation.services.exists()
        assert organisation.languages.exists()
