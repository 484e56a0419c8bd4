"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_FORMAT = re.compile(r"^(\d{6,7})-(\d)$")
# Weights of the modulus 11 check, from the Finnish Tax Administration's specification.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no business ID can have them."""
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def normalise_business_id(value: str) -> str:
    """Strip spaces and pad old six-digit IDs ("123456-7" is "0123456-7")."""
    value = re.sub(r"\s+", "", value or "")
    match = _FORMAT.match(value)
    if match and len(match.group(1)) == 6:
        return f"0{value}"
    return value


def validate_business_id(value: str) -> None:
    match = _FORMAT.match(value or "")
    if not match or len(match.group(1)) != 7:
        raise ValidationError(
            _("Enter the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-1."),
            code="format",
        )
    digits, check = match.groups()
    if business_id_check_digit(digits) != int(check):
        raise ValidationError(
            _("The check digit does not match. Compare the business ID with the trade register."),
            code="check_digit",
        )
