"""Self-service deletion: the account and what the person put in go; what the programme must
keep stays, with nothing left that names them.

Kept, pseudonymised: the account row as an inactive stub (its id, side and sign-up day: the
registration figures), the profile as a stub with the municipality only (placements,
outcomes and start-ups point at it: the impact figures), applications without their
motivation, CV and messages (the funnel), referrals without the message, and the access log
(who opened the data, and when). Everything else is deleted, files included.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.pagecache import public_pages_changed
from enterprises.models import Membership
from matching.models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    CheckIn,
    Dismissal,
    Feedback,
    MatchScore,
    Side,
)
from notifications.models import Frequency, Notification, Preferences
from organisations.models import Referral
from pages.models import KnownPage, Page
from profiles.models import ContactRequest, TalentProfile
from profiles.storage import private_storage

from . import selectors
from .models import Consent, NoticeVersion, Purpose

DELETED_NAME = "Deleted talent"


def delete_files_on_commit(names: list[str]) -> None:
    """Files go once the deletion is committed: a rollback must not leave rows without them."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def _profile_strip(profile: TalentProfile) -> list[str]:
    """Strip the profile down to the stub; return the files to delete."""
    files = [profile.photo.name, profile.photo_thumbnail.name, profile.cv.name]
    for related in (profile.skills, profile.languages, profile.education, profile.experience):
        related.all().delete()
    profile.opportunities.all().delete()
    profile.blocks.all().delete()
    profile.occupations.clear()
    ContactRequest.objects.filter(profile=profile).delete()  # with their messages
    applications = Application.objects.filter(profile=profile)
    files += [name for name in applications.values_list("cv", flat=True) if name]
    ApplicationMessage.objects.filter(application__in=applications).delete()
    applications.update(motivation="", cv="", cv_filename="")
    ApplicationEvent.objects.filter(application__in=applications, actor=profile.user).update(
        note=""
    )
    MatchScore.objects.filter(profile=profile).delete()
    Dismissal.objects.filter(profile=profile).delete()
    CheckIn.objects.filter(placement__profile=profile, side=Side.TALENT).delete()
    Feedback.objects.filter(placement__profile=profile, side=Side.TALENT).update(comment="")
    Referral.objects.filter(profile=profile).update(message="")
    profile.display_name = DELETED_NAME
    profile.headline = profile.about = ""
    profile.photo = profile.photo_thumbnail = profile.cv = ""
    profile.cv_filename = ""
    profile.country = ""
    profile.available_from = None
    profile.hours_per_week = None
    profile.work_time = profile.right_to_work = ""
    profile.visibility = TalentProfile.Visibility.HIDDEN
    profile.save()
    return files


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the person's account (see the module docstring for what is kept)."""
    if user.is_staff:
        raise ValidationError(
            _("Staff accounts are closed by an administrator, not deleted here."), code="staff"
        )
    files: list[str] = []
    # The proof ends with the consents withdrawn: nothing is shown or mailed any more.
    for purpose in Purpose:
        if selectors.consent_given(user=user, purpose=purpose):
            consent_record(
                user=user, purpose=purpose, granted=False, source=Consent.Source.DELETION
            )
    profile = TalentProfile.objects.select_for_update().filter(user=user).first()
    if profile is not None:
        files = _profile_strip(profile)
    Membership.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    Preferences.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.full_name = ""
    user.is_active = False
    # A new password hash ends every session the person has open, on every device.
    user.set_unusable_password()
    user.save()
    delete_files_on_commit(files)
    # An opening's page names its contact person: no cached page may keep the name.
    public_pages_changed()


def notice_sync(*, using: str = "default") -> NoticeVersion | None:
    """Publish the privacy page's text as a new version when it is not the latest one's:
    after every migrate and every save of the page in the admin."""
    with transaction.atomic(using=using):
        # Only the published text is in force: a draft saved in the admin is no version.
        page = Page.objects.using(using).filter(slug=KnownPage.PRIVACY, is_published=True).first()
        latest = NoticeVersion.objects.using(using).select_for_update().first()
        if page is None or (
            latest is not None and (latest.body_en, latest.body_fi) == (page.body_en, page.body_fi)
        ):
            return latest
        return NoticeVersion.objects.using(using).create(
            number=latest.number + 1 if latest else 1, body_en=page.body_en, body_fi=page.body_fi
        )


@transaction.atomic
def consent_record(*, user, purpose: str, granted: bool, source: str) -> Consent | None:
    """Store one decision under the notice in force; nothing when it repeats the latest."""
    latest = selectors.consent_latest(user=user, purpose=purpose)
    if latest is not None and latest.granted == granted:
        return None
    return Consent.objects.create(
        user=user,
        purpose=purpose,
        granted=granted,
        notice=selectors.notice_current() or notice_sync(),
        source=source,
    )


@transaction.atomic
def consents_set(*, user, choices: dict[str, bool], source: str) -> None:
    """Record the person's decisions and put them into effect: withdrawing hides the profile or
    stops match mail at once; giving shows the profile (anonymously) or restarts the mail."""
    # Imported here: both modules record consents through this one, at import time.
    from notifications.services import preferences_update
    from profiles.services import profile_update

    for purpose, granted in choices.items():
        consent_record(user=user, purpose=purpose, granted=granted, source=source)
    if Purpose.SHOWN_TO_COMPANIES in choices:
        profile = TalentProfile.objects.filter(user=user).first()
        shown = choices[Purpose.SHOWN_TO_COMPANIES]
        hidden = TalentProfile.Visibility.HIDDEN
        if profile is not None and shown == (profile.visibility == hidden):
            visibility = TalentProfile.Visibility.ANONYMOUS if shown else hidden
            profile_update(profile=profile, changes={"visibility": visibility})
    if Purpose.MATCH_MAIL in choices:
        mailed = choices[Purpose.MATCH_MAIL]
        if mailed != selectors.match_mail_on(user=user):
            frequency = Frequency.IMMEDIATELY if mailed else Frequency.OFF
            preferences_update(user=user, data={"matches": frequency})
