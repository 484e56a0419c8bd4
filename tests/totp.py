from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.utils import timezone

PERIOD = 30  # seconds: allauth's default MFA_TOTP_PERIOD


def current_code(user) -> str:
    """The code the person's authenticator app shows now."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return code_for(decrypt(authenticator.data["secret"]))


def code_for(secret: str) -> str:
    """The code an authenticator app set up with this secret shows now."""
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // PERIOD))
