import pytest
from django.core.exceptions import ValidationError

from enterprises.validators import (
    business_id_check_digit,
    normalise_business_id,
    validate_business_id,
)


@pytest.mark.parametrize("value", ["0112038-9", "1572860-0", "2000002-4"])
def test_real_business_ids_are_valid(value):
    validate_business_id(value)


def test_the_check_digit_is_the_modulus_11_check():
    assert business_id_check_digit("0112038") == 9
    assert business_id_check_digit("1572860") == 0


def test_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_business_id("0112038-8")
    assert error.value.code == "check_digit"


@pytest.mark.parametrize(
    "value", ["", "0112038", "01120389", "0112038/9", "112038-9", "A112038-9", "00112038-9"]
)
def test_malformed_business_ids_are_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_business_id(value)
    assert error.value.code == "format"


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [("112038-9", "0112038-9"), (" 0112038 - 9 ", "0112038-9"), ("0112038-9", "0112038-9")],
)
def test_spaces_are_dropped_and_old_six_digit_ids_padded(raw, normalised):
    assert normalise_business_id(raw) == normalised
    validate_business_id(normalise_business_id(raw))
