from notifications.models import Frequency, Preferences
from profiles.models import TalentProfile

from .models import Consent, NoticeVersion, Purpose


def notice_current() -> NoticeVersion | None:
    return NoticeVersion.objects.first()


def consent_latest(*, user, purpose: str) -> Consent | None:
    return Consent.objects.filter(user=user, purpose=purpose).first()


def consent_given(*, user, purpose: str) -> bool:
    latest = consent_latest(user=user, purpose=purpose)
    return latest is not None and latest.granted


def match_mail_on(*, user) -> bool:
    preferences = Preferences.objects.filter(user=user).first()
    return (preferences.matches if preferences else Frequency.IMMEDIATELY) != Frequency.OFF


def consents_in_effect(*, user) -> dict[str, bool]:
    """What is true for the person now: the profile's visibility and the match mail setting
    are the consents in effect (a profile not created yet follows the latest decision)."""
    profile = TalentProfile.objects.filter(user=user).only("visibility").first()
    if profile is None:
        shown = consent_given(user=user, purpose=Purpose.SHOWN_TO_COMPANIES)
    else:
        shown = profile.visibility != TalentProfile.Visibility.HIDDEN
    return {Purpose.SHOWN_TO_COMPANIES: shown, Purpose.MATCH_MAIL: match_mail_on(user=user)}


def consent_history(*, user):
    return Consent.objects.filter(user=user).select_related("notice")
