"""Every write to a talent profile, its items and its files."""

import datetime
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import Enterprise, Membership
from enterprises.selectors import who_answers
from esco.models import Occupation, Skill
from notifications.services import notify
from privacy.models import Consent, Purpose
from privacy.selectors import consent_given
from privacy.services import consent_record

from .documents import Photo
from .models import (
    ContactMessage,
    ContactRequest,
    EnterpriseBlock,
    Opportunity,
    ProfileLanguage,
    ProfileSkill,
    TalentProfile,
)
from .storage import private_storage

MAX_SKILLS = 60
MAX_OCCUPATIONS = 10


def _delete_files_on_commit(*names: str) -> None:
    # Only once the new state is committed: a rollback must not leave a profile without its file.
    names = tuple(name for name in names if name)
    if names:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def _lock_files(profile: TalentProfile) -> None:
    # Two uploads at once must not both read the same "old" file and leave one behind.
    TalentProfile.objects.select_for_update().values_list("pk", flat=True).get(pk=profile.pk)
    profile.refresh_from_db(fields=["photo", "photo_thumbnail", "cv", "cv_filename"])


def _rescore(profile: TalentProfile) -> None:
    # What the match engine reads changed: refresh this talent's scores after the commit.
    from matching.services.scores import rescore_profile_on_commit

    rescore_profile_on_commit(profile.pk)


def _random_name(folder: str, extension: str) -> str:
    # A random name, so nothing about the talent (or their file name) shows in storage.
    return f"{folder}/{secrets.token_hex(16)}.{extension}"


def profile_ensure(*, user) -> TalentProfile:
    """The talent's profile, created on first use with their name as display name: shown to
    companies, anonymously, if the talent agreed to that at sign-up, otherwise hidden."""
    profile = TalentProfile.objects.filter(user=user).first()
    if profile is not None:  # every talent page asks: the common case costs one query
        return profile
    shown = consent_given(user=user, purpose=Purpose.SHOWN_TO_COMPANIES)
    profile, _created = TalentProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": user.full_name or user.email.split("@")[0],
            "visibility": TalentProfile.Visibility.ANONYMOUS
            if shown
            else TalentProfile.Visibility.HIDDEN,
        },
    )
    return profile


@transaction.atomic
def profile_update(*, profile: TalentProfile, changes: Mapping[str, Any]) -> TalentProfile:
    """Save one editor section; `opportunity_types` replaces the wanted opportunity types."""
    changes = dict(changes)
    kinds = changes.pop("opportunity_types", None)
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.save(update_fields=[*changes, "updated_at"])
    if "visibility" in changes:
        consent_record(
            user=profile.user,
            purpose=Purpose.SHOWN_TO_COMPANIES,
            granted=profile.visibility != TalentProfile.Visibility.HIDDEN,
            source=Consent.Source.PROFILE,
        )
    if kinds is not None:
        profile.opportunities.exclude(kind__in=kinds).delete()
        Opportunity.objects.bulk_create(
            [Opportunity(profile=profile, kind=kind) for kind in kinds], ignore_conflicts=True
        )
    _rescore(profile)
    return profile


@transaction.atomic
def profile_photo_set(*, profile: TalentProfile, photo: Photo) -> None:
    _lock_files(profile)
    old = (profile.photo.name, profile.photo_thumbnail.name)
    profile.photo.save(_random_name("photos", "jpg"), ContentFile(photo.image), save=False)
    profile.photo_thumbnail.save(
        _random_name("photos", "jpg"), ContentFile(photo.thumbnail), save=False
    )
    profile.save(update_fields=["photo", "photo_thumbnail", "updated_at"])
    _delete_files_on_commit(*old)


@transaction.atomic
def profile_photo_delete(*, profile: TalentProfile) -> None:
    _lock_files(profile)
    _delete_files_on_commit(profile.photo.name, profile.photo_thumbnail.name)
    profile.photo, profile.photo_thumbnail = "", ""
    profile.save(update_fields=["photo", "photo_thumbnail", "updated_at"])


@transaction.atomic
def profile_cv_set(*, profile: TalentProfile, upload: UploadedFile) -> None:
    _lock_files(profile)
    old = profile.cv.name
    upload.seek(0)
    profile.cv.save(_random_name("cv", "pdf"), upload, save=False)
    profile.cv_filename = (upload.name or "cv.pdf").rsplit("/", 1)[-1][:200]
    profile.save(update_fields=["cv", "cv_filename", "updated_at"])
    _delete_files_on_commit(old)


@transaction.atomic
def profile_cv_delete(*, profile: TalentProfile) -> None:
    _lock_files(profile)
    _delete_files_on_commit(profile.cv.name)
    profile.cv, profile.cv_filename = "", ""
    profile.save(update_fields=["cv", "cv_filename", "updated_at"])


@transaction.atomic
def profile_skill_set(*, profile: TalentProfile, skill: Skill, level: int) -> ProfileSkill:
    """Add a skill, or change the level of one the profile has."""
    existing = profile.skills.filter(skill=skill).first()
    if existing is None and profile.skills.count() >= MAX_SKILLS:
        raise ValidationError(
            _("A profile can list at most %(count)s skills.") % {"count": MAX_SKILLS}
        )
    item, _created = ProfileSkill.objects.update_or_create(
        profile=profile, skill=skill, defaults={"level": level}
    )
    _rescore(profile)
    return item


@transaction.atomic
def profile_occupation_add(*, profile: TalentProfile, occupation: Occupation) -> None:
    if profile.occupations.filter(pk=occupation.pk).exists():
        return
    if profile.occupations.count() >= MAX_OCCUPATIONS:
        raise ValidationError(
            _("A profile can list at most %(count)s occupations.") % {"count": MAX_OCCUPATIONS}
        )
    profile.occupations.add(occupation)
    _rescore(profile)


@transaction.atomic
def profile_occupation_remove(*, profile: TalentProfile, occupation_id: int) -> bool:
    removed = profile.occupations.filter(pk=occupation_id).exists()
    profile.occupations.remove(occupation_id)
    if removed:
        _rescore(profile)
    return removed


@transaction.atomic
def profile_language_set(*, profile: TalentProfile, language: str, level: int) -> None:
    ProfileLanguage.objects.update_or_create(
        profile=profile, language=language, defaults={"level": level}
    )
    _rescore(profile)


@transaction.atomic
def profile_item_add(*, profile: TalentProfile, item: models.Model) -> models.Model:
    """Add an education or work-experience entry (a validated, unsaved instance)."""
    item.profile = profile
    item.save()
    return item


@transaction.atomic
def profile_item_delete(*, profile: TalentProfile, model: type[models.Model], pk: int) -> bool:
    """Delete one of the profile's own items; False when it is not theirs (or gone)."""
    deleted, _counts = model.objects.filter(profile=profile, pk=pk).delete()
    if deleted and model in (ProfileSkill, ProfileLanguage):
        _rescore(profile)
    return bool(deleted)


@transaction.atomic
def contact_request_create(
    *, profile: TalentProfile, enterprise, requested_by, message: str = "", opening=None
) -> ContactRequest:
    """A verified enterprise asks an anonymous talent to share their identity, about one of
    its published openings or in general; a few a day, so no company can spam the pool."""
    if profile.visibility != TalentProfile.Visibility.ANONYMOUS:
        raise ValidationError(_("Only anonymous profiles take contact requests."))
    if EnterpriseBlock.objects.filter(profile=profile, enterprise=enterprise).exists():
        # Worded like any refusal: the talent's choice is theirs to keep private.
        raise ValidationError(_("This talent cannot be contacted."), code="blocked")
    if opening is not None and opening.enterprise_id != enterprise.pk:
        raise ValidationError(_("Choose one of your company’s openings."), code="opening")
    # Locked, so two members sending at once cannot both take the last request of the day.
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    since = timezone.now() - datetime.timedelta(days=1)
    sent = ContactRequest.objects.filter(enterprise=enterprise, created_at__gte=since).count()
    if sent >= settings.CONTACT_REQUESTS_PER_DAY:
        raise ValidationError(
            _("Your company has sent %(count)s contact requests in a day; try again tomorrow.")
            % {"count": sent},
            code="rate_limited",
        )
    contact, created = ContactRequest.objects.get_or_create(
        profile=profile,
        enterprise=enterprise,
        defaults={"requested_by": requested_by, "message": message, "opening": opening},
    )
    if not created:
        raise ValidationError(_("Your company has already asked this talent."))
    return contact


# The talent answers once; an answer is final (a declined enterprise cannot ask again).
CONTACT_TRANSITIONS = {
    ContactRequest.Status.PENDING: {ContactRequest.Status.ACCEPTED, ContactRequest.Status.DECLINED}
}


@transaction.atomic
def contact_request_decide(
    *, profile: TalentProfile, pk: int, accept: bool, block: bool = False
) -> ContactRequest:
    """Accept or decline one of the talent's own pending requests (DoesNotExist otherwise);
    declining can also block the enterprise from finding or contacting the talent again."""
    contact = ContactRequest.objects.select_for_update().get(pk=pk, profile=profile)
    target = ContactRequest.Status.ACCEPTED if accept else ContactRequest.Status.DECLINED
    if target not in CONTACT_TRANSITIONS.get(contact.status, set()):
        raise ValidationError(_("This request has already been answered."))
    contact.status, contact.decided_at = target, timezone.now()
    contact.save(update_fields=["status", "decided_at"])
    if block and not accept:
        EnterpriseBlock.objects.get_or_create(profile=profile, enterprise=contact.enterprise)
    return contact


@transaction.atomic
def enterprise_block(*, profile: TalentProfile, enterprise_id: int) -> None:
    """The talent stops hearing from an enterprise: it loses them from its pool and its
    suggestions, and their conversation closes (what was said stays readable)."""
    if not profile.contact_requests.filter(enterprise_id=enterprise_id).exists():
        # Only an enterprise that reached out can be blocked: no probing for company ids.
        raise ContactRequest.DoesNotExist
    EnterpriseBlock.objects.get_or_create(profile=profile, enterprise_id=enterprise_id)


@transaction.atomic
def enterprise_unblock(*, profile: TalentProfile, enterprise_id: int) -> bool:
    deleted, _counts = EnterpriseBlock.objects.filter(
        profile=profile, enterprise_id=enterprise_id
    ).delete()
    return bool(deleted)


MAX_MESSAGE = ContactMessage._meta.get_field("body").max_length


@transaction.atomic
def contact_message_post(*, contact_id: int, author, body: str) -> ContactMessage:
    """A message between the talent and the team of an enterprise whose contact request the
    talent accepted; the other side is mailed. PermissionDenied for anyone else, and a
    ValidationError when the request is not accepted, the enterprise is blocked or the body
    is empty or too long."""
    contact = (
        ContactRequest.objects.select_for_update(of=("self",))
        .select_related("profile")
        .filter(pk=contact_id)
        .first()
    )
    if contact is None or not _in_contact_thread(contact, author):
        raise PermissionDenied
    if contact.status != ContactRequest.Status.ACCEPTED:
        raise ValidationError(
            _("The talent has not accepted this contact request."), code="not_accepted"
        )
    if EnterpriseBlock.objects.filter(
        profile_id=contact.profile_id, enterprise_id=contact.enterprise_id
    ).exists():
        raise ValidationError(_("The conversation is closed."), code="closed")
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."), code="required")
    if len(body) > MAX_MESSAGE:
        raise ValidationError(
            _("Write at most %(count)s characters.") % {"count": MAX_MESSAGE}, code="max_length"
        )
    message = ContactMessage.objects.create(contact_request=contact, author=author, body=body)
    _contact_message_notify(message)
    return message


def _contact_message_notify(message: ContactMessage) -> None:
    """Tell the other side of a contact thread: the talent of the team's messages, the team
    (the member who asked, while still in it) of the talent's."""
    contact = message.contact_request
    talent_id = contact.profile.user_id
    to_talent = message.author_id != talent_id
    if to_talent:
        user_ids = [talent_id]
    else:
        team = who_answers(enterprise_id=contact.enterprise_id, user_id=contact.requested_by_id)
        user_ids = [user.pk for user in team]
    notify(
        kind="contact_message",
        key=f"contact_message:{message.pk}",
        context={
            "enterprise": {"name": contact.enterprise.name},
            "talent_name": contact.profile.display_name,
            "note": message.body,
            "to_talent": to_talent,
        },
        url=reverse("profiles:contact_thread", args=[contact.pk]),
        user_ids=user_ids,
    )


def _in_contact_thread(contact: ContactRequest, user) -> bool:
    """The talent, or a member of the enterprise that asked."""
    if user is None or not user.is_authenticated:
        return False
    if contact.profile.user_id == user.pk:
        return True
    return Membership.objects.filter(user=user, enterprise_id=contact.enterprise_id).exists()
